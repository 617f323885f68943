// Worker model: status and hashrates follow from the data clock, the run start and the stop time.
import { MS_PER_DAY, MS_PER_MINUTE } from '../common/iso-time';
import { unitHash } from '../common/seeded-random';

export type SpiderWorkerStatus = 'active' | 'inactive' | 'lost';

/** A share within this is "active" (online). */
export const ACTIVE_WITHIN_MS = 10 * MS_PER_MINUTE;
/** Silent for longer than ACTIVE but within this is "inactive" (offline); beyond it "lost". */
export const INACTIVE_WITHIN_MS = MS_PER_DAY;
/** Running workers' share times change once per bucket, so the pages of one poll agree. */
export const RATE_BUCKET_MS = 10_000;

export interface WorkerRecord {
  readonly name: string;
  readonly seed: number;
  readonly baseHps: number;
  /** 0..1, the 24 h reject share */
  readonly rejectRate: number;
  runStartMs: number;
  /** last share time once the worker stopped; null while it keeps sending shares */
  stoppedAtMs: number | null;
}

export function rateBucket(nowMs: number): number {
  return Math.floor(nowMs / RATE_BUCKET_MS) * RATE_BUCKET_MS;
}

export function lastShareAt(worker: WorkerRecord, nowMs: number): number {
  if (worker.stoppedAtMs !== null) return worker.stoppedAtMs;
  const bucketMs = rateBucket(nowMs);
  const jitterMs = Math.floor(unitHash(worker.seed ^ 0x2545f491, bucketMs / RATE_BUCKET_MS) * 20_000);
  return Math.min(nowMs, Math.max(worker.runStartMs, bucketMs - jitterMs));
}

export function workerStatus(worker: WorkerRecord, nowMs: number): SpiderWorkerStatus {
  const ageMs = nowMs - lastShareAt(worker, nowMs);
  if (ageMs <= ACTIVE_WITHIN_MS) return 'active';
  if (ageMs <= INACTIVE_WITHIN_MS) return 'inactive';
  return 'lost';
}

/** Average H/s over [startMs, endMs]: base rate times the share of the window the worker ran, with a slow wander. */
export function rateOverWindow(worker: WorkerRecord, startMs: number, endMs: number, presentMs: number): number {
  const windowMs = endMs - startMs;
  if (windowMs <= 0) return 0;
  const activeEnd = worker.stoppedAtMs === null ? presentMs : Math.min(worker.stoppedAtMs, presentMs);
  const overlapMs = Math.min(activeEnd, endMs) - Math.max(worker.runStartMs, startMs);
  if (overlapMs <= 0) return 0;
  const phase = ((worker.seed % 1000) / 1000) * 2 * Math.PI;
  const amplitude = windowMs <= 15 * MS_PER_MINUTE ? 0.04 : 0.01;
  const wander = 1 + amplitude * Math.sin((2 * Math.PI * endMs) / (53 * MS_PER_MINUTE) + phase);
  return worker.baseHps * (overlapMs / windowMs) * wander;
}

export function realtimeHps(worker: WorkerRecord, nowMs: number): number {
  const presentMs = rateBucket(nowMs);
  return rateOverWindow(worker, presentMs - ACTIVE_WITHIN_MS, presentMs, presentMs);
}

export function dayAverageHps(worker: WorkerRecord, nowMs: number): number {
  const presentMs = rateBucket(nowMs);
  return rateOverWindow(worker, presentMs - MS_PER_DAY, presentMs, presentMs);
}

/** Spider sends hashrates as strings of whole H/s. */
export function hashrateString(hps: number): string {
  return String(Math.max(0, Math.round(hps)));
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
