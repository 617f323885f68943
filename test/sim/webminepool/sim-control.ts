// WebMinePool's part of the /__sim control API (see ../common/control-server.ts): user, envelope and key verbs.
import { done, numeric, text, type ControlInput } from '../common/control-input';
import type { SimControlSpec } from '../common/control-server';
import { WMP_METHODS, type WmpEnvelopeStyle, type WmpMethod, type WmpNumberStyle, type WmpSim } from './types';
import type { WmpWorld } from './world';

export function wmpControl(world: WmpWorld): SimControlSpec<WmpSim> {
  return {
    state: (sim) => state(sim, world),
    keys: (sim) => ({ secretKey: sim.secretKey, secretKeys: sim.secretKeys(), siteKeys: sim.siteKeys }),
    verbs: {
      startUser: (input, sim) => done(() => sim.startUser(text(input, 'user'))),
      stopUser: (input, sim) => done(() => sim.stopUser(text(input, 'user'))),
      resetUser: (input, sim) => done(() => sim.resetUser(text(input, 'user'))),
      withdraw: (input, sim) => done(() => sim.withdraw(text(input, 'user'), numeric(input, 'amount'))),
      addUser: (input, sim) =>
        done(() =>
          sim.addUser({
            name: text(input, 'user'),
            hps: numeric(input, 'hps'),
            ...(input.site !== undefined && { site: numeric(input, 'site') }),
            ...(input.hashes !== undefined && { hashes: numeric(input, 'hashes') }),
            ...(input.mining !== undefined && { mining: Boolean(input.mining) }),
          }),
        ),
      deleteUser: (input, sim) => done(() => sim.deleteUser(text(input, 'user'))),
      userNames: (_input, sim) => ({ ok: true, names: sim.userNames() }),
      payHashes: (_input, sim) => done(() => sim.payHashes()),
      setEnvelope: (input, sim) => done(() => sim.setEnvelope(envelopeStyle(input), optionalMethod(input))),
      setNumbers: (input, sim) => done(() => sim.setNumbers(numberStyle(input))),
      // new secret keys are only handed out by GET /__sim/keys
      addKey: (_input, sim) => done(() => sim.addKey()),
      revokeKey: (input, sim) => done(() => sim.revokeKey(text(input, 'secretKey'))),
      refreshKey: (input, sim) => done(() => sim.refreshKey(text(input, 'secretKey'))),
    },
  };
}

function envelopeStyle(input: ControlInput): WmpEnvelopeStyle {
  const style = input.style;
  if (style !== 'success' && style !== 'status') throw new Error('style must be "success" or "status"');
  return style;
}

function numberStyle(input: ControlInput): WmpNumberStyle {
  const style = input.style;
  if (style !== 'number' && style !== 'string') throw new Error('style must be "number" or "string"');
  return style;
}

function optionalMethod(input: ControlInput): WmpMethod | undefined {
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
