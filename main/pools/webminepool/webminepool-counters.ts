import { NO_HASHRATE, workerKey, type HashrateWindows, type Worker, type WorkerState } from '../../../shared/model';
import type { WebMinePoolUser } from './webminepool-schemas';

// WebMinePool reports cumulative hash counts, never a hashrate: a rate is the growth of a count between two polls.

/** Worker.attributes keys that carry a user's count and when it was read, for the next poll. */
export const HASHES_ATTRIBUTE = 'hashes';
export const COUNTED_AT_ATTRIBUTE = 'countedAt';
/** Users without a site key in the answer go to this one group. */
export const DEFAULT_GROUP = 'site';
/** A user gone from the list stays as 'dead' this long after it was last listed, then is forgotten. */
export const FORGET_DEAD_AFTER_MS = 30 * 86_400_000;
/** A count that fell is read as "restarted from zero" only if the new count fits the last rate with this margin. */
export const RESTART_MARGIN = 1.5;

export interface CounterSample {
  count: number;
  atMs: number;
  /** The rate derived at that sample, if any: judges whether a fallen count is a plausible restart. */
  rateHps: number | null;
}

/** grew / same / restarted: rate known; fell: fell by more than a restart explains; unknown: nothing to compare. */
export type CounterTrend = 'grew' | 'same' | 'restarted' | 'fell' | 'unknown';

export interface DerivedRate {
  rateHps: number | null;
  trend: CounterTrend;
}

/**
 * Rate between two reads of a cumulative count. A count that falls was reset or partly withdrawn: it is taken
 * as "restarted from zero" (rate = new count / interval, a lower bound) when that is no faster than the last
 * known rate allows, or when the new count is zero; otherwise (a withdrawal leaving a remainder, or no
 * earlier rate) the rate for that interval is unknown (null), never negative.
 */
export function deriveRate(previous: CounterSample | null, count: number, nowMs: number): DerivedRate {
  if (previous === null) return { rateHps: null, trend: 'unknown' };
  const seconds = (nowMs - previous.atMs) / 1000;
  if (!(seconds > 0)) return { rateHps: null, trend: 'unknown' };
  if (count > previous.count) return { rateHps: (count - previous.count) / seconds, trend: 'grew' };
  if (count === previous.count) return { rateHps: 0, trend: 'same' };
  const sinceRestart = count / seconds;
  const plausible = count === 0 || (previous.rateHps !== null && sinceRestart <= previous.rateHps * RESTART_MARGIN);
  return plausible ? { rateHps: sinceRestart, trend: 'restarted' } : { rateHps: null, trend: 'fell' };
}

/** grew -> online, same -> offline; a restart is online if it mined since; otherwise the pool did not tell us. */
export function stateFor(derived: DerivedRate, count: number): WorkerState {
  switch (derived.trend) {
    case 'grew':
      return 'online';
    case 'same':
      return 'offline';
    case 'restarted':
      return count > 0 ? 'online' : 'offline';
    case 'fell':
    case 'unknown':
      return 'unknown';
  }
}

function windows(rateHps: number | null): HashrateWindows {
  // Only the latest interval is known; longer windows would need a history PoolWatch does not keep here.
  return { ...NO_HASHRATE, h10m: rateHps };
}

function groupOf(user: WebMinePoolUser): string {
  const siteKey = user.api_key === null || user.api_key === undefined ? '' : String(user.api_key).trim();
  return siteKey === '' ? DEFAULT_GROUP : siteKey;
}

/** The count and time a previous reading stored for a worker, or null when it holds none. */
export function sampleOf(worker: Worker): CounterSample | null {
  const count = worker.attributes?.[HASHES_ATTRIBUTE];
  const countedAt = worker.attributes?.[COUNTED_AT_ATTRIBUTE];
  const atMs = typeof countedAt === 'string' ? Date.parse(countedAt) : Number.NaN;
  if (typeof count !== 'number' || !Number.isFinite(count) || Number.isNaN(atMs)) return null;
  return { count, atMs, rateHps: worker.hashrate.h10m };
}

function workerFor(user: WebMinePoolUser, before: Worker | undefined, firstPoll: boolean, nowMs: number): Worker {
  const count = user.hashes;
  let derived: DerivedRate;
  let state: WorkerState;
  if (firstPoll) {
    derived = { rateHps: null, trend: 'unknown' };
    state = 'unknown';
  } else if (!before || before.state === 'dead') {
    // The list holds only users who mined within 3 days: one that was not in it last time has mined since.
    derived = { rateHps: null, trend: 'unknown' };
    state = 'online';
  } else {
    derived = deriveRate(sampleOf(before), count, nowMs);
    state = stateFor(derived, count);
  }
  return {
    name: user.name,
    group: groupOf(user),
    state,
    hashrate: windows(derived.rateHps),
    // The pool gives no share times; when a count grew is only known to the poll interval.
    lastShareAt: null,
    rejectRate: null,
    attributes: { [HASHES_ATTRIBUTE]: count, [COUNTED_AT_ATTRIBUTE]: new Date(nowMs).toISOString() },
  };
}

/**
 * Site users as workers, with rates from the previous reading. Users missing from the list (no mining for
 * 3 days, or deleted) are kept as 'dead' with a zero rate and their last count, until FORGET_DEAD_AFTER_MS.
 */
export function deriveWorkers(users: readonly WebMinePoolUser[], previous: readonly Worker[] | null, nowMs: number): Worker[] {
  const before = new Map((previous ?? []).map((worker) => [workerKey(worker), worker]));
  const listed = new Map<string, Worker>();
  for (const user of users) {
    const key = workerKey({ group: groupOf(user), name: user.name });
    // A name listed twice for one site is one user; the first entry wins.
    if (!listed.has(key)) listed.set(key, workerFor(user, before.get(key), previous === null, nowMs));
  }
  const gone: Worker[] = [];
  for (const [key, worker] of before) {
    if (listed.has(key)) continue;
    const lastListedMs = sampleOf(worker)?.atMs ?? Number.NaN;
    if (!(nowMs - lastListedMs <= FORGET_DEAD_AFTER_MS)) continue;
    gone.push({ ...worker, state: 'dead', hashrate: windows(0) });
  }
  return [...listed.values(), ...gone];
}
