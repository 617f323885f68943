import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkersDelta } from '../../../shared/contract';
import { workerKey, type Worker, type WorkerState } from '../../../shared/model';
import { orderWorkerRows, rowsOf, type RowOrder } from '../../../renderer/features/workers/worker-row-order';
import {
  attributeSortKey,
  buildWorkerRows,
  DEAD_LONG_AGO_MS,
  sortWorkerRows,
  type AccountWorkers,
  type WorkerSort,
  type WorkerSortKey,
} from '../../../renderer/features/workers/worker-rows';
import { applyWorkersDelta, workerMapFrom, type WorkerListEntry } from '../../../renderer/state/workers-reducers';
import { makeWorker } from './fixtures';
import { seededRandom } from '../../support/seeded-random';

const NOW = Date.parse('2026-01-10T00:00:00Z');
const STATES: WorkerState[] = ['online', 'offline', 'dead', 'unknown'];
const SORT_KEYS: WorkerSortKey[] = ['attention', 'name', 'group', 'state', 'h10m', 'h1h', 'h24h', 'lastShare', attributeSortKey('temp')];

function randomWorker(random: () => number, name: string, group: string): Worker {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  // Few distinct values, so equal values (ties) are common; last shares straddle the attention order's one-day line.
  const rate = () => pick([null, 0, 5, 5, 100, 2e12]);
  const lastShare = pick([null, NOW - DEAD_LONG_AGO_MS - 60_000, NOW - DEAD_LONG_AGO_MS + 30_000, NOW - 60_000, NOW - 3_600_000]);
  return makeWorker({
    name,
    group,
    state: pick(STATES),
    hashrate: { h10m: rate(), h1h: rate(), h24h: rate() },
    lastShareAt: lastShare === null ? null : new Date(lastShare).toISOString(),
    ...(random() < 0.5 ? { attributes: { temp: pick([null, 40, '55', 'hot', true, '']) } } : {}),
    ...(random() < 0.1 ? { notHashingSince: new Date(NOW - 600_000).toISOString() } : {}),
  });
}

function randomWorkers(random: () => number, count: number): Worker[] {
  const byKey = new Map<string, Worker>();
  for (let index = 0; index < count; index += 1) {
    const worker = randomWorker(random, `Rig-${Math.floor(random() * count * 2)}`, `g${Math.floor(random() * 3)}`);
    byKey.set(workerKey(worker), worker);
  }
  return [...byKey.values()];
}

/** A delta as the engine sends it: some workers changed (some with their sort values unchanged), some removed, some new. */
function randomDelta(random: () => number, workers: ReadonlyMap<string, Worker>, accountId: string): WorkersDelta {
  const upserted: Worker[] = [];
  const removed: Array<{ group: string; name: string }> = [];
  for (const worker of workers.values()) {
    const roll = random();
    if (roll < 0.05) removed.push({ group: worker.group, name: worker.name });
    else if (roll < 0.15) upserted.push({ ...worker, rejectRate: random() }); // changed, same sort values
    else if (roll < 0.3) upserted.push(randomWorker(random, worker.name, worker.group));
  }
  for (let added = Math.floor(random() * 5); added > 0; added -= 1) upserted.push(randomWorker(random, `new-${Math.floor(random() * 1e6)}`, 'g9'));
  const keys = new Set(workers.keys());
  for (const worker of upserted) keys.add(workerKey(worker));
  for (const gone of removed) keys.delete(workerKey(gone));
  return { accountId, upserted, removed, total: keys.size };
}

const keysOf = (order: RowOrder) => order.sorted.map((row) => row.key);

function fullSortKeys(lists: readonly AccountWorkers[], sort: WorkerSort, nowMs: number): string[] {
  return sortWorkerRows(buildWorkerRows(lists), sort, nowMs).map((row) => row.key);
}

function loaded(workers: Worker[]): WorkerListEntry {
  return { status: 'ready', workers: workerMapFrom(workers), error: null, unreadable: null, requestId: 1 };
}

describe('orderWorkerRows', () => {
  it('updated delta by delta, gives the order a full sort gives, for every sort, on random data', () => {
    for (let seed = 1; seed <= 12; seed += 1) {
      const random = seededRandom(seed);
      for (const key of SORT_KEYS) {
        const sort: WorkerSort = { key, direction: random() < 0.5 ? 'asc' : 'desc' };
        let entries = { a: loaded(randomWorkers(random, 60)), b: loaded(randomWorkers(random, 40)) };
        const listsOf = (): AccountWorkers[] => [
          { accountId: 'a', workers: entries.a.workers },
          { accountId: 'b', workers: entries.b.workers },
        ];
        let nowMs = NOW;
        let order = orderWorkerRows(undefined, listsOf(), sort, nowMs);
        const gone = new Map<string, Worker[]>();
        for (let step = 0; step < 8; step += 1) {
          const accountId = random() < 0.7 ? 'a' : 'b';
          const delta = randomDelta(random, entries[accountId].workers, accountId);
          // Now and then a worker removed before comes back (the map is then made afresh).
          const back = gone.get(accountId)?.pop();
          if (back !== undefined && random() < 0.5 && !entries[accountId].workers.has(workerKey(back))) {
            delta.upserted.push(back);
            delta.total += 1;
          }
          for (const removed of delta.removed) gone.set(accountId, [...(gone.get(accountId) ?? []), { ...makeWorker(removed), state: 'dead' }]);
          const { entry } = applyWorkersDelta(entries[accountId], delta);
          entries = { ...entries, [accountId]: entry! };
          nowMs += Math.floor(random() * 20_000); // crosses the one-day line of some dead workers
          order = orderWorkerRows(order, listsOf(), sort, nowMs);
          const label = `seed ${seed}, sort ${sort.key} ${sort.direction}, step ${step}`;
          assert.deepEqual(keysOf(order), fullSortKeys(listsOf(), sort, nowMs), label);
          assert.deepEqual(
            rowsOf(order).map((row) => row.key),
            buildWorkerRows(listsOf()).map((row) => row.key),
            label,
          );
        }
      }
    }
  });

  it('stays equal to a full sort over lists of several chunks of slots (thousands of workers)', () => {
    const random = seededRandom(99);
    for (const key of ['attention', 'h10m', 'name'] as const) {
      const sort: WorkerSort = { key, direction: 'desc' };
      let entry = loaded(randomWorkers(random, 12_000));
      let order = orderWorkerRows(undefined, [{ accountId: 'a', workers: entry.workers }], sort, NOW);
      for (let step = 0; step < 4; step += 1) {
        entry = applyWorkersDelta(entry, randomDelta(random, entry.workers, 'a')).entry!;
        order = orderWorkerRows(order, [{ accountId: 'a', workers: entry.workers }], sort, NOW);
        assert.deepEqual(keysOf(order), fullSortKeys([{ accountId: 'a', workers: entry.workers }], sort, NOW), `${key}, step ${step}`);
        assert.equal(order.total, entry.workers.size);
      }
    }
  });

  it('re-sorts only the changed rows whose sort value moved; the others keep their place', () => {
    const workers = Array.from({ length: 1000 }, (_, index) => makeWorker({ name: `rig-${index}`, hashrate: { h10m: index, h1h: 1, h24h: 1 } }));
    const before = loaded(workers);
    const sort: WorkerSort = { key: 'h10m', direction: 'desc' };
    const first = orderWorkerRows(undefined, [{ accountId: 'a', workers: before.workers }], sort, NOW);
    // Ten workers changed (new objects); only rig-3's hashrate moved.
    const upserted = workers.slice(0, 10).map((worker) => (worker.name === 'rig-3' ? { ...worker, hashrate: { h10m: 5000, h1h: 1, h24h: 1 } } : { ...worker, rejectRate: 0.5 }));
    const { entry } = applyWorkersDelta(before, { accountId: 'a', upserted, removed: [], total: 1000 });
    const next = orderWorkerRows(first, [{ accountId: 'a', workers: entry!.workers }], sort, NOW);
    assert.deepEqual(keysOf(next), fullSortKeys([{ accountId: 'a', workers: entry!.workers }], sort, NOW));
    assert.equal(next.sorted[0]!.worker, upserted[3]);
    const changed = new Set<Worker>(upserted);
    const reused = next.sorted.filter((row) => !changed.has(row.worker) && first.sorted.includes(row));
    // The 990 unchanged rows keep the very rows of the previous order: nothing was built or sorted again.
    assert.equal(reused.length, 990);
    // rig-0's value (0) did not move: its new row takes the old one's place, last.
    assert.equal(next.sorted.at(-1)!.worker, upserted[0]);
  });

  it('reads the sort values of a few rows, not of every row, when one worker moves among 2,000', () => {
    let reads = 0;
    // A worker whose hashrate counts its reads: a full sort reads every row's value at least once.
    const counted = (name: string, h10m: number): Worker => {
      const worker = makeWorker({ name });
      const hashrate = { h10m, h1h: 1, h24h: 1 };
      Object.defineProperty(worker, 'hashrate', { enumerable: true, get: () => ((reads += 1), hashrate) });
      return worker;
    };
    const before = loaded(Array.from({ length: 2000 }, (_, index) => counted(`rig-${index}`, index)));
    const sort: WorkerSort = { key: 'h10m', direction: 'asc' };
    const first = orderWorkerRows(undefined, [{ accountId: 'a', workers: before.workers }], sort, NOW);
    const { entry } = applyWorkersDelta(before, { accountId: 'a', upserted: [counted('rig-7', 1500.5)], removed: [], total: 2000 });
    reads = 0;
    const next = orderWorkerRows(first, [{ accountId: 'a', workers: entry!.workers }], sort, NOW);
    assert.ok(reads < 100, `${reads} sort values read`);
    assert.deepEqual(keysOf(next), fullSortKeys([{ accountId: 'a', workers: entry!.workers }], sort, NOW));
  });

  it('returns the previous order when nothing changed, and starts over when the sort changes', () => {
    const before = loaded(randomWorkers(seededRandom(7), 50));
    const lists = [{ accountId: 'a', workers: before.workers }];
    const first = orderWorkerRows(undefined, lists, { key: 'name', direction: 'asc' }, NOW);
    assert.equal(orderWorkerRows(first, [{ accountId: 'a', workers: before.workers }], { key: 'name', direction: 'asc' }, NOW), first);
    const byState = orderWorkerRows(first, lists, { key: 'state', direction: 'asc' }, NOW);
    assert.deepEqual(keysOf(byState), fullSortKeys(lists, { key: 'state', direction: 'asc' }, NOW));
  });
});
