// /__sim endpoints: drive the simulator from another process (demo, browser e2e).
// No credentials (loopback test tool); only GET /__sim/keys returns access keys and private keys.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultRule } from '../common/faults';
import { readRequestBody, writeSimResponse } from '../common/http-io';
import { isSpiderCoin, type SpiderCoin } from './coins';
import type { SpiderSim } from './types';
import { workerStatus } from './workers';
import type { SpiderWorld } from './world';

type ActionInput = Record<string, unknown>;
type Action = (input: ActionInput) => Record<string, unknown>;

export function createSimControl(sim: () => SpiderSim, world: SpiderWorld): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const actions: Record<string, Action> = {
    stopWorker: (input) => done(() => sim().stopWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
    startWorker: (input) => done(() => sim().startWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
    setWorkerLastShare: (input) => done(() => sim().setWorkerLastShare(text(input, 'subaccount'), coin(input), text(input, 'worker'), numeric(input, 'atMs'))),
    addWorker: (input) => done(() => sim().addWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
    workerNames: (input) => ({ ok: true, names: sim().workerNames(text(input, 'subaccount'), coin(input)) }),
    advanceClock: (input) => done(() => sim().advanceClock(numeric(input, 'ms'))),
    addKey: (input) => {
      const subaccounts = input.subaccounts;
      if (subaccounts !== undefined && (!Array.isArray(subaccounts) || !subaccounts.every((name) => typeof name === 'string'))) {
        throw new Error('subaccounts must be a list of names');
      }
      const key = sim().addKey(subaccounts === undefined ? {} : { subaccounts: subaccounts as string[] });
      // the private key is only handed out by GET /__sim/keys
      return { ok: true, accessKey: key.accessKey };
    },
    revokeKey: (input) => done(() => sim().revokeKey(text(input, 'accessKey'))),
    fault: (input) => done(() => sim().faults.add(parseFaultRule(input))),
    clearFaults: () => done(() => sim().faults.clear()),
    requestLog: () => ({ ok: true, requestLog: sim().requestLog }),
  };

  return async (req, res, url) => {
    const send = (status: number, body: unknown): void => writeSimResponse(res, { status, body, headers: { 'Cache-Control': 'no-store' } }, JSON.stringify);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /__sim/state') return send(200, state(sim(), world));
    if (route === 'GET /__sim/keys') return send(200, { fullKey: sim().fullKey, addedKeys: world.keys.addedKeys() });
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

function coin(input: ActionInput): SpiderCoin {
  const value = text(input, 'coin');
  if (!isSpiderCoin(value)) throw new Error('coin must be one of btc, bch, ltc, fb (lower case)');
  return value;
}

function numeric(input: ActionInput, name: string): number {
  const value = input[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

function state(sim: SpiderSim, world: SpiderWorld): Record<string, unknown> {
  const nowMs = world.clock.now();
  return {
    url: sim.url,
    nowMs,
    serverNowMs: world.serverNow(),
    clockOffsetMs: world.clock.offsetMs(),
    timestampWindowMs: world.timestampWindowMs,
    workerPaging: world.workerPaging,
    subaccounts: world.subaccounts.map((subaccount) => ({
      name: subaccount.name,
      coins: subaccount.mines.map((mine) => {
        const counts = { active: 0, inactive: 0, lost: 0 };
        for (const worker of mine.byName) counts[workerStatus(worker, nowMs)] += 1;
        return { coin: mine.coin, workers: mine.byName.length, ...counts };
      }),
    })),
  };
}
