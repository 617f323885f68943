// The /__sim control API of every pool simulator: drive it from another process (demo, browser e2e).
// No credentials (loopback test tool); only GET /__sim/keys returns secrets. Never faulted, never logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { numeric, done, type ControlInput } from './control-input';
import { parseFaultRule, type FaultController } from './faults';
import { readRequestBody, writeSimResponse } from './http-io';

const CONTROL_BODY_LIMIT = 65_536;

/** What every simulator offers the control API on its own. */
export interface ControlledSim {
  faults: FaultController;
  requestLog: readonly unknown[];
  advanceClock(ms: number): void;
}

export type ControlVerb<S> = (input: ControlInput, sim: S) => Record<string, unknown>;

/** One pool's part of the control API. */
export interface SimControlSpec<S> {
  /** GET /__sim/state */
  state: (sim: S) => unknown;
  /** GET /__sim/keys: the only answer holding secrets */
  keys: (sim: S) => unknown;
  /** the pool's own POST /__sim/control actions; advanceClock, fault, clearFaults and requestLog come with every pool */
  verbs: Record<string, ControlVerb<S>>;
}

export type ControlHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export function isControlPath(pathname: string): boolean {
  return pathname === '/__sim' || pathname.startsWith('/__sim/');
}

function sharedVerbs<S extends ControlledSim>(): Record<string, ControlVerb<S>> {
  return {
    advanceClock: (input, sim) => done(() => sim.advanceClock(numeric(input, 'ms'))),
    fault: (input, sim) => done(() => sim.faults.add(parseFaultRule(input))),
    clearFaults: (_input, sim) => done(() => sim.faults.clear()),
    requestLog: (_input, sim) => ({ ok: true, requestLog: sim.requestLog }),
  };
}

/** `sim` throws while the server is still starting (the simulator object needs the bound port). */
export function createSimControl<S extends ControlledSim>(sim: () => S, spec: SimControlSpec<S>): ControlHandler {
  const verbs: Record<string, ControlVerb<S>> = { ...spec.verbs, ...sharedVerbs<S>() };
  const example = Object.keys(verbs)[0] ?? 'fault';
  const answer = async (req: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }> => {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /__sim/state') return { status: 200, body: spec.state(sim()) };
    if (route === 'GET /__sim/keys') return { status: 200, body: spec.keys(sim()) };
    if (route !== 'POST /__sim/control') return { status: 404, body: { error: `no such simulator endpoint: ${route}` } };
    let input: unknown;
    try {
      input = JSON.parse(await readRequestBody(req, CONTROL_BODY_LIMIT));
    } catch {
      return { status: 400, body: { ok: false, error: `body must be JSON like {"action": "${example}", ...}` } };
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { status: 400, body: { ok: false, error: 'body must be a JSON object' } };
    const fields = input as ControlInput;
    const verb = typeof fields.action === 'string' && Object.hasOwn(verbs, fields.action) ? verbs[fields.action] : undefined;
    if (!verb) return { status: 400, body: { ok: false, error: `unknown action; expected one of ${Object.keys(verbs).join(', ')}` } };
    try {
      return { status: 200, body: verb(fields, sim()) };
    } catch (error) {
      return { status: 400, body: { ok: false, error: messageOf(error) } };
    }
  };
  return (req, res, url) => {
    const send = (status: number, body: unknown): void => writeSimResponse(res, { status, body, headers: { 'Cache-Control': 'no-store' } }, JSON.stringify);
    answer(req, url).then(
      ({ status, body }) => send(status, body),
      (error: unknown) => (res.headersSent ? res.destroy() : send(500, { ok: false, error: messageOf(error) })),
    );
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
