import { workerKeysOf, type Group, type Worker } from '../../shared/model';

/** Online by the pool's word, yet no 10-minute hashrate (0 or none): connected but producing nothing. */
function isIdleOnline(worker: Worker): boolean {
  const h10m = worker.hashrate.h10m;
  return worker.state === 'online' && !(h10m !== null && h10m > 0);
}

function withMark(worker: Worker, since: string | undefined): Worker {
  if (since !== undefined) return { ...worker, notHashingSince: since };
  const copy = { ...worker };
  delete copy.notHashingSince;
  return copy;
}

/**
 * Remembers since when each idle online worker of one account has been idle, from poll to poll, and marks those idle
 * for at least the "not hashing" time. Only idle workers are remembered: a healthy worker costs one field check a
 * poll, no key, lookup or object.
 */
export class NotHashingTracker {
  /** workerKey -> epoch ms since which the worker has been idle, for the workers idle at the last reading. */
  private idleSince = new Map<string, number>();

  /**
   * Sets or clears `notHashingSince` on the reading's workers (a changed worker is replaced by a copy, never changed
   * in place: the previous list may hold the same object) and returns how many are marked.
   */
  mark(workers: Worker[], nowMs: number, afterMs: number): number {
    const next = new Map<string, number>();
    let keys: readonly string[] | null = null;
    let marked = 0;
    for (let at = 0; at < workers.length; at += 1) {
      const worker = workers[at]!;
      let since: string | undefined;
      if (isIdleOnline(worker)) {
        keys ??= workerKeysOf(workers);
        const key = keys[at]!;
        const fromMs = this.idleSince.get(key) ?? next.get(key) ?? nowMs;
        next.set(key, fromMs);
        if (nowMs - fromMs >= afterMs) {
          since = new Date(fromMs).toISOString();
          marked += 1;
        }
      }
      if (worker.notHashingSince !== since) workers[at] = withMark(worker, since);
    }
    this.idleSince = next;
    return marked;
  }
}

/** The groups with their `notHashing` counts, from the marked workers (pools count by their own states only). */
export function groupsWithNotHashing(groups: readonly Group[], workers: readonly Worker[], marked: number): Group[] {
  const perGroup = new Map<string, number>();
  if (marked > 0) {
    for (const worker of workers) {
      if (worker.notHashingSince !== undefined) perGroup.set(worker.group, (perGroup.get(worker.group) ?? 0) + 1);
    }
  }
  return groups.map((group) => ({ ...group, workers: { ...group.workers, notHashing: perGroup.get(group.name) ?? 0 } }));
}
