// Everything the simulator knows, plus the mutations the control API offers.
import { MS_PER_DAY } from '../common/iso-time';
import { createSimClock, type SimClock } from '../common/sim-clock';
import { createSeededRandom, hashString, unitHash, type SeededRandom } from '../common/seeded-random';
import { COINS } from './coins';
import { createKeyStore, type KeyStore } from './keys';
import { createLedger, type Ledger } from './ledger';
import { createSubaccount, DEFAULT_SUBACCOUNTS, insertWorker, newWorker, removeWorkers, type Subaccount, type SubaccountSpec } from './subaccounts';
import type { WorkerRecord } from './workers';

export interface SbiWorld {
  readonly accountName: string;
  readonly timezone: string;
  /** Asia/Tokyo has no daylight saving, so a fixed offset is exact */
  readonly timezoneOffsetMinutes: number;
  readonly clock: SimClock;
  /** ordered by id */
  readonly subaccounts: readonly Subaccount[];
  readonly keys: KeyStore;
  readonly ledger: Ledger;
  readonly random: SeededRandom;
  /** bumps on every worker change; caches key on it */
  version: number;
}

export interface WorldOptions {
  now?: () => number;
  seed?: number;
  subaccounts?: readonly SubaccountSpec[];
}

export function createWorld(options: WorldOptions): SbiWorld {
  const seed = options.seed ?? 42;
  const clock = createSimClock(options.now);
  const random = createSeededRandom(seed);
  const nowMs = clock.now();
  const specs = options.subaccounts ?? DEFAULT_SUBACCOUNTS;
  const names = specs.map((spec) => spec.name);
  if (new Set(names).size !== names.length) throw new Error('subaccount names must be unique');
  const accountName = `pool-ops-${random.int(1000, 10_000)}@example.com`;
  const emptyStateHost = specs.find((spec) => spec.workers > 100)?.name;
  const subaccounts = specs.map((spec, index) => createSubaccount(spec, 11 + index * 7, random, nowMs, spec.name === emptyStateHost));
  return {
    accountName,
    timezone: 'Asia/Tokyo',
    timezoneOffsetMinutes: 540,
    clock,
    subaccounts,
    keys: createKeyStore(names),
    ledger: createLedger(subaccounts, seed, nowMs),
    random,
    version: 1,
  };
}

export function findSubaccount(world: SbiWorld, name: string): Subaccount {
  const subaccount = world.subaccounts.find((candidate) => candidate.name === name);
  if (!subaccount) throw new Error(`unknown subaccount ${name}`);
  return subaccount;
}

function findWorker(world: SbiWorld, subaccountName: string, workerName: string): WorkerRecord {
  const worker = findSubaccount(world, subaccountName).workers.get(workerName);
  if (!worker) throw new Error(`unknown worker ${workerName} in ${subaccountName}`);
  return worker;
}

export function markChanged(world: SbiWorld, worker?: WorkerRecord): void {
  world.version += 1;
  if (worker) worker.stamp = world.version;
}

export function stopWorker(world: SbiWorld, subaccountName: string, workerName: string): void {
  const worker = findWorker(world, subaccountName, workerName);
  if (worker.stoppedAtMs !== null) return;
  worker.stoppedAtMs = world.clock.now();
  markChanged(world, worker);
}

export function startWorker(world: SbiWorld, subaccountName: string, workerName: string): void {
  const worker = findWorker(world, subaccountName, workerName);
  if (worker.stoppedAtMs === null) return;
  worker.stoppedAtMs = null;
  worker.runStartMs = world.clock.now();
  markChanged(world, worker);
}

/** The worker stays ONLINE but hashes nothing (idle), or hashes again: what a rig with stuck hash boards looks like. */
export function setWorkerIdle(world: SbiWorld, subaccountName: string, workerName: string, idle: boolean): void {
  const worker = findWorker(world, subaccountName, workerName);
  if (worker.idle === idle) return;
  worker.idle = idle;
  markChanged(world, worker);
}

/** The worker's last share was at atMs and it has been silent since. */
export function setWorkerLastShare(world: SbiWorld, subaccountName: string, workerName: string, atMs: number): void {
  if (!Number.isFinite(atMs)) throw new Error('atMs must be a finite number');
  const worker = findWorker(world, subaccountName, workerName);
  worker.stoppedAtMs = atMs;
  if (worker.runStartMs > atMs) worker.runStartMs = atMs - MS_PER_DAY;
  markChanged(world, worker);
}

export function addWorker(world: SbiWorld, subaccountName: string, workerName: string): void {
  const subaccount = findSubaccount(world, subaccountName);
  if (!/^[\x21-\x7e]{1,64}$/.test(workerName)) throw new Error('worker name must be 1-64 printable ASCII characters without spaces');
  if (subaccount.workers.has(workerName)) throw new Error(`worker ${workerName} already exists in ${subaccountName}`);
  const seed = hashString(`${subaccountName}/${workerName}`);
  const range = COINS[subaccount.coin].workerMhs;
  const baseMhs = range.min + unitHash(seed, 7) * (range.max - range.min);
  const worker = newWorker(workerName, subaccount.id, subaccount.name, seed, baseMhs, world.clock.now());
  insertWorker(subaccount, worker);
  markChanged(world, worker);
}

export function removeWorker(world: SbiWorld, subaccountName: string, workerName: string): void {
  const worker = findWorker(world, subaccountName, workerName);
  removeWorkers(findSubaccount(world, subaccountName), (candidate) => candidate === worker);
  markChanged(world);
}

export function workerNames(world: SbiWorld, subaccountName: string): string[] {
  return findSubaccount(world, subaccountName).byName.map((worker) => worker.name);
}
