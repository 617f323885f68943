import type { AttributeValue } from './attribute-value';
import type { HashrateWindows } from './hashrate';

/** online = sending shares; offline = briefly silent; dead = silent for long; unknown = the pool did not say. */
export const WORKER_STATES = ['online', 'offline', 'dead', 'unknown'] as const;
export type WorkerState = (typeof WORKER_STATES)[number];

/** What the Workers screen and the workers export filter by: a pool state, or online but not hashing (notHashingSince). */
export const NOT_HASHING_FILTER = 'not-hashing';
export const WORKER_FILTER_STATES = [...WORKER_STATES, NOT_HASHING_FILTER] as const;
export type WorkerFilterState = (typeof WORKER_FILTER_STATES)[number];

/** Whether a worker is in the state a filter names. */
export function matchesWorkerState(worker: Pick<Worker, 'state' | 'notHashingSince'>, state: WorkerFilterState): boolean {
  return state === NOT_HASHING_FILTER ? worker.notHashingSince !== undefined : worker.state === state;
}

export interface Worker {
  name: string;
  /** The group (SBI subaccount, Spider subaccount, Stratumsphere scheduler...) the worker belongs to. */
  group: string;
  state: WorkerState;
  hashrate: HashrateWindows;
  /** ISO-8601 time of the last accepted share, when the pool reports it. */
  lastShareAt: string | null;
  /** Share of rejected work, 0..1, where the pool reports it. */
  rejectRate: number | null;
  /** Pool-specific facts worth showing, label -> value (Stratumsphere connections and stability, WebMinePool hash count). */
  attributes?: Record<string, AttributeValue>;
  /**
   * PoolWatch's judgement, not the pool's: set (ISO time it began) while the pool reports the worker online with a
   * 10-minute hashrate of 0 or none for at least the "not hashing" time (settings.notHashingAfterMin, default 10).
   * The worker's `state` stays the pool's own ('online').
   */
  notHashingSince?: string;
}

export interface WorkerCounts {
  online: number;
  offline: number;
  dead: number;
  unknown: number;
  total: number;
  /** Online workers that are not hashing (see Worker.notHashingSince); counted in `online` too. Absent: none judged. */
  notHashing?: number;
}

export const NO_WORKERS: WorkerCounts = { online: 0, offline: 0, dead: 0, unknown: 0, total: 0 };

/** Workers are identified by group and name together: names repeat across subaccounts. */
export function workerKey(worker: Pick<Worker, 'group' | 'name'>): string {
  return `${worker.group}\u0000${worker.name}`;
}

function sameAttributes(a: Worker['attributes'], b: Worker['attributes']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Whether two readings of a worker say the same (state, share time, reject rate, hashrates, pool facts). */
export function sameWorkerReading(a: Worker, b: Worker): boolean {
  return (
    a === b ||
    (a.name === b.name &&
      a.group === b.group &&
      a.state === b.state &&
      a.notHashingSince === b.notHashingSince &&
      a.lastShareAt === b.lastShareAt &&
      a.rejectRate === b.rejectRate &&
      a.hashrate.h10m === b.hashrate.h10m &&
      a.hashrate.h1h === b.hashrate.h1h &&
      a.hashrate.h24h === b.hashrate.h24h &&
      sameAttributes(a.attributes, b.attributes))
  );
}

/** What a pool says of a worker in one poll, before it becomes a Worker: an adapter fills one and reuses it. */
export interface WorkerFigures {
  name: string;
  group: string;
  state: WorkerState;
  lastShareAt: string | null;
  rejectRate: number | null;
  h10m: number | null;
  h1h: number | null;
  h24h: number | null;
}

/**
 * The worker a poll's `figures` describe: `before` itself (last poll's worker in the same place) when they say
 * the same, else a new Worker sharing before's unchanged strings and hashrates. Nothing is made for a worker that
 * did not change, and what changed shares what did not: what a 100,000-worker poll makes and keeps until the next
 * one is what the garbage collector copies.
 */
export function workerFrom(figures: Readonly<WorkerFigures>, before: Worker | undefined): Worker {
  const { name, group, state, lastShareAt, rejectRate, h10m, h1h, h24h } = figures;
  if (before === undefined) return { name, group, state, hashrate: { h10m, h1h, h24h }, lastShareAt, rejectRate };
  const then = before.hashrate;
  const sameHashrate = then.h10m === h10m && then.h1h === h1h && then.h24h === h24h;
  if (
    sameHashrate &&
    before.name === name &&
    before.group === group &&
    before.state === state &&
    before.lastShareAt === lastShareAt &&
    before.rejectRate === rejectRate &&
    before.attributes === undefined &&
    before.notHashingSince === undefined
  ) {
    return before;
  }
  return {
    name: before.name === name ? before.name : name,
    group: before.group === group ? before.group : group,
    state,
    hashrate: sameHashrate ? then : { h10m, h1h, h24h },
    lastShareAt: before.lastShareAt === lastShareAt ? before.lastShareAt : lastShareAt,
    rejectRate,
  };
}

const keyLists = new WeakMap<readonly Worker[], readonly string[]>();

/**
 * workerKey of every worker of one list, built once per list: the diff, the alerts and the history of one poll all
 * look its workers up by key, and a key string made once is hashed once (100,000 workers is 100,000 keys a stage).
 */
export function workerKeysOf(workers: readonly Worker[]): readonly string[] {
  let keys = keyLists.get(workers);
  if (!keys) {
    keys = workers.map(workerKey);
    keyLists.set(workers, keys);
  }
  return keys;
}

/** Lets the code that built a worker list hand over the keys it made on the way (keys[i] = workerKey(workers[i])). */
export function rememberWorkerKeys(workers: readonly Worker[], keys: readonly string[]): void {
  keyLists.set(workers, keys);
}

export function countWorkers(workers: readonly Pick<Worker, 'state'>[]): WorkerCounts {
  const counts = { online: 0, offline: 0, dead: 0, unknown: 0, total: workers.length };
  for (let index = 0; index < workers.length; index += 1) counts[workers[index]!.state] += 1;
  return counts;
}

export function addCounts(a: WorkerCounts, b: WorkerCounts): WorkerCounts {
  const judged = a.notHashing !== undefined || b.notHashing !== undefined;
  return {
    online: a.online + b.online,
    offline: a.offline + b.offline,
    dead: a.dead + b.dead,
    unknown: a.unknown + b.unknown,
    total: a.total + b.total,
    ...(judged ? { notHashing: (a.notHashing ?? 0) + (b.notHashing ?? 0) } : {}),
  };
}
