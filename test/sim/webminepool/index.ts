// WebMinePool simulator: a real HTTP server on 127.0.0.1 that behaves like the documented HTTP API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultController } from '../common/faults';
import { createWmpRequestHandler } from './router';
import { userState } from './routes';
import { createSimControl } from './sim-control';
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
  // the control API needs the finished sim, which needs the bound port
  const started: { sim?: WmpSim } = {};
  const control = createSimControl(() => {
    if (!started.sim) throw new Error('simulator is still starting');
    return started.sim;
  }, world);
  const server = createServer(createWmpRequestHandler({ world, faults, requestLog, control }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const sim: WmpSim = {
    url: `http://127.0.0.1:${port}`,
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // hung requests and keep-alive sockets would otherwise hold close() open
        server.closeAllConnections();
      }),
  };
  started.sim = sim;
  return sim;
}
