// Stratumsphere simulator: a real HTTP server on 127.0.0.1 that behaves like the v1 API as far as it is known.
import { createFaultController } from '../common/faults';
import { startSimServer } from '../common/sim-server';
import { createStratumsphereRequestHandler } from './router';
import { stratumsphereControl } from './sim-control';
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
  return startSimServer<StratumsphereSim>({
    port: options.port,
    handle: createStratumsphereRequestHandler({ world, faults, requestLog }),
    control: stratumsphereControl(world),
    build: ({ url, port, close }) => ({
      url,
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
      close,
    }),
  });
}
