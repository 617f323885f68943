// Everything the Spider simulator knows: subaccounts, each mining one or more coins with their workers, and keys.
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, utcDayStart } from '../common/iso-time';
import { createSimClock, type SimClock } from '../common/sim-clock';
import { createSeededRandom, hashString, unitHash, type SeededRandom } from '../common/seeded-random';
import { COINS, fakeAddress, isSpiderCoin, type SpiderCoin } from './coins';
import { createKeyStore, type KeyStore } from './keys';
import type { SpiderSimOptions, SpiderSimSubaccountOption, SpiderWorkerPaging } from './types';
import { compareNames, type WorkerRecord } from './workers';

/** Days of profit history each mine starts with. */
export const HISTORY_DAYS = 45;

/** One subaccount mining one coin: what Spider's endpoints address with {subaccount, coin}. */
export interface Mine {
  readonly subaccount: string;
  readonly coin: SpiderCoin;
  readonly walletAddress: string;
  readonly seed: number;
  readonly workers: Map<string, WorkerRecord>;
  /** ordered by name */
  byName: WorkerRecord[];
  /** day-average H/s behind the profit history */
  readonly nominalHps: number;
  /** UTC midnight of the first day with profits */
  readonly firstDayMs: number;
}

export interface Subaccount {
  readonly name: string;
  readonly mines: Mine[];
}

export interface SpiderWorld {
  /** the pool's data clock (advanceClock moves it) */
  readonly clock: SimClock;
  /** the server's wall clock: request timestamps are checked against it, and `t` and Date report it */
  readonly serverNow: () => number;
  readonly subaccounts: readonly Subaccount[];
  readonly keys: KeyStore;
  readonly timestampWindowMs: number;
  readonly workerPaging: SpiderWorkerPaging;
  readonly maxWorkerPageSize: number;
}

export const DEFAULT_SUBACCOUNTS: readonly SpiderSimSubaccountOption[] = [
  { name: 'mainfarm', coins: [{ coin: 'btc', workers: 30, inactiveShare: 0.1, lostShare: 0.1 }, { coin: 'bch', workers: 6 }] },
  { name: 'backup01', coins: [{ coin: 'btc', workers: 12, lostShare: 0.25 }] },
  { name: 'ltcfarm', coins: [{ coin: 'ltc', workers: 8, inactiveShare: 0.125 }] },
];

export function createWorld(options: SpiderSimOptions): SpiderWorld {
  const serverNow = options.now ?? Date.now;
  const clock = createSimClock(serverNow);
  const random = createSeededRandom(options.seed ?? 42);
  const specs = options.subaccounts ?? DEFAULT_SUBACCOUNTS;
  validateSpecs(specs);
  const nowMs = clock.now();
  const subaccounts = specs.map((spec) => ({
    name: spec.name,
    mines: spec.coins.map((coinSpec) => createMine(spec.name, coinSpec, random, nowMs)),
  }));
  const window = options.timestampWindowMs ?? 5 * MS_PER_MINUTE;
  if (!Number.isFinite(window) || window <= 0) throw new Error('timestampWindowMs must be a positive number');
  const pageCap = options.maxWorkerPageSize ?? 50;
  if (!Number.isInteger(pageCap) || pageCap < 1) throw new Error('maxWorkerPageSize must be a positive integer');
  return {
    clock,
    serverNow,
    subaccounts,
    keys: createKeyStore(subaccounts.map((subaccount) => subaccount.name)),
    timestampWindowMs: window,
    workerPaging: options.workerPaging ?? 'pageNum',
    maxWorkerPageSize: pageCap,
  };
}

function validateSpecs(specs: readonly SpiderSimSubaccountOption[]): void {
  const names = new Set<string>();
  for (const spec of specs) {
    if (!/^[A-Za-z0-9_]{1,32}$/.test(spec.name)) throw new Error(`subaccount name "${spec.name}" must be 1-32 letters, digits or underscores`);
    if (names.has(spec.name)) throw new Error('subaccount names must be unique');
    names.add(spec.name);
    const coins = new Set<string>();
    for (const coin of spec.coins) {
      if (!isSpiderCoin(coin.coin)) throw new Error(`unknown coin ${String(coin.coin)}`);
      if (coins.has(coin.coin)) throw new Error(`coin ${coin.coin} listed twice for ${spec.name}`);
      coins.add(coin.coin);
      if (!Number.isInteger(coin.workers) || coin.workers < 0) throw new Error('workers must be a non-negative integer');
      const inactive = coin.inactiveShare ?? 0;
      const lost = coin.lostShare ?? 0;
      if (inactive < 0 || lost < 0 || inactive + lost > 1) throw new Error('inactiveShare and lostShare must be >= 0 and add up to at most 1');
    }
  }
}

function createMine(subaccount: string, spec: SpiderSimSubaccountOption['coins'][number], random: SeededRandom, nowMs: number): Mine {
  const coin = COINS[spec.coin];
  const lostCount = Math.round(spec.workers * (spec.lostShare ?? 0));
  const inactiveCount = Math.min(spec.workers - lostCount, Math.round(spec.workers * (spec.inactiveShare ?? 0)));
  const workers = Array.from({ length: spec.workers }, (_, index): WorkerRecord => {
    const worker: WorkerRecord = {
      name: `${spec.coin}rig${String(index + 1).padStart(3, '0')}`,
      seed: random.int(0, 2 ** 31),
      baseHps: random.between(coin.workerHps.min, coin.workerHps.max),
      rejectRate: Math.round(random.between(0.0002, 0.004) * 1e5) / 1e5,
      runStartMs: nowMs - Math.round(random.between(1, 30) * MS_PER_DAY),
      stoppedAtMs: null,
    };
    // the last workers of the list are the silent ones, so tests know where to look
    if (index >= spec.workers - lostCount) worker.stoppedAtMs = nowMs - Math.round(random.between(2, 20) * MS_PER_DAY);
    else if (index >= spec.workers - lostCount - inactiveCount) worker.stoppedAtMs = nowMs - Math.round(random.between(0.25, 20) * MS_PER_HOUR);
    if (worker.stoppedAtMs !== null) worker.runStartMs = worker.stoppedAtMs - Math.round(random.between(1, 30) * MS_PER_DAY);
    return worker;
  });
  const nominalHps = workers.reduce((sum, worker) => sum + worker.baseHps, 0);
  return {
    subaccount,
    coin: spec.coin,
    walletAddress: fakeAddress(spec.coin, random),
    seed: hashString(`${subaccount}/${spec.coin}`),
    workers: new Map(workers.map((worker) => [worker.name, worker])),
    byName: [...workers].sort((a, b) => compareNames(a.name, b.name)),
    nominalHps,
    firstDayMs: utcDayStart(nowMs) - HISTORY_DAYS * MS_PER_DAY,
  };
}

export function findMine(world: SpiderWorld, subaccount: string, coin: string): Mine {
  const mine = world.subaccounts.find((candidate) => candidate.name === subaccount)?.mines.find((candidate) => candidate.coin === coin);
  if (!mine) throw new Error(`unknown subaccount ${subaccount} for coin ${coin}`);
  return mine;
}

function findWorker(world: SpiderWorld, subaccount: string, coin: string, workerName: string): WorkerRecord {
  const worker = findMine(world, subaccount, coin).workers.get(workerName);
  if (!worker) throw new Error(`unknown worker ${workerName} in ${subaccount} (${coin})`);
  return worker;
}

export function stopWorker(world: SpiderWorld, subaccount: string, coin: string, workerName: string): void {
  const worker = findWorker(world, subaccount, coin, workerName);
  if (worker.stoppedAtMs === null) worker.stoppedAtMs = world.clock.now();
}

export function startWorker(world: SpiderWorld, subaccount: string, coin: string, workerName: string): void {
  const worker = findWorker(world, subaccount, coin, workerName);
  if (worker.stoppedAtMs === null) return;
  worker.stoppedAtMs = null;
  worker.runStartMs = world.clock.now();
}

/** The worker's last share was at atMs and it has been silent since. */
export function setWorkerLastShare(world: SpiderWorld, subaccount: string, coin: string, workerName: string, atMs: number): void {
  if (!Number.isFinite(atMs)) throw new Error('atMs must be a finite number');
  const worker = findWorker(world, subaccount, coin, workerName);
  worker.stoppedAtMs = atMs;
  if (worker.runStartMs > atMs) worker.runStartMs = atMs - MS_PER_DAY;
}

export function addWorker(world: SpiderWorld, subaccount: string, coin: string, workerName: string): void {
  const mine = findMine(world, subaccount, coin);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(workerName)) throw new Error('worker name must be 1-64 letters, digits, dots, dashes or underscores');
  if (mine.workers.has(workerName)) throw new Error(`worker ${workerName} already exists in ${subaccount} (${coin})`);
  const seed = hashString(`${subaccount}/${coin}/${workerName}`);
  const range = COINS[mine.coin].workerHps;
  const worker: WorkerRecord = {
    name: workerName,
    seed,
    baseHps: range.min + unitHash(seed, 7) * (range.max - range.min),
    rejectRate: 0.001,
    runStartMs: world.clock.now(),
    stoppedAtMs: null,
  };
  mine.workers.set(workerName, worker);
  mine.byName = [...mine.byName, worker].sort((a, b) => compareNames(a.name, b.name));
}

export function removeWorker(world: SpiderWorld, subaccount: string, coin: string, workerName: string): void {
  const mine = findMine(world, subaccount, coin);
  const worker = findWorker(world, subaccount, coin, workerName);
  mine.workers.delete(workerName);
  mine.byName = mine.byName.filter((candidate) => candidate !== worker);
}

export function workerNames(world: SpiderWorld, subaccount: string, coin: string): string[] {
  return findMine(world, subaccount, coin).byName.map((worker) => worker.name);
}
