// Public types of the Stratumsphere simulator (re-exported by index.ts).
import type { FaultController } from '../common/faults';
import type { Algorithm, Location, SchedulerType } from './keywords';

export interface StratumsphereSimSchedulerOption {
  name: string;
  type: SchedulerType;
  algorithm: Algorithm;
  location: Location;
  rentals: number;
}

/** Which calls wrap their answer in {success, data} and which send it flat; the live API mixes both (NOTES.md). */
export interface StratumsphereSimEnvelopes {
  /** GET v1/schedulers; default 'wrapped' */
  schedulers?: 'wrapped' | 'flat';
  /** GET v1/scheduler-rental/{id}; default 'flat', as public client code reads it */
  rental?: 'wrapped' | 'flat';
}

export interface StratumsphereSimOptions {
  /** default 0 = random free port, always bound to 127.0.0.1 */
  port?: number;
  now?: () => number;
  /** deterministic pseudo-random data (hashrates, names, outages); default 42 */
  seed?: number;
  schedulers?: StratumsphereSimSchedulerOption[];
  envelopes?: StratumsphereSimEnvelopes;
}

export interface StratumsphereSimRequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  atMs: number;
}

/** A rental's figures at the simulator's present moment. */
export interface StratumsphereSimRentalState {
  id: number;
  schedulerId: number;
  title: string;
  connections: number;
  stable: boolean;
  hashrateHps: number;
  rejectedHps: number;
}

export interface StratumsphereSimSchedulerState {
  id: number;
  name: string;
  type: SchedulerType;
  algorithm: Algorithm;
  location: Location;
  rentals: StratumsphereSimRentalState[];
}

export interface StratumsphereSim {
  url: string;
  port: number;
  /** the key that works now; resetKey() replaces it */
  readonly apiKey: string;
  /** like Account → Integrations → Reset: the old key stops working at once; returns the new one */
  resetKey(): string;
  faults: FaultController;
  advanceClock(ms: number): void;
  /** pins a rental's connection count (0 = nothing connected); null returns it to the simulated value */
  setRentalConnections(rentalId: number, connections: number | null): void;
  /** pins a rental's stability flag; null returns it to the simulated value */
  setRentalStable(rentalId: number, stable: boolean | null): void;
  addRental(schedulerId: number, title: string): number;
  removeRental(rentalId: number): void;
  /** every scheduler and rental with its present figures */
  state(): StratumsphereSimSchedulerState[];
  /** last 1000 API requests (not /__sim); never holds header values */
  requestLog: StratumsphereSimRequestLogEntry[];
  close(): Promise<void>;
}
