import { workerKey, workerKeysOf, type Worker } from '../../shared/model';

export interface WorkerDiff {
  upserted: Worker[];
  removed: Array<{ group: string; name: string }>;
}

function sameAttributes(a: Worker['attributes'], b: Worker['attributes']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameWorker(a: Worker, b: Worker): boolean {
  return (
    sameAttributes(a.attributes, b.attributes) &&
    a.state === b.state &&
    a.notHashingSince === b.notHashingSince &&
    a.lastShareAt === b.lastShareAt &&
    a.rejectRate === b.rejectRate &&
    a.hashrate.h10m === b.hashrate.h10m &&
    a.hashrate.h1h === b.hashrate.h1h &&
    a.hashrate.h24h === b.hashrate.h24h
  );
}

/**
 * What changed between two polls' worker lists (neither is touched): only these cross to the UI, not all 30,000
 * rows. Pools list workers in the same order poll after poll, so a worker is first looked for where it was last time:
 * a steady list is diffed without hashing a single key.
 */
export function diffWorkers(previous: readonly Worker[], next: readonly Worker[]): WorkerDiff {
  const upserted: Worker[] = [];
  const previousKeys = workerKeysOf(previous);
  const keys = workerKeysOf(next);
  let index: Map<string, Worker> | null = null;
  let aligned = previous.length === next.length;
  for (let at = 0; at < next.length; at += 1) {
    const worker = next[at]!;
    let before: Worker | undefined;
    if (at < previous.length && previousKeys[at] === keys[at]) before = previous[at];
    else {
      aligned = false;
      index ??= indexWorkers(previous);
      before = index.get(keys[at]!);
    }
    if (!before || !sameWorker(before, worker)) upserted.push(worker);
  }
  const removed: WorkerDiff['removed'] = [];
  // The same keys in the same places: nobody left.
  if (!aligned) {
    const listed = new Set(keys);
    for (let at = 0; at < previous.length; at += 1) {
      const worker = previous[at]!;
      if (!listed.has(previousKeys[at]!)) removed.push({ group: worker.group, name: worker.name });
    }
  }
  return { upserted, removed: uniqueRemovals(removed) };
}

/** A list may name a worker twice; a removal is reported once. */
function uniqueRemovals(removed: WorkerDiff['removed']): WorkerDiff['removed'] {
  if (removed.length < 2) return removed;
  const seen = new Set<string>();
  return removed.filter((worker) => {
    const key = workerKey(worker);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function indexWorkers(workers: readonly Worker[]): Map<string, Worker> {
  const keys = workerKeysOf(workers);
  const index = new Map<string, Worker>();
  for (let at = 0; at < workers.length; at += 1) index.set(keys[at]!, workers[at]!);
  return index;
}
