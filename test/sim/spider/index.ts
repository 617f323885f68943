// Spider Pool simulator: a real HTTP server on 127.0.0.1 that checks signatures and behaves like the documented API.
import { createFaultController } from '../common/faults';
import { startSimServer } from '../common/sim-server';
import { createSpiderRequestHandler } from './router';
import { spiderControl } from './sim-control';
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
  return startSimServer<SpiderSim>({
    port: options.port,
    handle: createSpiderRequestHandler({ world, faults, requestLog }),
    control: spiderControl(world),
    build: ({ url, port, close }) => ({
      url,
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
      close,
    }),
  });
}
