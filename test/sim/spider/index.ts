// Spider Pool simulator: a real HTTP server on 127.0.0.1 that checks signatures and behaves like the documented API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultController } from '../common/faults';
import { createSpiderRequestHandler } from './router';
import { createSimControl } from './sim-control';
import type { SpiderSim, SpiderSimOptions, SpiderSimRequestLogEntry } from './types';
import { addWorker, createWorld, removeWorker, setWorkerLastShare, startWorker, stopWorker, workerNames } from './world';

export type { Fault, FaultController, FaultRule } from '../common/faults';
export type {
  SpiderCoin,
  SpiderSim,
  SpiderSimCoinOption,
  SpiderSimKey,
  SpiderSimOptions,
  SpiderSimRequestLogEntry,
  SpiderSimSubaccountOption,
  SpiderWorkerPaging,
} from './types';

export async function startSpiderSim(options: SpiderSimOptions = {}): Promise<SpiderSim> {
  const world = createWorld(options);
  const faults = createFaultController();
  const requestLog: SpiderSimRequestLogEntry[] = [];
  // the control API needs the finished SpiderSim, which needs the bound port
  const started: { sim?: SpiderSim } = {};
  const control = createSimControl(() => {
    if (!started.sim) throw new Error('simulator is still starting');
    return started.sim;
  }, world);
  const server = createServer(createSpiderRequestHandler({ world, faults, requestLog, control }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const sim: SpiderSim = {
    url: `http://127.0.0.1:${port}`,
    port,
    fullKey: world.keys.fullKey,
    addKey: (spec = {}) => world.keys.add(spec),
    revokeKey: (accessKey) => world.keys.revoke(accessKey),
    faults,
    advanceClock: (ms) => world.clock.advance(ms),
    now: () => world.clock.now(),
    stopWorker: (subaccount, coin, workerName) => stopWorker(world, subaccount, coin, workerName),
    startWorker: (subaccount, coin, workerName) => startWorker(world, subaccount, coin, workerName),
    setWorkerLastShare: (subaccount, coin, workerName, atMs) => setWorkerLastShare(world, subaccount, coin, workerName, atMs),
    addWorker: (subaccount, coin, workerName) => addWorker(world, subaccount, coin, workerName),
    removeWorker: (subaccount, coin, workerName) => removeWorker(world, subaccount, coin, workerName),
    workerNames: (subaccount, coin) => workerNames(world, subaccount, coin),
    requestLog,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // hung requests, streams and keep-alive sockets would otherwise hold close() open
        server.closeAllConnections();
      }),
  };
  started.sim = sim;
  return sim;
}
