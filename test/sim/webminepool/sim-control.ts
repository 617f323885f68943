// /__sim endpoints: drive the WebMinePool simulator from another process (demo, browser e2e).
// No credentials (loopback test tool); only GET /__sim/keys returns secret keys.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultRule } from '../common/faults';
import { readRequestBody, writeSimResponse } from '../common/http-io';
import { WMP_METHODS, type WmpEnvelopeStyle, type WmpMethod, type WmpNumberStyle, type WmpSim } from './types';
import type { WmpWorld } from './world';

type ActionInput = Record<string, unknown>;
type Action = (input: ActionInput) => Record<string, unknown>;

export function createSimControl(sim: () => WmpSim, world: WmpWorld): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const actions: Record<string, Action> = {
    startUser: (input) => done(() => sim().startUser(text(input, 'user'))),
    stopUser: (input) => done(() => sim().stopUser(text(input, 'user'))),
    resetUser: (input) => done(() => sim().resetUser(text(input, 'user'))),
    withdraw: (input) => done(() => sim().withdraw(text(input, 'user'), numeric(input, 'amount'))),
    addUser: (input) =>
      done(() =>
        sim().addUser({
          name: text(input, 'user'),
          hps: numeric(input, 'hps'),
          ...(input.site !== undefined && { site: numeric(input, 'site') }),
          ...(input.hashes !== undefined && { hashes: numeric(input, 'hashes') }),
          ...(input.mining !== undefined && { mining: Boolean(input.mining) }),
        }),
      ),
    deleteUser: (input) => done(() => sim().deleteUser(text(input, 'user'))),
    userNames: () => ({ ok: true, names: sim().userNames() }),
    payHashes: () => done(() => sim().payHashes()),
    advanceClock: (input) => done(() => sim().advanceClock(numeric(input, 'ms'))),
    setEnvelope: (input) => done(() => sim().setEnvelope(envelopeStyle(input), optionalMethod(input))),
    setNumbers: (input) => done(() => sim().setNumbers(numberStyle(input))),
    // new secret keys are only handed out by GET /__sim/keys
    addKey: () => done(() => sim().addKey()),
    revokeKey: (input) => done(() => sim().revokeKey(text(input, 'secretKey'))),
    refreshKey: (input) => done(() => sim().refreshKey(text(input, 'secretKey'))),
    fault: (input) => done(() => sim().faults.add(parseFaultRule(input))),
    clearFaults: () => done(() => sim().faults.clear()),
    requestLog: () => ({ ok: true, requestLog: sim().requestLog }),
  };

  return async (req, res, url) => {
    const send = (status: number, body: unknown): void => writeSimResponse(res, { status, body, headers: { 'Cache-Control': 'no-store' } }, JSON.stringify);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /__sim/state') return send(200, state(sim(), world));
    if (route === 'GET /__sim/keys') return send(200, { secretKey: sim().secretKey, secretKeys: sim().secretKeys(), siteKeys: sim().siteKeys });
    if (route !== 'POST /__sim/control') return send(404, { error: `no such simulator endpoint: ${route}` });
    let input: unknown;
    try {
      input = JSON.parse(await readRequestBody(req, 65_536));
    } catch {
      return send(400, { ok: false, error: 'body must be JSON like {"action": "stopUser", "user": "alice"}' });
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

function done(effect: () => void): Record<string, unknown> {
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

function envelopeStyle(input: ActionInput): WmpEnvelopeStyle {
  const style = input.style;
  if (style !== 'success' && style !== 'status') throw new Error('style must be "success" or "status"');
  return style;
}

function numberStyle(input: ActionInput): WmpNumberStyle {
  const style = input.style;
  if (style !== 'number' && style !== 'string') throw new Error('style must be "number" or "string"');
  return style;
}

function optionalMethod(input: ActionInput): WmpMethod | undefined {
  if (input.method === undefined) return undefined;
  const method = WMP_METHODS.find((known) => known === input.method);
  if (!method) throw new Error(`method must be one of ${WMP_METHODS.join(', ')}`);
  return method;
}

function state(sim: WmpSim, world: WmpWorld): Record<string, unknown> {
  return {
    url: sim.url,
    nowMs: world.clock.now(),
    clockOffsetMs: world.clock.offsetMs(),
    siteKeys: sim.siteKeys,
    users: sim.users(),
    accountHashes: sim.accountHashes(),
    balance: sim.balance(),
    rates: sim.rates(),
    envelope: world.envelope,
    envelopeByMethod: world.envelopeByMethod,
    numbers: world.numbers,
  };
}
