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
 * for at least the "not hashing" time. Positional, as the diff: pools list workers in the same order poll after poll,
 * so a worker's idle start is found where it was last time (a typed array, no per-worker Map entry or object); a
 * healthy worker costs one field check. The keys are the list's shared ones (workerKeysOf), which the diff uses too.
 */
export class NotHashingTracker {
  private keys: readonly string[] = [];
  /** Epoch ms since which the worker at that place of the last list has been idle; NaN: it was not idle. */
  private idleFromMs = new Float64Array(0);

  /**
   * Sets or clears `notHashingSince` on the reading's workers (a changed worker is replaced by a copy, never changed
   * in place: the previous list may hold the same object) and returns how many are marked.
   */
  mark(workers: Worker[], nowMs: number, afterMs: number): number {
    const keys = workerKeysOf(workers);
    const idleFromMs = new Float64Array(workers.length).fill(Number.NaN);
    const isoOf = new Map<number, string>(); // idle starts are poll times: a handful of distinct ones
    let moved: Map<string, number> | null = null;
    let marked = 0;
    for (let at = 0; at < workers.length; at += 1) {
      const worker = workers[at]!;
      let since: string | undefined;
      if (isIdleOnline(worker)) {
        let fromMs: number | undefined;
        if (at < this.keys.length && this.keys[at] === keys[at]) fromMs = this.idleFromMs[at];
        else fromMs = (moved ??= this.idleByKey()).get(keys[at]!);
        if (fromMs === undefined || Number.isNaN(fromMs)) fromMs = nowMs;
        idleFromMs[at] = fromMs;
        if (nowMs - fromMs >= afterMs) {
          since = isoOf.get(fromMs);
          if (since === undefined) isoOf.set(fromMs, (since = new Date(fromMs).toISOString()));
          marked += 1;
        }
      }
      if (worker.notHashingSince !== since) workers[at] = withMark(worker, since);
    }
    this.keys = keys;
    this.idleFromMs = idleFromMs;
    return marked;
  }

  /** The last list's idle workers by key: only when the list changed order (a worker joined or left). */
  private idleByKey(): Map<string, number> {
    const byKey = new Map<string, number>();
    for (let at = 0; at < this.keys.length; at += 1) {
      const fromMs = this.idleFromMs[at]!;
      if (!Number.isNaN(fromMs) && !byKey.has(this.keys[at]!)) byKey.set(this.keys[at]!, fromMs);
    }
    return byKey;
  }
}

/** The groups with their `notHashing` counts, from the marked workers (pools count by their own states only). */
export function groupsWithNotHashing(groups: readonly Group[], workers: readonly Worker[], marked: number): Group[] {
  const perGroup = new Map<string, number>();
  if (marked > 0) {
    for (let index = 0; index < workers.length; index += 1) {
      const worker = workers[index]!;
      if (worker.notHashingSince !== undefined) perGroup.set(worker.group, (perGroup.get(worker.group) ?? 0) + 1);
    }
  }
  return groups.map((group) => ({ ...group, workers: { ...group.workers, notHashing: perGroup.get(group.name) ?? 0 } }));
}
