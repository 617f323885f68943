// The run of a simulated worker (SBI, Spider): time buckets, seeded share times, and the part of a window it ran.
import { unitHash } from './seeded-random';

/** Hashrates and running workers' share times change once per bucket, so the pages of one poll agree. */
export const RATE_BUCKET_MS = 10_000;

export interface WorkerRun {
  readonly seed: number;
  /** start of the current (or last) run of shares */
  runStartMs: number;
  /** last share time once the worker stopped; null while it keeps sending shares */
  stoppedAtMs: number | null;
}

export function rateBucket(nowMs: number): number {
  return Math.floor(nowMs / RATE_BUCKET_MS) * RATE_BUCKET_MS;
}

/** The stop time, or while running a seeded moment up to `spreadMs` before the bucket start: never in the future, never going backwards. */
export function seededLastShareAt(worker: WorkerRun, nowMs: number, salt: number, spreadMs: number): number {
  if (worker.stoppedAtMs !== null) return worker.stoppedAtMs;
  const bucketMs = rateBucket(nowMs);
  const jitterMs = Math.floor(unitHash(worker.seed ^ salt, bucketMs / RATE_BUCKET_MS) * spreadMs);
  return Math.min(nowMs, Math.max(worker.runStartMs, bucketMs - jitterMs));
}

/** The share (0..1) of [startMs, endMs] the worker was running, as seen at presentMs; 0 for an empty window. */
export function runShare(worker: WorkerRun, startMs: number, endMs: number, presentMs: number): number {
  const windowMs = endMs - startMs;
  if (windowMs <= 0) return 0;
  const activeEnd = worker.stoppedAtMs === null ? presentMs : Math.min(worker.stoppedAtMs, presentMs);
  const overlapMs = Math.min(activeEnd, endMs) - Math.max(worker.runStartMs, startMs);
  return overlapMs <= 0 ? 0 : overlapMs / windowMs;
}

export function compareNames(a: string, b: string): number {
  // UTF-16 code unit order, like Java's String.compareTo
  return a < b ? -1 : a > b ? 1 : 0;
}
