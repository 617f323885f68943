// /__sim endpoints: drive the simulator from another process (demo, browser e2e).
// No credentials (loopback test tool); only GET /__sim/keys returns secrets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultRule } from '../common/faults';
import { readRequestBody, writeSimResponse } from '../common/http-io';
import { summarize } from './subaccounts';
import type { SbiSim } from './types';
import type { SbiWorld } from './world';

type ActionInput = Record<string, unknown>;
type Action = (input: ActionInput) => Record<string, unknown>;

export function createSimControl(sim: () => SbiSim, world: SbiWorld): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const actions: Record<string, Action> = {
    stopWorker: (input) => done(() => sim().stopWorker(text(input, 'subaccount'), text(input, 'worker'))),
    startWorker: (input) => done(() => sim().startWorker(text(input, 'subaccount'), text(input, 'worker'))),
    setWorkerLastShare: (input) => done(() => sim().setWorkerLastShare(text(input, 'subaccount'), text(input, 'worker'), numeric(input, 'atMs'))),
    addWorker: (input) => done(() => sim().addWorker(text(input, 'subaccount'), text(input, 'worker'))),
    workerNames: (input) => ({ ok: true, names: sim().workerNames(text(input, 'subaccount')) }),
    advanceClock: (input) => done(() => sim().advanceClock(numeric(input, 'ms'))),
    advancePayouts: () => done(() => sim().advancePayouts()),
    failNextPayout: () => done(() => sim().failNextPayout()),
    addKey: (input) => {
      const key = sim().addKey({
        ...(input.permissions !== undefined && { permissions: input.permissions as never }),
        ...(input.subaccounts !== undefined && { subaccounts: input.subaccounts as never }),
        ...(input.expiresAtMs !== undefined && { expiresAtMs: input.expiresAtMs as never }),
        ...(input.accountOwner !== undefined && { accountOwner: Boolean(input.accountOwner) }),
      });
      // the secret is only handed out by GET /__sim/keys
      return { ok: true, apiKey: key.apiKey };
    },
    revokeKey: (input) => done(() => sim().revokeKey(text(input, 'apiKey'))),
    fault: (input) => done(() => sim().faults.add(parseFaultRule(input))),
    clearFaults: () => done(() => sim().faults.clear()),
    requestLog: () => ({ ok: true, requestLog: sim().requestLog }),
  };

  return async (req, res, url) => {
    const send = (status: number, body: unknown): void => writeSimResponse(res, { status, body, headers: { 'Cache-Control': 'no-store' } }, JSON.stringify);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /__sim/state') return send(200, state(sim(), world));
    if (route === 'GET /__sim/keys') {
      const current = sim();
      return send(200, { fullKey: current.fullKey, observerKeys: current.observerKeys, addedKeys: world.keys.addedKeys() });
    }
    if (route !== 'POST /__sim/control') return send(404, { error: `no such simulator endpoint: ${route}` });
    let input: unknown;
    try {
      input = JSON.parse(await readRequestBody(req, 65_536));
    } catch {
      return send(400, { ok: false, error: 'body must be JSON like {"action": "stopWorker", ...}' });
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

function state(sim: SbiSim, world: SbiWorld): Record<string, unknown> {
  const nowMs = world.clock.now();
  return {
    url: sim.url,
    accountName: sim.accountName,
    nowMs,
    clockOffsetMs: world.clock.offsetMs(),
    subaccounts: world.subaccounts.map((subaccount) => {
      const { counts, total } = summarize([subaccount], nowMs);
      return { id: subaccount.id, name: subaccount.name, coin: subaccount.coin, workers: total, online: counts.ONLINE, offline: counts.OFFLINE, dead: counts.DEAD };
    }),
  };
}
