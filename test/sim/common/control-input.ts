// Readers for the fields of a POST /__sim/control body: each throws a message the caller gets back as a 400.

export type ControlInput = Record<string, unknown>;

/** Runs a control verb that answers nothing but success. */
export function done(effect: () => unknown): Record<string, unknown> {
  effect();
  return { ok: true };
}

export function text(input: ControlInput, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

export function numeric(input: ControlInput, name: string): number {
  const value = input[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

export function flag(input: ControlInput, name: string): boolean {
  const value = input[name];
  if (typeof value !== 'boolean') throw new Error(`${name} must be true or false`);
  return value;
}

/** The value, or null when the field is null (back to the simulated value); absent is an error. */
export function nullable<T>(input: ControlInput, name: string, read: (input: ControlInput, name: string) => T): T | null {
  if (!(name in input)) throw new Error(`${name} is required (null to stop pinning it)`);
  return input[name] === null ? null : read(input, name);
}
