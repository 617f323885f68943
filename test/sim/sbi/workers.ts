// Worker model: state and hashrates are derived lazily from the sim clock and a few stored times.
import { MS_PER_MINUTE } from '../common/iso-time';
import { unitHash } from '../common/seeded-random';
import { RATE_BUCKET_MS, rateBucket, runShare, seededLastShareAt } from '../common/worker-runs';

export { compareNames, RATE_BUCKET_MS, rateBucket } from '../common/worker-runs';

export type WorkerState = 'ONLINE' | 'OFFLINE' | 'DEAD';
/** what the API prints; an empty string has been seen live */
export type DisplayedState = WorkerState | '';

export const WORKER_STATES: readonly WorkerState[] = ['ONLINE', 'OFFLINE', 'DEAD'];
export const ONLINE_WITHIN_MS = 2 * MS_PER_MINUTE;
export const OFFLINE_WITHIN_MS = 10 * MS_PER_MINUTE;
export const DEFAULT_RANGES_MIN: readonly number[] = [10, 60, 1440];

export type RateTriple = [number, number, number];

export interface WorkerRecord {
  readonly name: string;
  readonly subaccountId: number;
  readonly subaccountName: string;
  readonly seed: number;
  readonly baseMhs: number;
  /** start of the current (or last) run of shares */
  runStartMs: number;
  /** last share time once the worker stopped; null while it keeps sending shares */
  stoppedAtMs: number | null;
  showsEmptyState: boolean;
  /** connected and sending keep-alive shares (ONLINE), but hashing nothing: every rate is 0 */
  idle: boolean;
  /** changes whenever the record changes, to invalidate memoized rates */
  stamp: number;
  memo: { bucketMs: number; stamp: number; rates: RateTriple } | null;
}

export function lastShareAt(worker: WorkerRecord, nowMs: number): number {
  // 0-10 s before the bucket start: a few seconds old
  return seededLastShareAt(worker, nowMs, 0x5bd1e995, 10_000);
}

export function derivedState(worker: WorkerRecord, nowMs: number): WorkerState {
  const ageMs = nowMs - lastShareAt(worker, nowMs);
  if (ageMs < ONLINE_WITHIN_MS) return 'ONLINE';
  if (ageMs <= OFFLINE_WITHIN_MS) return 'OFFLINE';
  return 'DEAD';
}

export function displayedState(worker: WorkerRecord, nowMs: number): DisplayedState {
  return worker.showsEmptyState ? '' : derivedState(worker, nowMs);
}

/** Average MH/s over [startMs, endMs]: base rate times the share of the window the worker ran, with a slow wander. */
export function rateOverWindow(worker: WorkerRecord, startMs: number, endMs: number, presentMs: number): number {
  if (worker.idle) return 0;
  const share = runShare(worker, startMs, endMs, presentMs);
  return share === 0 ? 0 : worker.baseMhs * share * wander(worker.seed, endMs - startMs, endMs);
}

function wander(seed: number, windowMs: number, endMs: number): number {
  const amplitude = windowMs <= 10 * MS_PER_MINUTE ? 0.05 : windowMs <= 60 * MS_PER_MINUTE ? 0.025 : 0.008;
  const phase = ((seed % 1000) / 1000) * 2 * Math.PI;
  const slow = Math.sin((2 * Math.PI * endMs) / (47 * MS_PER_MINUTE) + phase);
  const perPoll = windowMs <= 10 * MS_PER_MINUTE ? (unitHash(seed, Math.floor(endMs / RATE_BUCKET_MS)) - 0.5) * 0.02 : 0;
  return 1 + amplitude * slow + perPoll;
}

export function ratesForRanges(worker: WorkerRecord, nowMs: number, rangesMin: readonly number[]): number[] {
  const presentMs = rateBucket(nowMs);
  return rangesMin.map((minutes) => rateOverWindow(worker, presentMs - minutes * MS_PER_MINUTE, presentMs, presentMs));
}

/** [10m, 1h, 1d] MH/s, memoized per rate bucket */
export function defaultRates(worker: WorkerRecord, nowMs: number): RateTriple {
  const bucketMs = rateBucket(nowMs);
  const memo = worker.memo;
  if (memo && memo.bucketMs === bucketMs && memo.stamp === worker.stamp) return memo.rates;
  const [tenMinutes = 0, hour = 0, day = 0] = ratesForRanges(worker, nowMs, DEFAULT_RANGES_MIN);
  const rates: RateTriple = [tenMinutes, hour, day];
  worker.memo = { bucketMs, stamp: worker.stamp, rates };
  return rates;
}
