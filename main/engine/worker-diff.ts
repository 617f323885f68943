import { workerKeysOf, type Worker } from '../../shared/model';

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
    a.lastShareAt === b.lastShareAt &&
    a.rejectRate === b.rejectRate &&
    a.hashrate.h10m === b.hashrate.h10m &&
    a.hashrate.h1h === b.hashrate.h1h &&
    a.hashrate.h24h === b.hashrate.h24h
  );
}

/**
 * What changed between two polls' worker lists (neither is touched): only these cross to the UI, not all 30,000
 * rows. Returns the next poll's index too, built in the same pass.
 */
export function diffWorkers(previous: ReadonlyMap<string, Worker>, next: readonly Worker[]): { diff: WorkerDiff; index: Map<string, Worker> } {
  const upserted: Worker[] = [];
  const keys = workerKeysOf(next);
  const index = new Map<string, Worker>();
  let matched = 0;
  for (let at = 0; at < next.length; at += 1) {
    const worker = next[at]!;
    const key = keys[at]!;
    const size = index.size;
    index.set(key, worker);
    const before = previous.get(key);
    if (before && index.size > size) matched += 1;
    if (!before || !sameWorker(before, worker)) upserted.push(worker);
  }
  const removed: WorkerDiff['removed'] = [];
  // Every earlier worker listed again: nobody left, no need to look through them.
  if (matched < previous.size) {
    for (const [key, worker] of previous) {
      if (!index.has(key)) removed.push({ group: worker.group, name: worker.name });
    }
  }
  return { diff: { upserted, removed }, index };
}

export function indexWorkers(workers: readonly Worker[]): Map<string, Worker> {
  const keys = workerKeysOf(workers);
  const index = new Map<string, Worker>();
  for (let at = 0; at < workers.length; at += 1) index.set(keys[at]!, workers[at]!);
  return index;
}
