// Everything the Stratumsphere simulator knows, plus the mutations the API and the control endpoints offer.
import { createSeededRandom, hashString, unitHash, type SeededRandom } from '../common/seeded-random';
import { createSimClock, type SimClock } from '../common/sim-clock';
import { createApiKeyStore, type ApiKeyStore } from './api-key';
import { isKeyword, RENTAL_HPS, ALGORITHMS, LOCATIONS, SCHEDULER_TYPES, type Algorithm, type Location, type SchedulerType } from './keywords';
import { rentalFigures, type RentalRecord } from './rentals';
import type { StratumsphereSimEnvelopes, StratumsphereSimSchedulerOption, StratumsphereSimSchedulerState } from './types';

export interface SchedulerRecord {
  readonly id: number;
  name: string;
  readonly type: SchedulerType;
  readonly algorithm: Algorithm;
  readonly location: Location;
  readonly seed: number;
  /** the owner's own hash passing through the scheduler, H/s */
  readonly personalBaseHps: number;
  /** threshold schedulers: the hashrate kept for the owner before anything is rented, H/s */
  readonly thresholdHps: number | null;
  /** in creation order */
  rentalIds: number[];
}

export interface StratumsphereWorld {
  readonly clock: SimClock;
  readonly key: ApiKeyStore;
  readonly random: SeededRandom;
  readonly envelopes: Required<StratumsphereSimEnvelopes>;
  readonly seed: number;
  /** in creation order */
  readonly schedulers: SchedulerRecord[];
  readonly rentals: Map<number, RentalRecord>;
  nextSchedulerId: number;
  nextRentalId: number;
}

export const DEFAULT_SCHEDULERS: readonly StratumsphereSimSchedulerOption[] = [
  { name: 'Main SHA256', type: 'miners', algorithm: 'SHA256', location: 'us-central', rentals: 6 },
  { name: 'EU Threshold', type: 'threshold', algorithm: 'SHA256', location: 'europe', rentals: 4 },
  { name: 'Scrypt M2M', type: 'miners', algorithm: 'scrypt', location: 'europe', rentals: 3 },
  { name: 'Dash X11', type: 'threshold', algorithm: 'X11', location: 'us-central', rentals: 2 },
  { name: 'Ethash legacy', type: 'miners', algorithm: 'ethash', location: 'europe', rentals: 1 },
];

const POOL_HOSTS = ['stratum+tcp://btc.pool-one.example:3333', 'stratum+tcp://eu.hashpool.example:443', 'stratum+tcp://mine.example.net:25'];

export interface WorldOptions {
  now?: () => number;
  seed?: number;
  schedulers?: readonly StratumsphereSimSchedulerOption[];
  envelopes?: StratumsphereSimEnvelopes;
}

export function createWorld(options: WorldOptions): StratumsphereWorld {
  const seed = options.seed ?? 42;
  const random = createSeededRandom(seed);
  const world: StratumsphereWorld = {
    clock: createSimClock(options.now),
    key: createApiKeyStore(),
    random,
    envelopes: { schedulers: options.envelopes?.schedulers ?? 'wrapped', rental: options.envelopes?.rental ?? 'flat' },
    seed,
    schedulers: [],
    rentals: new Map(),
    nextSchedulerId: random.int(100, 900),
    nextRentalId: random.int(10_000, 90_000),
  };
  for (const spec of options.schedulers ?? DEFAULT_SCHEDULERS) {
    const scheduler = addScheduler(world, spec);
    for (let index = 0; index < spec.rentals; index += 1) addRental(world, scheduler.id, `order-${random.int(1000, 10_000)}`);
  }
  return world;
}

export interface SchedulerSpec {
  name: string;
  type: SchedulerType;
  algorithm: Algorithm;
  location: Location;
  thresholdHps?: number;
}

export function addScheduler(world: StratumsphereWorld, spec: SchedulerSpec): SchedulerRecord {
  if (!isKeyword(SCHEDULER_TYPES, spec.type)) throw new Error(`scheduler type must be one of ${SCHEDULER_TYPES.join(', ')}`);
  if (!isKeyword(ALGORITHMS, spec.algorithm)) throw new Error(`algorithm must be one of ${ALGORITHMS.join(', ')}`);
  if (!isKeyword(LOCATIONS, spec.location)) throw new Error(`location must be one of ${LOCATIONS.join(', ')}`);
  const id = world.nextSchedulerId;
  world.nextSchedulerId += 1;
  const seed = (hashString(`scheduler/${id}`) ^ world.seed) >>> 0;
  const range = RENTAL_HPS[spec.algorithm];
  const personalBaseHps = range.min * (1 + unitHash(seed, 1) * 3);
  const scheduler: SchedulerRecord = {
    id,
    name: spec.name,
    type: spec.type,
    algorithm: spec.algorithm,
    location: spec.location,
    seed,
    personalBaseHps,
    thresholdHps: spec.type === 'threshold' ? (spec.thresholdHps ?? Math.round(personalBaseHps / 2)) : null,
    rentalIds: [],
  };
  world.schedulers.push(scheduler);
  return scheduler;
}

export function findScheduler(world: StratumsphereWorld, id: number): SchedulerRecord | undefined {
  return world.schedulers.find((scheduler) => scheduler.id === id);
}

export function findRental(world: StratumsphereWorld, id: number): RentalRecord | undefined {
  return world.rentals.get(id);
}

export interface RentalSpec {
  title: string;
  host?: string;
  user?: string;
  password?: string;
  workerNumberMaintained?: number;
  isPersonal?: boolean;
}

export function addRental(world: StratumsphereWorld, schedulerId: number, spec: RentalSpec | string): RentalRecord {
  const scheduler = findScheduler(world, schedulerId);
  if (!scheduler) throw new Error(`unknown scheduler ${schedulerId}`);
  const fields = typeof spec === 'string' ? { title: spec } : spec;
  if (fields.title.trim() === '') throw new Error('title must not be empty');
  const id = world.nextRentalId;
  world.nextRentalId += 1;
  const seed = (hashString(`rental/${id}`) ^ world.seed) >>> 0;
  const range = RENTAL_HPS[scheduler.algorithm];
  const baseConnections = 1 + Math.floor(unitHash(seed, 2) * 6);
  const rental: RentalRecord = {
    id,
    schedulerId,
    title: fields.title,
    host: fields.host ?? (POOL_HOSTS[seed % POOL_HOSTS.length] as string),
    user: fields.user ?? `buyer${seed % 1000}.rig`,
    // stratum passwords are conventionally "x"; the simulator never holds a real one
    password: fields.password ?? 'x',
    workerNumberMaintained: fields.workerNumberMaintained ?? baseConnections,
    isPersonal: fields.isPersonal ?? false,
    seed,
    baseHps: range.min + unitHash(seed, 3) * (range.max - range.min),
    baseConnections,
    createdAtMs: world.clock.now(),
    connectionsOverride: null,
    stableOverride: null,
  };
  world.rentals.set(id, rental);
  scheduler.rentalIds.push(id);
  return rental;
}

export function removeRental(world: StratumsphereWorld, rentalId: number): void {
  const rental = requireRental(world, rentalId);
  world.rentals.delete(rentalId);
  const scheduler = findScheduler(world, rental.schedulerId);
  if (scheduler) scheduler.rentalIds = scheduler.rentalIds.filter((id) => id !== rentalId);
}

export function setRentalConnections(world: StratumsphereWorld, rentalId: number, connections: number | null): void {
  if (connections !== null && (!Number.isInteger(connections) || connections < 0)) throw new Error('connections must be a non-negative integer or null');
  requireRental(world, rentalId).connectionsOverride = connections;
}

export function setRentalStable(world: StratumsphereWorld, rentalId: number, stable: boolean | null): void {
  if (stable !== null && typeof stable !== 'boolean') throw new Error('stable must be true, false or null');
  requireRental(world, rentalId).stableOverride = stable;
}

function requireRental(world: StratumsphereWorld, rentalId: number): RentalRecord {
  const rental = world.rentals.get(rentalId);
  if (!rental) throw new Error(`unknown rental ${rentalId}`);
  return rental;
}

export function worldState(world: StratumsphereWorld): StratumsphereSimSchedulerState[] {
  const nowMs = world.clock.now();
  return world.schedulers.map((scheduler) => ({
    id: scheduler.id,
    name: scheduler.name,
    type: scheduler.type,
    algorithm: scheduler.algorithm,
    location: scheduler.location,
    rentals: scheduler.rentalIds.map((id) => {
      const rental = requireRental(world, id);
      const figures = rentalFigures(rental, nowMs);
      return {
        id,
        schedulerId: scheduler.id,
        title: rental.title,
        connections: figures.connections,
        stable: figures.stable,
        hashrateHps: figures.hashrateHps,
        rejectedHps: figures.rejectedHps,
      };
    }),
  }));
}
