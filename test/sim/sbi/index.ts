// SBI Crypto Pool simulator: a real HTTP server on 127.0.0.1 that behaves like the documented API.
import { createFaultController } from '../common/faults';
import { startSimServer } from '../common/sim-server';
import { createSbiRequestHandler } from './router';
import { sbiControl } from './sim-control';
import type { SbiSim, SbiSimOptions, SbiSimRequestLogEntry } from './types';
import { createWorkerQueries } from './worker-query';
import { addWorker, createWorld, removeWorker, setWorkerIdle, setWorkerLastShare, startWorker, stopWorker, workerNames } from './world';

export type { FaultController, Fault, FaultRule } from '../common/faults';
export type { SbiPermission, SbiSim, SbiSimKey, SbiSimObserverKey, SbiSimOptions, SbiSimRequestLogEntry, SbiSimSubaccountOption } from './types';

export async function startSbiSim(options: SbiSimOptions = {}): Promise<SbiSim> {
  const world = createWorld({
    ...(options.now && { now: options.now }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.subaccounts && { subaccounts: options.subaccounts }),
  });
  const faults = createFaultController();
  const requestLog: SbiSimRequestLogEntry[] = [];
  const queries = createWorkerQueries(() => world.version);
  return startSimServer<SbiSim>({
    port: options.port,
    handle: createSbiRequestHandler({ world, queries, faults, requestLog }),
    control: sbiControl(world),
    build: ({ url, port, close }) => ({
      url,
      port,
      accountName: world.accountName,
      fullKey: world.keys.fullKey,
      observerKeys: world.keys.observerKeys,
      addKey: (spec) => world.keys.add(spec),
      revokeKey: (apiKey) => world.keys.revoke(apiKey),
      faults,
      advanceClock: (ms) => world.clock.advance(ms),
      stopWorker: (subaccount, workerName) => stopWorker(world, subaccount, workerName),
      startWorker: (subaccount, workerName) => startWorker(world, subaccount, workerName),
      setWorkerLastShare: (subaccount, workerName, atMs) => setWorkerLastShare(world, subaccount, workerName, atMs),
      setWorkerIdle: (subaccount, workerName, idle) => setWorkerIdle(world, subaccount, workerName, idle),
      addWorker: (subaccount, workerName) => addWorker(world, subaccount, workerName),
      removeWorker: (subaccount, workerName) => removeWorker(world, subaccount, workerName),
      workerNames: (subaccount) => workerNames(world, subaccount),
      advancePayouts: () => world.ledger.advance(world.clock.now()),
      failNextPayout: () => world.ledger.failNext(),
      requestLog,
      close,
    }),
  });
}
