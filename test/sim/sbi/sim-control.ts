// SBI's part of the /__sim control API (see ../common/control-server.ts): worker, payout and key verbs.
import { done, flag, numeric, text } from '../common/control-input';
import type { SimControlSpec } from '../common/control-server';
import { summarize } from './subaccounts';
import type { SbiSim } from './types';
import type { SbiWorld } from './world';

export function sbiControl(world: SbiWorld): SimControlSpec<SbiSim> {
  return {
    state: (sim) => state(sim, world),
    keys: (sim) => ({ fullKey: sim.fullKey, observerKeys: sim.observerKeys, addedKeys: world.keys.addedKeys() }),
    verbs: {
      stopWorker: (input, sim) => done(() => sim.stopWorker(text(input, 'subaccount'), text(input, 'worker'))),
      startWorker: (input, sim) => done(() => sim.startWorker(text(input, 'subaccount'), text(input, 'worker'))),
      setWorkerLastShare: (input, sim) => done(() => sim.setWorkerLastShare(text(input, 'subaccount'), text(input, 'worker'), numeric(input, 'atMs'))),
      setWorkerIdle: (input, sim) => done(() => sim.setWorkerIdle(text(input, 'subaccount'), text(input, 'worker'), flag(input, 'idle'))),
      addWorker: (input, sim) => done(() => sim.addWorker(text(input, 'subaccount'), text(input, 'worker'))),
      workerNames: (input, sim) => ({ ok: true, names: sim.workerNames(text(input, 'subaccount')) }),
      advancePayouts: (_input, sim) => done(() => sim.advancePayouts()),
      failNextPayout: (_input, sim) => done(() => sim.failNextPayout()),
      addKey: (input, sim) => {
        const key = sim.addKey({
          ...(input.permissions !== undefined && { permissions: input.permissions as never }),
          ...(input.subaccounts !== undefined && { subaccounts: input.subaccounts as never }),
          ...(input.expiresAtMs !== undefined && { expiresAtMs: input.expiresAtMs as never }),
          ...(input.accountOwner !== undefined && { accountOwner: Boolean(input.accountOwner) }),
        });
        // the secret is only handed out by GET /__sim/keys
        return { ok: true, apiKey: key.apiKey };
      },
      revokeKey: (input, sim) => done(() => sim.revokeKey(text(input, 'apiKey'))),
    },
  };
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
