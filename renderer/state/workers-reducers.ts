import type { UnreadableItems, WorkersDelta } from '../../shared/contract';
import type { Worker } from '../../shared/model';
import { WorkerMap } from './worker-map';

/** One account's workers as the UI holds them, keyed by workerKey (group + NUL + name). */
export interface WorkerListEntry {
  status: 'loading' | 'ready' | 'error';
  /** A new version whenever the workers change (never edited in place), so views memoize on its identity. */
  workers: WorkerMap;
  error: string | null;
  /** Workers of the last load that could not be read (and were left out), or null. */
  unreadable: UnreadableItems | null;
  /** The load whose answer this entry waits for; older answers are ignored. */
  requestId: number;
}

/** 'out-of-sync': the delta applied, but the worker count disagrees with the engine's: reload the list. */
export type DeltaOutcome = 'applied' | 'ignored' | 'out-of-sync';

const NO_WORKER_MAP = WorkerMap.from([]);

export function workerMapFrom(workers: readonly Worker[]): WorkerMap {
  return WorkerMap.from(workers);
}

/** Keeps the workers already shown while a fresh list loads. */
export function startLoading(entry: WorkerListEntry | undefined, requestId: number): WorkerListEntry {
  return {
    status: 'loading',
    workers: entry?.workers ?? NO_WORKER_MAP,
    error: null,
    unreadable: entry?.unreadable ?? null,
    requestId,
  };
}

export function finishLoading(
  entry: WorkerListEntry | undefined,
  requestId: number,
  workers: readonly Worker[],
  unreadable: UnreadableItems | null = null,
): WorkerListEntry | undefined {
  if (entry === undefined || entry.requestId !== requestId) return entry;
  return { status: 'ready', workers: workerMapFrom(workers), error: null, unreadable, requestId };
}

export function failLoading(
  entry: WorkerListEntry | undefined,
  requestId: number,
  message: string,
): WorkerListEntry | undefined {
  if (entry === undefined || entry.requestId !== requestId) return entry;
  return { ...entry, status: 'error', error: message };
}

/**
 * Applies a workers delta to a loaded list. Deltas that arrive while the list is loading are dropped:
 * they were sent before the answer, which already includes them.
 */
export function applyWorkersDelta(
  entry: WorkerListEntry | undefined,
  delta: WorkersDelta,
): { entry: WorkerListEntry | undefined; outcome: DeltaOutcome } {
  if (entry === undefined || entry.status !== 'ready') return { entry, outcome: 'ignored' };
  let next = entry;
  if (delta.upserted.length > 0 || delta.removed.length > 0) {
    // A new version per delta keeps every published entry immutable (WorkerMap: without copying the whole map).
    next = { ...entry, workers: entry.workers.with(delta.upserted, delta.removed) };
  }
  // Changes that could not be read leave the list inexact: reload it (the reload names what it cannot read).
  const exact = delta.unreadable === undefined && next.workers.size === delta.total;
  return { entry: next, outcome: exact ? 'applied' : 'out-of-sync' };
}
