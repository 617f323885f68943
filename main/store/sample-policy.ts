import type { HashrateWindows } from '../../shared/model';
import { DAY_MS, HOUR_MS } from '../base/time';
import { isGoneRollup, type RollupLevel, type RollupRow, type StateCode } from './sample-types';

// What is kept, for how long, and when a worker is worth a new row. Tuned for 30,000 workers polled every minute.

export const RAW_RETENTION_MS = 48 * HOUR_MS;
export const HOURLY_RETENTION_MS = 90 * DAY_MS;
export const DAILY_RETENTION_MS = 730 * DAY_MS;

/** How long each level is kept. */
export interface Retention {
  rawMs: number;
  hourlyMs: number;
  dailyMs: number;
}

export const DISK_RETENTION: Retention = { rawMs: RAW_RETENTION_MS, hourlyMs: HOURLY_RETENTION_MS, dailyMs: DAILY_RETENTION_MS };
/**
 * History in memory (the file could not be opened) is lost at exit anyway: shorter windows bound what a long run
 * keeps. Raw rows also wait for their hour's rollup, so about 7 h stay: a 24 h chart is raw for its last hours only.
 */
export const MEMORY_RETENTION: Retention = { rawMs: 6 * HOUR_MS, hourlyMs: 7 * DAY_MS, dailyMs: 90 * DAY_MS };

/** Ranges up to this long are answered from raw samples, up to HOURLY_RANGE_MS from hourly rollups, longer from daily. */
export const RAW_RANGE_MS = RAW_RETENTION_MS;
export const HOURLY_RANGE_MS = HOURLY_RETENTION_MS;

/** An unchanged worker still gets a row this often (spread by a per-worker phase so polls do not spike). */
export const WORKER_KEEPALIVE_MS = 30 * 60_000;
/** A worker row holds at most this long: keepalive plus slack for one slow poll. Longer silence is a gap. */
export const WORKER_RAW_CAP_MS = WORKER_KEEPALIVE_MS + 10 * 60_000;
/** Relative hashrate move that makes a worker row (and a worker rollup row) worth writing. */
export const HASHRATE_CHANGE = 0.05;
/** Absolute reject-rate move (0.1 percentage point) that makes a worker row worth writing. */
export const REJECT_CHANGE_PPM = 1_000;
/** Worker rollups are compressed like raw rows: an unchanged worker gets a rollup row this often. */
export const WORKER_ROLLUP_KEEPALIVE_MS: Record<RollupLevel, number> = { hour: 24 * HOUR_MS, day: 7 * DAY_MS };
/** A worker rollup row holds at most this long. */
export const WORKER_ROLLUP_CAP_MS: Record<RollupLevel, number> = { hour: 25 * HOUR_MS, day: 8 * DAY_MS };
/** Account and group samples hold for 2.5 poll intervals (median of the range), within these bounds. */
export const SERIES_RAW_CAP_MIN_MS = 5 * 60_000;
export const SERIES_RAW_CAP_MAX_MS = 6 * HOUR_MS;
/** State mix change (fraction of the time) that makes a worker rollup row worth writing. */
const STATE_MIX_CHANGE = 0.05;

/** The hashrate a sample stores: the shortest window the pool reports, rounded to whole H/s (stored compactly). */
export function sampleHashrate(windows: HashrateWindows): number | null {
  const value = windows.h10m ?? windows.h1h ?? windows.h24h;
  return value === null || !Number.isFinite(value) ? null : Math.round(value);
}

export function rejectPpm(rate: number | null): number | null {
  return rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 1_000_000);
}

export function movedBeyond(previous: number | null, next: number | null, relative: number): boolean {
  if (previous === null || next === null) return previous !== next;
  if (previous === 0) return next !== 0;
  return Math.abs(next - previous) > relative * Math.abs(previous);
}

/** A stable 0..1 phase per worker so keepalive rows are spread over the keepalive period. */
export function keepalivePhase(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 0x1_0000_0000;
}

export interface LastWorkerSample {
  at: number;
  hps: number | null;
  state: StateCode;
  rejectPpm: number | null;
}

/**
 * Whether a worker's new reading deserves a row: changed state, hashrate or reject rate, or its keepalive is due.
 * Plain arguments, not an object: this runs for every worker of every poll.
 */
export function workerRowDue(last: LastWorkerSample | undefined, hps: number | null, state: StateCode, reject: number | null, atMs: number, phase: number): boolean {
  if (!last) return true;
  if (last.state !== state) return true;
  if (movedBeyond(last.hps, hps, HASHRATE_CHANGE)) return true;
  if ((last.rejectPpm === null) !== (reject === null)) return true;
  if (last.rejectPpm !== null && reject !== null && Math.abs(last.rejectPpm - reject) >= REJECT_CHANGE_PPM) return true;
  const offset = phase * WORKER_KEEPALIVE_MS;
  return Math.floor((atMs + offset) / WORKER_KEEPALIVE_MS) !== Math.floor((last.at + offset) / WORKER_KEEPALIVE_MS);
}

/** Whether a computed worker rollup differs enough from the last stored one to be written. */
export function workerRollupDue(previous: RollupRow | null, next: RollupRow, level: RollupLevel): boolean {
  if (previous === null || isGoneRollup(previous) || isGoneRollup(next)) return true;
  if (next.at - previous.at >= WORKER_ROLLUP_KEEPALIVE_MS[level]) return true;
  if (previous.own !== next.own) return true;
  if (movedBeyond(previous.min, next.min, HASHRATE_CHANGE)) return true;
  if (movedBeyond(previous.avg, next.avg, HASHRATE_CHANGE)) return true;
  if (movedBeyond(previous.max, next.max, HASHRATE_CHANGE)) return true;
  const a = previous.states;
  const b = next.states;
  if (a === null || b === null) return a !== b;
  return (['online', 'offline', 'dead', 'unknown'] as const).some((state) => Math.abs(a[state] - b[state]) > STATE_MIX_CHANGE);
}

/** Which stored resolution answers a range of this length. */
export function levelForRange(spanMs: number): 'raw' | RollupLevel {
  if (spanMs <= RAW_RANGE_MS) return 'raw';
  if (spanMs <= HOURLY_RANGE_MS) return 'hour';
  return 'day';
}
