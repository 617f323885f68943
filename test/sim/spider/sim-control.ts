// Spider's part of the /__sim control API (see ../common/control-server.ts): worker and key verbs.
import { done, numeric, text, type ControlInput } from '../common/control-input';
import type { SimControlSpec } from '../common/control-server';
import { isSpiderCoin, type SpiderCoin } from './coins';
import type { SpiderSim } from './types';
import { workerStatus } from './workers';
import type { SpiderWorld } from './world';

export function spiderControl(world: SpiderWorld): SimControlSpec<SpiderSim> {
  return {
    state: (sim) => state(sim, world),
    // the only answer with private keys
    keys: (sim) => ({ fullKey: sim.fullKey, addedKeys: world.keys.addedKeys() }),
    verbs: {
      stopWorker: (input, sim) => done(() => sim.stopWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
      startWorker: (input, sim) => done(() => sim.startWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
      setWorkerLastShare: (input, sim) => done(() => sim.setWorkerLastShare(text(input, 'subaccount'), coin(input), text(input, 'worker'), numeric(input, 'atMs'))),
      addWorker: (input, sim) => done(() => sim.addWorker(text(input, 'subaccount'), coin(input), text(input, 'worker'))),
      workerNames: (input, sim) => ({ ok: true, names: sim.workerNames(text(input, 'subaccount'), coin(input)) }),
      addKey: (input, sim) => {
        const subaccounts = input.subaccounts;
        if (subaccounts !== undefined && (!Array.isArray(subaccounts) || !subaccounts.every((name) => typeof name === 'string'))) {
          throw new Error('subaccounts must be a list of names');
        }
        const key = sim.addKey(subaccounts === undefined ? {} : { subaccounts: subaccounts as string[] });
        // the private key is only handed out by GET /__sim/keys
        return { ok: true, accessKey: key.accessKey };
      },
      revokeKey: (input, sim) => done(() => sim.revokeKey(text(input, 'accessKey'))),
    },
  };
}

function coin(input: ControlInput): SpiderCoin {
  const value = text(input, 'coin');
  if (!isSpiderCoin(value)) throw new Error('coin must be one of btc, bch, ltc, fb (lower case)');
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
