import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Worker } from '../../../shared/model';
import { discoverAttributeColumns } from '../../../renderer/components/attributes';
import { GENERIC_TERMS, POOL_TERMS } from '../../../renderer/features/pool-terms';
import { workerGridMinWidth, workerGridTemplate } from '../../../renderer/features/workers/worker-grid';
import {
  attributeSortKey,
  attributeSortValue,
  buildWorkerRows,
  compareSortValues,
  DEFAULT_WORKER_SORT,
  effectiveSort,
  filterWorkerRows,
  naturalSortKey,
  sortWorkerRows,
  toggleSort,
  workerColumns,
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

  it('pads every digit run to 20 digits without its leading zeros, and leaves other text lowercased', () => {
    const pad = (digits: string) => digits.padStart(20, '0');
    assert.equal(naturalSortKey('Rig-007.B12'), `rig-${pad('7')}.b${pad('12')}`);
    assert.equal(naturalSortKey('0'), pad('0'));
    assert.equal(naturalSortKey('000'), pad('0'));
    assert.equal(naturalSortKey('a0b00c'), `a${pad('0')}b${pad('0')}c`);
    assert.equal(naturalSortKey('x123456789012345678901234'), 'x123456789012345678901234', 'a longer run stays whole');
    assert.equal(naturalSortKey('No Digits'), 'no digits');
    assert.equal(naturalSortKey(''), '');
    assert.equal(naturalSortKey('rig ٣'), 'rig ٣', 'only ASCII digits are numbers');
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

describe('worker columns', () => {
  it('names the group column in the pool\'s words and keeps "Name" first', () => {
    const titles = (terms: typeof GENERIC_TERMS) => workerColumns(terms, []).map((column) => column.title);
    assert.deepEqual(titles(GENERIC_TERMS).slice(0, 2), ['Name', 'Group']);
    assert.deepEqual(titles(POOL_TERMS.sbi).slice(0, 2), ['Name', 'Subaccount']);
    assert.deepEqual(titles(POOL_TERMS.stratumsphere).slice(0, 2), ['Name', 'Scheduler']);
    assert.deepEqual(titles(POOL_TERMS.webminepool).slice(0, 2), ['Name', 'Site']);
    assert.equal(titles(GENERIC_TERMS).length, 7);
  });

  it('adds one sortable column per attribute, after the built-in ones', () => {
    const attributes = discoverAttributeColumns([makeWorker({ name: 'r', attributes: { connections: 2, stable: true, rejectedHps: null } })]);
    const columns = workerColumns(POOL_TERMS.stratumsphere, attributes);
    assert.deepEqual(
      columns.slice(7).map((column) => [column.key, column.title, column.numeric]),
      [
        ['attr:connections', 'Connections', true],
        ['attr:stable', 'Stable', false],
        ['attr:rejectedHps', 'Rejected', true],
      ],
    );
  });

  it('falls back to the default sort when the sorted attribute column is gone', () => {
    const withStable = workerColumns(POOL_TERMS.stratumsphere, discoverAttributeColumns([{ attributes: { stable: true } }]));
    const sort: WorkerSort = { key: attributeSortKey('stable'), direction: 'desc' };
    assert.equal(effectiveSort(sort, withStable), sort);
    assert.equal(effectiveSort(sort, workerColumns(GENERIC_TERMS, [])), DEFAULT_WORKER_SORT);
    const byState: WorkerSort = { key: 'state', direction: 'asc' };
    assert.equal(effectiveSort(byState, workerColumns(GENERIC_TERMS, [])), byState);
  });

  it('sizes the grid for the account and attribute columns', () => {
    const tracks = (template: string) => template.split('minmax(').length - 1;
    assert.equal(tracks(workerGridTemplate(true, 0)), tracks(workerGridTemplate(false, 0)) + 1);
    assert.doesNotMatch(workerGridTemplate(false, 0), /7\.5rem/);
    // Attribute headings ("Connections") are wider than the 5.5rem that made them overlap at 1280 px.
    assert.match(workerGridTemplate(false, 3), /repeat\(3, minmax\(7\.5rem, 1fr\)\)$/);
  });

  it('gives the grid a minimum width: the sum of the narrowest widths of its columns, gaps and padding', () => {
    // Built-in columns 8+5+6.5+4*6 = 43.5rem; 6 gaps of 8 px, 2*12 px padding, 16 px gutter.
    assert.equal(workerGridMinWidth(false, 0), 'calc(43.5rem + 88px)');
    assert.equal(workerGridMinWidth(true, 2), 'calc(64.5rem + 112px)');
  });
});

describe('sorting by attributes', () => {
  const rentals: Worker[] = [
    makeWorker({ name: 'a', attributes: { connections: 10, stable: true, rejected: '0.5' } }),
    makeWorker({ name: 'b', attributes: { connections: '2', stable: false, rejected: 'n/a' } }),
    makeWorker({ name: 'c', attributes: { connections: null, stable: true, rejected: 0.1 } }),
    makeWorker({ name: 'd' }),
    makeWorker({ name: 'e', attributes: { connections: 9, stable: 'unknown', rejected: true } }),
  ];
  const sorted = (label: string, direction: 'asc' | 'desc') => names(sortWorkerRows(rowsOf(rentals), { key: attributeSortKey(label), direction }));

  it('sorts numbers by value, numeric text included, missing values last both ways', () => {
    assert.deepEqual(sorted('connections', 'asc'), ['b', 'e', 'a', 'c', 'd']);
    assert.deepEqual(sorted('connections', 'desc'), ['a', 'e', 'b', 'c', 'd']);
  });

  it('sorts yes/no with no first, ties by name', () => {
    assert.deepEqual(sorted('stable', 'asc'), ['b', 'a', 'c', 'e', 'd']);
  });

  it('orders mixed types numbers, then yes/no, then text', () => {
    assert.deepEqual(sorted('rejected', 'asc'), ['c', 'a', 'e', 'b', 'd']);
    assert.deepEqual(sorted('rejected', 'desc'), ['b', 'e', 'a', 'c', 'd']);
  });

  it('compares present values within and across types', () => {
    assert.ok(compareSortValues(2, 10) < 0);
    assert.ok(compareSortValues(false, true) < 0);
    assert.ok(compareSortValues(naturalSortKey('rig-2'), naturalSortKey('rig-10')) < 0);
    assert.ok(compareSortValues(1e9, false) < 0);
    assert.ok(compareSortValues(true, 'a') < 0);
    assert.equal(compareSortValues('x', 'x'), 0);
  });

  it('turns attribute values into sort values', () => {
    assert.equal(attributeSortValue(undefined), null);
    assert.equal(attributeSortValue(null), null);
    assert.equal(attributeSortValue(''), null);
    assert.equal(attributeSortValue('12'), 12);
    assert.equal(attributeSortValue(false), false);
    assert.equal(attributeSortValue('Europe'), naturalSortKey('europe'));
  });
});
