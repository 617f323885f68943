// Small helpers over parsed JSON values, shared by the simulators' bodies and fault variants.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function numbersToStrings(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(numbersToStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersToStrings(item)]));
  }
  return value;
}

/** The record (or each record of a list) without the given top-level keys. */
export function withoutKeys(body: unknown, keys: ReadonlySet<string>): unknown {
  const strip = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(record).filter(([key]) => !keys.has(key)));
  if (Array.isArray(body)) return body.map((item) => (isRecord(item) ? strip(item) : item));
  if (isRecord(body)) return strip(body);
  return body;
}
