// Stratumsphere simulator: a real HTTP server on 127.0.0.1 that behaves like the v1 API as far as it is known.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultController } from '../common/faults';
import { createStratumsphereRequestHandler } from './router';
import { createSimControl } from './sim-control';
import type { StratumsphereSim, StratumsphereSimOptions, StratumsphereSimRequestLogEntry } from './types';
import { addRental, createWorld, removeRental, setRentalConnections, setRentalStable, worldState } from './world';

export type { FaultController, Fault, FaultRule } from '../common/faults';
export type { Algorithm, Location, SchedulerType } from './keywords';
export type {
  StratumsphereSim,
  StratumsphereSimEnvelopes,
  StratumsphereSimOptions,
  StratumsphereSimRentalState,
  StratumsphereSimRequestLogEntry,
  StratumsphereSimSchedulerOption,
  StratumsphereSimSchedulerState,
} from './types';

export async function startStratumsphereSim(options: StratumsphereSimOptions = {}): Promise<StratumsphereSim> {
  const world = createWorld({
    ...(options.now && { now: options.now }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.schedulers && { schedulers: options.schedulers }),
    ...(options.envelopes && { envelopes: options.envelopes }),
  });
  const faults = createFaultController();
  const requestLog: StratumsphereSimRequestLogEntry[] = [];
  // the control API needs the finished sim, which needs the bound port
  const started: { sim?: StratumsphereSim } = {};
  const control = createSimControl(() => {
    if (!started.sim) throw new Error('simulator is still starting');
    return started.sim;
  }, world);
  const server = createServer(createStratumsphereRequestHandler({ world, faults, requestLog, control }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const sim: StratumsphereSim = {
    url: `http://127.0.0.1:${port}`,
    port,
    get apiKey() {
      return world.key.current();
    },
    resetKey: () => world.key.reset(),
    faults,
    advanceClock: (ms) => world.clock.advance(ms),
    setRentalConnections: (rentalId, connections) => setRentalConnections(world, rentalId, connections),
    setRentalStable: (rentalId, stable) => setRentalStable(world, rentalId, stable),
    addRental: (schedulerId, title) => addRental(world, schedulerId, title).id,
    removeRental: (rentalId) => removeRental(world, rentalId),
    state: () => worldState(world),
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
