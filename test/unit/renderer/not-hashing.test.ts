// "Online, not hashing" on screen: its own filter (in the address too), its own count, the worst-first order and the export.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Worker } from '../../../shared/model';
import { ExportRequestSchema } from '../../../shared/contract';
import { NOT_HASHING_MEANING } from '../../../renderer/components/state-terms';
import { NOT_HASHING_TONE, WORKER_STATE_TONES } from '../../../renderer/components/tones';
import { fleetTotals } from '../../../renderer/features/overview/fleet-totals';
import { totalWorkerCounts } from '../../../renderer/features/overview/overview-totals';
import {
  buildWorkerRows,
  DEFAULT_WORKER_SORT,
  filterWorkerRows,
  sortWorkerRows,
  workerTableState,
  workersViewFor,
  type WorkerRow,
} from '../../../renderer/features/workers/worker-rows';
import { workerMapFrom } from '../../../renderer/state/workers-reducers';
import { buildExport } from '../../../main/history/export-csv';
import { makeSummary, makeWorker } from './fixtures';

const SINCE = '2026-06-01T12:00:00.000Z';
const workers: Worker[] = [
  makeWorker({ name: 'healthy' }),
  makeWorker({ name: 'stuck', hashrate: { h10m: 0, h1h: 0, h24h: 50e12 }, notHashingSince: SINCE }),
  makeWorker({ name: 'silent', hashrate: { h10m: null, h1h: null, h24h: null }, notHashingSince: SINCE }),
  makeWorker({ name: 'just-idle', hashrate: { h10m: 0, h1h: 10, h24h: 10 } }),
  makeWorker({ name: 'gone', state: 'offline' }),
];
const rows = (): WorkerRow[] => buildWorkerRows([{ accountId: 'acc', workers: workerMapFrom(workers) }]);
const names = (list: readonly WorkerRow[]) => list.map((row) => row.worker.name).sort();

describe('workers online but not hashing on screen', () => {
  it('has a filter of its own that shows the marked workers only; "online" still lists them', () => {
    assert.deepEqual(names(filterWorkerRows(rows(), { state: 'not-hashing', name: '' })), ['silent', 'stuck']);
    assert.deepEqual(names(filterWorkerRows(rows(), { state: 'not-hashing', name: 'stu' })), ['stuck']);
    assert.deepEqual(names(filterWorkerRows(rows(), { state: 'online', name: '' })), ['healthy', 'just-idle', 'silent', 'stuck']);
  });

  it('keeps the filter in the address', () => {
    const state = { state: 'not-hashing' as const, name: '', sort: DEFAULT_WORKER_SORT };
    assert.deepEqual(workersViewFor(state), { state: 'not-hashing' });
    assert.deepEqual(workerTableState({ state: 'not-hashing' }), state);
  });

  it('lists them with the problems, before the healthy workers, even without a 10-minute figure', () => {
    const order = sortWorkerRows(rows(), DEFAULT_WORKER_SORT, Date.parse(SINCE)).map((row) => row.worker.name);
    assert.ok(order.indexOf('silent') < order.indexOf('healthy'), order.join());
    assert.ok(order.indexOf('stuck') < order.indexOf('healthy'), order.join());
  });

  it('counts them on the cards and in the totals, in a colour and with words of their own', () => {
    assert.ok(!Object.values(WORKER_STATE_TONES).includes(NOT_HASHING_TONE as never));
    assert.match(NOT_HASHING_MEANING, /10-minute hashrate/);
    const counts = { online: 4, offline: 1, dead: 0, unknown: 0, total: 5, notHashing: 2 };
    const poolCounts = { online: 4, offline: 1, dead: 0, unknown: 0, total: 5 };
    const polled = { lastGoodAt: SINCE };
    const accounts = [makeSummary({ id: 'a', ...polled, workers: counts }), makeSummary({ id: 'b', ...polled, workers: { ...poolCounts, notHashing: 1 } })];
    assert.equal(totalWorkerCounts(accounts).notHashing, 3);
    assert.equal(fleetTotals(accounts).workers.notHashing, 3);
  });

  it('exports what the filter shows', () => {
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', accountId: 'acc', state: 'not-hashing' }).success, true);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', accountId: 'acc', state: 'idle' }).success, false);
    const sources = {
      store: undefined as never,
      summaries: () => [makeSummary({ id: 'acc' })],
      workersOf: () => workers,
    };
    const { csv } = buildExport(sources, { kind: 'workers', scope: { accountId: 'acc' }, filter: { state: 'not-hashing' }, fromMs: 0, toMs: 1 }, Date.parse(SINCE));
    const lines = csv.trim().split(/\r?\n/);
    assert.match(lines[0]!, /,last_share_at,not_hashing_since$/);
    assert.deepEqual(lines.slice(1).map((line) => line.split(',')[4]).sort(), ['silent', 'stuck']);
    assert.ok(lines.slice(1).every((line) => line.endsWith(`,${SINCE}`)));
  });
});
