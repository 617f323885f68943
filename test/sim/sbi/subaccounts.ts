// Subaccounts and their generated workers, with a name-ordered index kept up to date on change.
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../common/iso-time';
import type { SeededRandom } from '../common/seeded-random';
import { COINS, fakeAddress, type CoinCode } from './coins';
import { compareNames, defaultRates, derivedState, rateBucket, rateOverWindow, type RateTriple, type WorkerRecord, type WorkerState } from './workers';

export interface SubaccountSpec {
  name: string;
  coin: CoinCode;
  workers: number;
  deadShare?: number;
  offlineShare?: number;
}

export const DEFAULT_SUBACCOUNTS: readonly SubaccountSpec[] = [
  { name: 'batchtest', coin: 'BTC', workers: 7500, deadShare: 0.73 },
  { name: 'usonly', coin: 'BTC', workers: 40 },
  { name: 'bchtestpayout', coin: 'BCH', workers: 0 },
];

export interface Subaccount {
  readonly id: number;
  readonly name: string;
  coin: CoinCode;
  /** coins with a configured payout address; switching to any other coin is a 422 */
  readonly payoutAddresses: Map<CoinCode, string>;
  readonly workers: Map<string, WorkerRecord>;
  /** all workers ordered by name */
  byName: WorkerRecord[];
  /** day-average MH/s used for the earnings history */
  readonly nominalMhs: number;
}

export interface SubaccountSummary {
  counts: Record<WorkerState, number>;
  rates: RateTriple;
  total: number;
}

export function createSubaccount(spec: SubaccountSpec, id: number, random: SeededRandom, nowMs: number, withEmptyStateWorker: boolean): Subaccount {
  validateSpec(spec);
  const payoutAddresses = new Map<CoinCode, string>();
  // every subaccount can take BTC and BCH payouts; BSV/ETH only when it mines them
  for (const code of new Set<CoinCode>([spec.coin, 'BTC', 'BCH'])) payoutAddresses.set(code, fakeAddress(code, random));
  const workers = generateWorkers(spec, id, random, nowMs);
  if (withEmptyStateWorker && workers.length > 100) {
    const odd = workers[random.int(0, workers.length)];
    if (odd) odd.showsEmptyState = true;
  }
  const byName = [...workers].sort((a, b) => compareNames(a.name, b.name));
  const coin = COINS[spec.coin];
  const nominalMhs = workers.length > 0 ? workers.reduce((sum, worker) => sum + (worker.stoppedAtMs === null ? worker.baseMhs : 0), 0) : random.between(80, 120) * (coin.workerMhs.min + coin.workerMhs.max) / 2;
  return {
    id,
    name: spec.name,
    coin: spec.coin,
    payoutAddresses,
    workers: new Map(workers.map((worker) => [worker.name, worker])),
    byName,
    nominalMhs: nominalMhs > 0 ? nominalMhs : coin.workerMhs.min,
  };
}

function validateSpec(spec: SubaccountSpec): void {
  if (!/^[A-Za-z0-9_-]{1,35}$/.test(spec.name)) throw new Error(`subaccount name "${spec.name}" must be 1-35 letters, digits, dash or underscore`);
  if (!Number.isInteger(spec.workers) || spec.workers < 0) throw new Error('workers must be a non-negative integer');
  const dead = spec.deadShare ?? 0;
  const offline = spec.offlineShare ?? 0;
  if (dead < 0 || offline < 0 || dead + offline > 1) throw new Error('deadShare and offlineShare must be >= 0 and add up to at most 1');
}

function generateWorkers(spec: SubaccountSpec, subaccountId: number, random: SeededRandom, nowMs: number): WorkerRecord[] {
  const names = spec.workers > 100 ? simulatorNames(spec.workers, random) : rigNames(spec.workers);
  const deadCount = Math.round(spec.workers * (spec.deadShare ?? 0));
  const offlineCount = Math.min(spec.workers - deadCount, Math.round(spec.workers * (spec.offlineShare ?? 0)));
  const order = shuffledIndexes(spec.workers, random);
  const fate = new Array<WorkerState>(spec.workers).fill('ONLINE');
  order.forEach((workerIndex, rank) => {
    if (rank < deadCount) fate[workerIndex] = 'DEAD';
    else if (rank < deadCount + offlineCount) fate[workerIndex] = 'OFFLINE';
  });
  const coin = COINS[spec.coin];
  return names.map((name, index) => {
    const worker = newWorker(name, subaccountId, spec.name, random.int(0, 2 ** 32), random.between(coin.workerMhs.min, coin.workerMhs.max), nowMs - random.between(1, 30) * MS_PER_DAY);
    const state = fate[index];
    if (state === 'OFFLINE') worker.stoppedAtMs = nowMs - Math.round(random.between(2.5, 9.5) * MS_PER_MINUTE);
    if (state === 'DEAD') {
      // most dead workers stopped just under a day ago, so their 1d rate is small but not zero
      const ageMs = random.next() < 0.8 ? random.between(20, 23.9) * MS_PER_HOUR : random.between(1, 30) * MS_PER_DAY;
      worker.stoppedAtMs = nowMs - Math.round(ageMs);
    }
    if (worker.stoppedAtMs !== null) worker.runStartMs = worker.stoppedAtMs - Math.round(random.between(1, 30) * MS_PER_DAY);
    return worker;
  });
}

export function newWorker(name: string, subaccountId: number, subaccountName: string, seed: number, baseMhs: number, runStartMs: number): WorkerRecord {
  return { name, subaccountId, subaccountName, seed: seed >>> 0, baseMhs, runStartMs, stoppedAtMs: null, showsEmptyState: false, idle: false, stamp: 0, memo: null };
}

function simulatorNames(count: number, random: SeededRandom): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(`simulator123-${random.int(1_000_000, 2_000_000_000)}`);
  return [...seen];
}

function rigNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `rig-${String(index + 1).padStart(2, '0')}`);
}

function shuffledIndexes(count: number, random: SeededRandom): number[] {
  const indexes = Array.from({ length: count }, (_, index) => index);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(0, i + 1);
    const swap = indexes[i] as number;
    indexes[i] = indexes[j] as number;
    indexes[j] = swap;
  }
  return indexes;
}

export function insertWorker(subaccount: Subaccount, worker: WorkerRecord): void {
  subaccount.workers.set(worker.name, worker);
  let low = 0;
  let high = subaccount.byName.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const probe = subaccount.byName[mid];
    if (probe && compareNames(probe.name, worker.name) < 0) low = mid + 1;
    else high = mid;
  }
  subaccount.byName.splice(low, 0, worker);
}

export function removeWorkers(subaccount: Subaccount, shouldRemove: (worker: WorkerRecord) => boolean): number {
  const before = subaccount.byName.length;
  subaccount.byName = subaccount.byName.filter((worker) => {
    if (!shouldRemove(worker)) return true;
    subaccount.workers.delete(worker.name);
    return false;
  });
  return before - subaccount.byName.length;
}

/** State counts by last share time and the sum of worker hashrates, so totals always match the worker list. */
export function summarize(subaccounts: readonly Subaccount[], nowMs: number): SubaccountSummary {
  const counts: Record<WorkerState, number> = { ONLINE: 0, OFFLINE: 0, DEAD: 0 };
  const rates: RateTriple = [0, 0, 0];
  let total = 0;
  for (const subaccount of subaccounts) {
    for (const worker of subaccount.byName) {
      counts[derivedState(worker, nowMs)] += 1;
      const [tenMinutes, hour, day] = defaultRates(worker, nowMs);
      rates[0] += tenMinutes;
      rates[1] += hour;
      rates[2] += day;
      total += 1;
    }
  }
  return { counts, rates, total };
}

/** Sum of worker MH/s averaged over [startMs, endMs] (for revenue estimates and observer graphs). */
export function windowRate(subaccount: Subaccount, startMs: number, endMs: number, nowMs: number): number {
  const presentMs = rateBucket(nowMs);
  let sum = 0;
  for (const worker of subaccount.byName) sum += rateOverWindow(worker, startMs, endMs, presentMs);
  return sum;
}
