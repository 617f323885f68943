import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Worker } from '../../../shared/model';
import {
  buildWorkerRows,
  filterWorkerRows,
  naturalSortKey,
  sortWorkerRows,
  toggleSort,
  type WorkerRow,
  type WorkerSort,
} from '../../../renderer/features/workers/worker-rows';
import { workerMapFrom } from '../../../renderer/state/workers-reducers';
import { makeWorker } from './fixtures';

function rowsOf(workers: Worker[], accountId = 'acc'): WorkerRow[] {
  return buildWorkerRows([{ accountId, workers: workerMapFrom(workers) }]);
}

const names = (rows: readonly WorkerRow[]) => rows.map((row) => row.worker.name);

const sample: Worker[] = [
  makeWorker({ name: 'rig-10', group: 'b', state: 'dead', hashrate: { h10m: 0, h1h: 5, h24h: null }, lastShareAt: '2025-01-01T00:00:00Z' }),
  makeWorker({ name: 'Rig-2', group: 'a', state: 'online', hashrate: { h10m: 300, h1h: 300, h24h: 300 }, lastShareAt: '2025-01-03T00:00:00Z' }),
  makeWorker({ name: 'alpha', group: 'c', state: 'offline', hashrate: { h10m: null, h1h: 100, h24h: 50 }, lastShareAt: null }),
  makeWorker({ name: 'rig-1', group: 'a', state: 'unknown', hashrate: { h10m: 200, h1h: null, h24h: 10 }, lastShareAt: '2025-01-02T00:00:00Z' }),
];

describe('sortWorkerRows', () => {
  it('sorts names naturally and case-insensitively (rig-2 before rig-10)', () => {
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'name', direction: 'asc' })), ['alpha', 'rig-1', 'Rig-2', 'rig-10']);
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'name', direction: 'desc' })), ['rig-10', 'Rig-2', 'rig-1', 'alpha']);
  });

  it('sorts by hashrate numerically, missing values last in both directions', () => {
    const asc = sortWorkerRows(rowsOf(sample), { key: 'h10m', direction: 'asc' });
    assert.deepEqual(names(asc), ['rig-10', 'rig-1', 'Rig-2', 'alpha']);
    const desc = sortWorkerRows(rowsOf(sample), { key: 'h10m', direction: 'desc' });
    assert.deepEqual(names(desc), ['Rig-2', 'rig-1', 'rig-10', 'alpha']);
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'h24h', direction: 'desc' })), ['Rig-2', 'alpha', 'rig-1', 'rig-10']);
  });

  it('sorts by state in the model order online, offline, dead, unknown', () => {
    assert.deepEqual(
      sortWorkerRows(rowsOf(sample), { key: 'state', direction: 'asc' }).map((row) => row.worker.state),
      ['online', 'offline', 'dead', 'unknown'],
    );
  });

  it('sorts by last share time, never-shared last', () => {
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'lastShare', direction: 'desc' })), ['Rig-2', 'rig-1', 'rig-10', 'alpha']);
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'lastShare', direction: 'asc' })), ['rig-10', 'rig-1', 'Rig-2', 'alpha']);
  });

  it('breaks ties by name so equal groups keep a stable order', () => {
    assert.deepEqual(names(sortWorkerRows(rowsOf(sample), { key: 'group', direction: 'asc' })), ['rig-1', 'Rig-2', 'rig-10', 'alpha']);
  });

  it('does not change the input array', () => {
    const rows = rowsOf(sample);
    const before = names(rows);
    sortWorkerRows(rows, { key: 'name', direction: 'desc' });
    assert.deepEqual(names(rows), before);
  });

  it('sorts 30,000 rows in well under a second', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => makeWorker({ name: `w-${(i * 7919) % 30_000}`, group: `g${i % 7}` }));
    const rows = rowsOf(many);
    const started = performance.now();
    const sorted = sortWorkerRows(rows, { key: 'name', direction: 'asc' });
    assert.ok(performance.now() - started < 1000);
    assert.equal(sorted[0]?.worker.name, 'w-0');
    assert.equal(sorted[29_999]?.worker.name, 'w-29999');
  });
});

describe('naturalSortKey', () => {
  it('orders digit runs by value and ignores case', () => {
    const keys = ['a10', 'A9', 'a009b', 'a9a'].map((text) => [text, naturalSortKey(text)] as const);
    keys.sort((x, y) => (x[1] < y[1] ? -1 : 1));
    assert.deepEqual(
      keys.map(([text]) => text),
      ['A9', 'a9a', 'a009b', 'a10'],
    );
  });
});

describe('toggleSort', () => {
  it('sorts a new column ascending and reverses the same column', () => {
    const start: WorkerSort = { key: 'name', direction: 'asc' };
    const byState = toggleSort(start, 'state');
    assert.deepEqual(byState, { key: 'state', direction: 'asc' });
    assert.deepEqual(toggleSort(byState, 'state'), { key: 'state', direction: 'desc' });
    assert.deepEqual(toggleSort(toggleSort(byState, 'state'), 'state'), { key: 'state', direction: 'asc' });
  });
});

describe('filterWorkerRows', () => {
  const rows = sortWorkerRows(rowsOf(sample), { key: 'name', direction: 'asc' });

  it('matches a case-insensitive substring of the name, keeping the sort order', () => {
    assert.deepEqual(names(filterWorkerRows(rows, { state: 'all', name: 'RIG' })), ['rig-1', 'Rig-2', 'rig-10']);
    assert.deepEqual(names(filterWorkerRows(rows, { state: 'all', name: ' g-1 ' })), ['rig-1', 'rig-10']);
  });

  it('filters by state, and by both together', () => {
    assert.deepEqual(names(filterWorkerRows(rows, { state: 'dead', name: '' })), ['rig-10']);
    assert.deepEqual(names(filterWorkerRows(rows, { state: 'online', name: 'alpha' })), []);
  });

  it('returns the same array when nothing is filtered (no copy of 30,000 rows)', () => {
    assert.equal(filterWorkerRows(rows, { state: 'all', name: '  ' }), rows);
  });
});

describe('buildWorkerRows', () => {
  it('keys rows by account, group and name, so the same name in two groups or accounts stays apart', () => {
    const twins = [makeWorker({ name: 'rig', group: 'a' }), makeWorker({ name: 'rig', group: 'b' })];
    const rows = buildWorkerRows([
      { accountId: 'one', workers: workerMapFrom(twins) },
      { accountId: 'two', workers: workerMapFrom([makeWorker({ name: 'rig', group: 'a' })]) },
    ]);
    assert.equal(new Set(rows.map((row) => row.key)).size, 3);
    assert.deepEqual(
      rows.map((row) => row.accountId),
      ['one', 'one', 'two'],
    );
  });

  it('reuses rows for unchanged workers and rebuilds changed ones', () => {
    const kept = makeWorker({ name: 'kept' });
    const changed = makeWorker({ name: 'changed', lastShareAt: '2025-01-01T00:00:00Z' });
    const first = rowsOf([kept, changed]);
    const second = rowsOf([kept, { ...changed, lastShareAt: '2025-02-01T00:00:00Z' }]);
    assert.equal(second[0], first[0]);
    assert.notEqual(second[1], first[1]);
    assert.equal(second[1]?.lastShareMs, Date.parse('2025-02-01T00:00:00Z'));
  });
});
