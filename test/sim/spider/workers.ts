// Worker model: status and hashrates follow from the data clock, the run start and the stop time.
import { MS_PER_DAY, MS_PER_MINUTE } from '../common/iso-time';
import { rateBucket, runShare, seededLastShareAt } from '../common/worker-runs';

export { compareNames, rateBucket } from '../common/worker-runs';

export type SpiderWorkerStatus = 'active' | 'inactive' | 'lost';

/** A share within this is "active" (online). */
export const ACTIVE_WITHIN_MS = 10 * MS_PER_MINUTE;
/** Silent for longer than ACTIVE but within this is "inactive" (offline); beyond it "lost". */
export const INACTIVE_WITHIN_MS = MS_PER_DAY;

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

export function lastShareAt(worker: WorkerRecord, nowMs: number): number {
  return seededLastShareAt(worker, nowMs, 0x2545f491, 20_000);
}

export function workerStatus(worker: WorkerRecord, nowMs: number): SpiderWorkerStatus {
  const ageMs = nowMs - lastShareAt(worker, nowMs);
  if (ageMs <= ACTIVE_WITHIN_MS) return 'active';
  if (ageMs <= INACTIVE_WITHIN_MS) return 'inactive';
  return 'lost';
}

/** Average H/s over [startMs, endMs]: base rate times the share of the window the worker ran, with a slow wander. */
export function rateOverWindow(worker: WorkerRecord, startMs: number, endMs: number, presentMs: number): number {
  const share = runShare(worker, startMs, endMs, presentMs);
  if (share === 0) return 0;
  const windowMs = endMs - startMs;
  const phase = ((worker.seed % 1000) / 1000) * 2 * Math.PI;
  const amplitude = windowMs <= 15 * MS_PER_MINUTE ? 0.04 : 0.01;
  const wander = 1 + amplitude * Math.sin((2 * Math.PI * endMs) / (53 * MS_PER_MINUTE) + phase);
  return worker.baseHps * share * wander;
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
