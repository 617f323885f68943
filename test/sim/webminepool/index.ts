// WebMinePool simulator: a real HTTP server on 127.0.0.1 that behaves like the documented HTTP API.
import { createFaultController } from '../common/faults';
import { startSimServer } from '../common/sim-server';
import { createWmpRequestHandler } from './router';
import { userState } from './routes';
import { wmpControl } from './sim-control';
import type { WmpSim, WmpSimOptions, WmpSimRequestLogEntry } from './types';
import {
  accountHashes,
  addUser,
  createWorld,
  currentRates,
  deleteUser,
  payHashes,
  resetUser,
  startUser,
  stopUser,
  withdraw,
} from './world';

export type { FaultController, Fault, FaultRule } from '../common/faults';
export type {
  WmpEnvelopeStyle,
  WmpMethod,
  WmpNumberStyle,
  WmpSim,
  WmpSimOptions,
  WmpSimRates,
  WmpSimRequestLogEntry,
  WmpSimUserOption,
  WmpSimUserState,
} from './types';
export { LISTED_WITHIN_MS } from './users';

export async function startWebMinePoolSim(options: WmpSimOptions = {}): Promise<WmpSim> {
  const world = createWorld(options);
  const faults = createFaultController();
  const requestLog: WmpSimRequestLogEntry[] = [];
  return startSimServer<WmpSim>({
    port: options.port,
    handle: createWmpRequestHandler({ world, faults, requestLog }),
    control: wmpControl(world),
    build: ({ url, port, close }) => ({
      url,
      port,
      secretKey: world.keys.first,
      secretKeys: () => world.keys.all(),
      siteKeys: [...world.siteKeys],
      addKey: () => world.keys.add(),
      revokeKey: (secretKey) => world.keys.revoke(secretKey),
      refreshKey: (secretKey) => world.keys.refresh(secretKey),
      faults,
      advanceClock: (ms) => world.clock.advance(ms),
      nowMs: () => world.clock.now(),
      startUser: (name) => startUser(world, name),
      stopUser: (name) => stopUser(world, name),
      resetUser: (name) => resetUser(world, name),
      withdraw: (name, amount) => {
        if (!withdraw(world, name, amount)) throw new Error(`user ${name} has fewer than ${amount} hashes`);
      },
      addUser: (spec) => {
        addUser(world, spec);
      },
      deleteUser: (name) => deleteUser(world, name),
      users: () => [...world.users.values()].map((user) => userState(user, world.clock.now())),
      userNames: () => [...world.users.keys()],
      payHashes: () => payHashes(world),
      accountHashes: () => accountHashes(world),
      balance: () => world.balanceWmc,
      rates: () => currentRates(world),
      setEnvelope: (style, method) => {
        if (method) world.envelopeByMethod[method] = style;
        else world.envelope = style;
      },
      setNumbers: (style) => {
        world.numbers = style;
      },
      requestLog,
      close,
    }),
  });
}
