import { workerKey, type Worker } from '../../shared/model';

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

/** What changed between two polls' worker lists (neither is touched): only these cross to the UI, not all 30,000 rows. */
export function workerChangesForUi(previous: ReadonlyMap<string, Worker>, next: readonly Worker[]): WorkerDiff {
  const upserted: Worker[] = [];
  const seen = new Set<string>();
  for (const worker of next) {
    const key = workerKey(worker);
    seen.add(key);
    const before = previous.get(key);
    if (!before || !sameWorker(before, worker)) upserted.push(worker);
  }
  const removed: WorkerDiff['removed'] = [];
  for (const [key, worker] of previous) {
    if (!seen.has(key)) removed.push({ group: worker.group, name: worker.name });
  }
  return { upserted, removed };
}

export function indexWorkers(workers: readonly Worker[]): Map<string, Worker> {
  return new Map(workers.map((worker) => [workerKey(worker), worker]));
}
