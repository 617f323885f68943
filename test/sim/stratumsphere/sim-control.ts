// /__sim endpoints: drive the simulator from another process (demo, browser e2e).
// No credentials (loopback test tool); only GET /__sim/keys returns the API key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultRule } from '../common/faults';
import { readRequestBody, writeSimResponse } from '../common/http-io';
import type { StratumsphereSim } from './types';
import type { StratumsphereWorld } from './world';

type ActionInput = Record<string, unknown>;
type Action = (input: ActionInput) => Record<string, unknown>;

export function createSimControl(sim: () => StratumsphereSim, world: StratumsphereWorld): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const actions: Record<string, Action> = {
    advanceClock: (input) => done(() => sim().advanceClock(numeric(input, 'ms'))),
    setRentalConnections: (input) => done(() => sim().setRentalConnections(numeric(input, 'rentalId'), nullable(input, 'connections', numeric))),
    setRentalStable: (input) => done(() => sim().setRentalStable(numeric(input, 'rentalId'), nullable(input, 'stable', flag))),
    // the new key is only handed out by GET /__sim/keys
    resetKey: () => done(() => sim().resetKey()),
    addRental: (input) => ({ ok: true, rentalId: sim().addRental(numeric(input, 'schedulerId'), text(input, 'title')) }),
    removeRental: (input) => done(() => sim().removeRental(numeric(input, 'rentalId'))),
    fault: (input) => done(() => sim().faults.add(parseFaultRule(input))),
    clearFaults: () => done(() => sim().faults.clear()),
    requestLog: () => ({ ok: true, requestLog: sim().requestLog }),
  };

  return async (req, res, url) => {
    const send = (status: number, body: unknown): void => writeSimResponse(res, { status, body, headers: { 'Cache-Control': 'no-store' } }, JSON.stringify);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /__sim/state') {
      return send(200, { url: sim().url, nowMs: world.clock.now(), clockOffsetMs: world.clock.offsetMs(), envelopes: world.envelopes, schedulers: sim().state() });
    }
    if (route === 'GET /__sim/keys') return send(200, { apiKey: sim().apiKey });
    if (route !== 'POST /__sim/control') return send(404, { error: `no such simulator endpoint: ${route}` });
    let input: unknown;
    try {
      input = JSON.parse(await readRequestBody(req, 65_536));
    } catch {
      return send(400, { ok: false, error: 'body must be JSON like {"action": "setRentalConnections", ...}' });
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return send(400, { ok: false, error: 'body must be a JSON object' });
    const fields = input as ActionInput;
    const action = typeof fields.action === 'string' ? actions[fields.action] : undefined;
    if (!action) return send(400, { ok: false, error: `unknown action; expected one of ${Object.keys(actions).join(', ')}` });
    try {
      return send(200, action(fields));
    } catch (error) {
      return send(400, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
}

function done(effect: () => unknown): Record<string, unknown> {
  effect();
  return { ok: true };
}

function text(input: ActionInput, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

function numeric(input: ActionInput, name: string): number {
  const value = input[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

function flag(input: ActionInput, name: string): boolean {
  const value = input[name];
  if (typeof value !== 'boolean') throw new Error(`${name} must be true or false`);
  return value;
}

/** The value, or null when the field is null (back to the simulated value); absent is an error. */
function nullable<T>(input: ActionInput, name: string, read: (input: ActionInput, name: string) => T): T | null {
  if (!(name in input)) throw new Error(`${name} is required (null to stop pinning it)`);
  return input[name] === null ? null : read(input, name);
}
