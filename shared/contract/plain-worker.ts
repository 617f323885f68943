import { WORKER_STATES, type Worker } from '../model';

// Reading 100,000 workers through WorkerSchema costs zod's jitless parser (the page's CSP forbids its compiled one)
// about a second per poll in the UI. Nearly every worker is plain: these checks accept exactly such a worker, as
// WorkerSchema would, without copying it. Anything else (attributes, an extra key, a bad field) still goes through
// WorkerSchema, which also words the problem. test/unit/renderer/plain-worker.test.ts holds the two in step.

const WORKER_KEYS = ['name', 'group', 'state', 'hashrate', 'lastShareAt', 'rejectRate'] as const;
const HASHRATE_KEYS = ['h10m', 'h1h', 'h24h'] as const;
const MAX_TIME_CHARS = 64;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** True when `value` has exactly these own keys (all present, no others). */
function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !keys.includes(key)) return false;
    count += 1;
  }
  return count === keys.length;
}

/** A hashrate window WorkerSchema accepts: null, or a finite number of H/s, not negative. */
export function isPlainHashrate(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

export function isWorkerState(value: unknown): value is Worker['state'] {
  return typeof value === 'string' && (WORKER_STATES as readonly string[]).includes(value);
}

/** A last-share time WorkerSchema accepts: null, or a text of 1 to 64 characters. */
export function isPlainTime(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && value.length >= 1 && value.length <= MAX_TIME_CHARS);
}

/** A reject rate WorkerSchema accepts: null, or a finite number. */
export function isPlainRate(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

/** A worker WorkerSchema accepts as it is (no attributes, no keys it would strip): usable without a copy. */
export function isPlainWorker(raw: unknown): raw is Worker {
  if (!isPlainObject(raw) || !hasExactly(raw, WORKER_KEYS)) return false;
  const { name, group, state, hashrate, lastShareAt, rejectRate } = raw;
  if (typeof name !== 'string' || typeof group !== 'string') return false;
  if (!isWorkerState(state)) return false;
  if (!isPlainObject(hashrate) || !hasExactly(hashrate, HASHRATE_KEYS)) return false;
  if (!isPlainHashrate(hashrate.h10m) || !isPlainHashrate(hashrate.h1h) || !isPlainHashrate(hashrate.h24h)) return false;
  return isPlainTime(lastShareAt) && isPlainRate(rejectRate);
}
