import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ContractError, ExportRequestSchema, parseRequest } from '../../../shared/contract';
import { DEFAULT_WORKER_SORT, type Worker } from '../../../shared/model';
import { silentLogger } from '../../../main/base/logger';
import { HistoryService } from '../../../main/history/history-service';
import { openMemoryHistoryStores } from '../../../main/store/history-stores';
import { GENERIC_TERMS } from '../../../renderer/features/pool-terms';
import { attributeColumnsOf } from '../../../renderer/features/workers/worker-attribute-columns';
import { orderWorkerRows } from '../../../renderer/features/workers/worker-row-order';
import { effectiveSort, filterWorkerRows, workerColumns, type StateFilter, type WorkerSort } from '../../../renderer/features/workers/worker-rows';
import { workersExportRequest } from '../../../renderer/features/workers/workers-export-request';
import { workerMapFrom } from '../../../renderer/state/workers-reducers';
import { FakeClock } from '../../support/fake-clock';
import { csvRecords } from '../../support/parse-csv';
import { makeSummary, makeWorker } from '../renderer/fixtures';

// The Workers screen's "Export these workers" writes the rows in the order the table shows them: the request the
// screen builds, through the real history service (SQLite in memory), against the table's own incremental order.

const NOW = Date.parse('2026-11-21T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const TH = 1e12;

const workersByAccount: Record<string, Worker[]> = {
  // Store order is neither name order nor any sort's order, so an unsorted export cannot pass by chance.
  farm: [
    makeWorker({ name: 'rig-10', group: 'rigs', hashrate: { h10m: 50 * TH, h1h: 48 * TH, h24h: 47 * TH }, lastShareAt: ago(1), attributes: { region: 'us', slot: '12' } }),
    makeWorker({ name: 'old-1', group: 'rigs', state: 'dead', hashrate: { h10m: 0, h1h: 0, h24h: 1 * TH }, lastShareAt: ago(3 * 24 * 60) }),
    makeWorker({ name: 'rig-2', group: 'rigs', hashrate: { h10m: 50 * TH, h1h: 51 * TH, h24h: null }, lastShareAt: ago(1), attributes: { region: 'eu', slot: 3 } }),
    makeWorker({ name: 'Rig-1', group: 'rigs', state: 'offline', hashrate: { h10m: 0, h1h: 20 * TH, h24h: 40 * TH }, lastShareAt: ago(5), attributes: { slot: 7 } }),
    makeWorker({ name: 'unk-1', group: 'rigs', state: 'unknown', hashrate: { h10m: null, h1h: null, h24h: null }, lastShareAt: null, attributes: { region: 'EU' } }),
    makeWorker({ name: 'rig-3', group: 'rigs', state: 'dead', hashrate: { h10m: null, h1h: 0, h24h: 30 * TH }, lastShareAt: ago(120), attributes: { region: '', slot: true } }),
    makeWorker({ name: 'idle-1', group: 'rigs', hashrate: { h10m: 0, h1h: 0, h24h: 5 * TH }, lastShareAt: null, notHashingSince: ago(30), attributes: { region: 'ap' } }),
    makeWorker({ name: 'rig-2', group: 'spare', hashrate: { h10m: 50 * TH, h1h: 50 * TH, h24h: 50 * TH }, lastShareAt: ago(2), attributes: { region: 'eu', slot: 3 } }),
    makeWorker({ name: 'rig-01', group: 'rigs-b', state: 'offline', hashrate: { h10m: 0, h1h: 0, h24h: 0 }, lastShareAt: ago(5), attributes: { slot: 'b' } }),
  ],
  lab: [
    makeWorker({ name: 'rig-2', group: 'rigs', hashrate: { h10m: 50 * TH, h1h: 51 * TH, h24h: null }, lastShareAt: ago(1) }),
    makeWorker({ name: 'rig-01', group: 'rigs', state: 'offline', hashrate: { h10m: 0, h1h: 20 * TH, h24h: 40 * TH }, lastShareAt: ago(5) }),
    makeWorker({ name: 'bench', group: 'rigs', hashrate: { h10m: 10 * TH, h1h: null, h24h: 10 * TH }, lastShareAt: ago(3) }),
  ],
};
const accounts = [makeSummary({ id: 'lab', label: 'Lab' }), makeSummary({ id: 'farm', label: 'Farm' })];

const history = openMemoryHistoryStores();
after(() => history.close());
const service = new HistoryService({
  store: history.samples,
  clock: new FakeClock(NOW),
  logger: silentLogger,
  summaries: () => accounts,
  workersOf: (id) => workersByAccount[id] ?? [],
});

interface Table {
  accountId: string | null;
  state: StateFilter;
  name: string;
  sort: WorkerSort;
}

/** The rows the Workers screen shows, as useWorkerRows builds them: the incremental order, then the filters. */
function tableView(table: Table): { applied: WorkerSort; rows: string[] } {
  const ids = table.accountId === null ? accounts.map((account) => account.id) : [table.accountId];
  const lists = ids.map((accountId) => ({ accountId, workers: workerMapFrom(workersByAccount[accountId]!) }));
  const attributes = table.accountId === null ? [] : attributeColumnsOf(lists);
  const applied = effectiveSort(table.sort, workerColumns(GENERIC_TERMS, attributes));
  const order = orderWorkerRows(undefined, lists, applied, NOW);
  const rows = filterWorkerRows(order.sorted, { state: table.state, name: table.name });
  return { applied, rows: rows.map((row) => `${row.accountId}/${row.worker.group}/${row.worker.name}`) };
}

/** The file the screen's export button gets: its request, checked by the contract, answered by the history service. */
function exportedRows(table: Table, applied: WorkerSort): string[] {
  const request = ExportRequestSchema.parse(workersExportRequest(table.accountId, table.state, table.name, applied));
  return csvRecords(service.exportCsv(request).csv).map((row) => `${row.account_id}/${row.group}/${row.worker}`);
}

const SORTS: WorkerSort[] = [
  DEFAULT_WORKER_SORT,
  { key: 'attention', direction: 'desc' },
  { key: 'name', direction: 'asc' },
  { key: 'name', direction: 'desc' },
  { key: 'group', direction: 'desc' },
  { key: 'state', direction: 'asc' },
  { key: 'h10m', direction: 'desc' },
  { key: 'h1h', direction: 'asc' },
  { key: 'h24h', direction: 'desc' },
  { key: 'lastShare', direction: 'asc' },
  { key: 'lastShare', direction: 'desc' },
];
const ATTRIBUTE_SORTS: WorkerSort[] = [
  { key: 'attr:region', direction: 'asc' },
  { key: 'attr:region', direction: 'desc' },
  { key: 'attr:slot', direction: 'asc' },
  { key: 'attr:slot', direction: 'desc' },
];

describe('the workers export in the table’s order', () => {
  it('writes every account’s workers in the order the table shows for each sort (ties by name, then group, then account)', () => {
    for (const sort of SORTS) {
      const table: Table = { accountId: null, state: 'all', name: '', sort };
      const { applied, rows } = tableView(table);
      assert.deepEqual(exportedRows(table, applied), rows, `${sort.key} ${sort.direction}`);
    }
  });

  it('follows an attribute column of one account: numbers, yes/no and text in their places, missing values last', () => {
    for (const sort of [...ATTRIBUTE_SORTS, ...SORTS]) {
      const table: Table = { accountId: 'farm', state: 'all', name: '', sort };
      const { applied, rows } = tableView(table);
      assert.deepEqual(applied, sort, 'the table has the column');
      assert.deepEqual(exportedRows(table, applied), rows, `${sort.key} ${sort.direction}`);
    }
    // What the table shows for attr:slot ascending, spelled out: 3, 3, 7, 12 ("12" is a number), yes, text, none.
    assert.deepEqual(exportedRows({ accountId: 'farm', state: 'all', name: '', sort: ATTRIBUTE_SORTS[2]! }, ATTRIBUTE_SORTS[2]!), [
      'farm/rigs/rig-2',
      'farm/spare/rig-2',
      'farm/rigs/Rig-1',
      'farm/rigs/rig-10',
      'farm/rigs/rig-3',
      'farm/rigs-b/rig-01',
      'farm/rigs/idle-1',
      'farm/rigs/old-1',
      'farm/rigs/unk-1',
    ]);
  });

  it('keeps the order under the state and name filters', () => {
    for (const sort of SORTS) {
      for (const [state, name] of [['offline', ''], ['all', ' RIG'], ['online', '2']] as const) {
        const table: Table = { accountId: null, state, name, sort };
        const { applied, rows } = tableView(table);
        assert.ok(rows.length > 0);
        assert.deepEqual(exportedRows(table, applied), rows, `${sort.key} ${sort.direction} ${state} "${name}"`);
      }
    }
  });

  it('without a sort writes the table’s default order, worst first', () => {
    const { rows } = tableView({ accountId: null, state: 'all', name: '', sort: DEFAULT_WORKER_SORT });
    const csv = service.exportCsv({ kind: 'workers' }).csv;
    assert.deepEqual(csvRecords(csv).map((row) => `${row.account_id}/${row.group}/${row.worker}`), rows);
    // The newest change first; equal times and names (rig-01 is rig-1 naturally) by group, then account; long dead last.
    assert.deepEqual(rows.slice(0, 3), ['farm/rigs/Rig-1', 'lab/rigs/rig-01', 'farm/rigs-b/rig-01']);
    assert.equal(rows.at(-1), 'farm/rigs/old-1');
  });

  it('the screen’s request carries the sort the table applies', () => {
    assert.deepEqual(workersExportRequest('farm', 'offline', ' rig ', { key: 'attr:slot', direction: 'desc' }), {
      kind: 'workers',
      accountId: 'farm',
      state: 'offline',
      name: 'rig',
      sort: { key: 'attr:slot', direction: 'desc' },
    });
    // A sort whose column is gone (another account's attribute) is the default one, and that is what is sent.
    const { applied } = tableView({ accountId: 'lab', state: 'all', name: '', sort: { key: 'attr:slot', direction: 'desc' } });
    assert.deepEqual(workersExportRequest('lab', 'all', '', applied).sort, DEFAULT_WORKER_SORT);
  });

  it('refuses an unknown sort key by name, and a sort on other exports', () => {
    const unknown = ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: 'hashrate', direction: 'desc' } });
    assert.equal(unknown.success, false);
    assert.match(unknown.error!.issues[0]!.message, /unknown sort key "hashrate": use one of attention, name, .* or attr:<attribute label>/);
    assert.deepEqual(unknown.error!.issues[0]!.path, ['sort', 'key']);
    // What both transports (IPC, the headless API) answer: a request error naming the key, not a fault.
    assert.throws(
      () => parseRequest('export:csv', { kind: 'workers', sort: { key: 'hashrate', direction: 'desc' } }),
      (error: unknown) => error instanceof ContractError && error.code === 'invalid_request' && /^Invalid export:csv request: sort\.key: unknown sort key "hashrate"/.test(error.message),
    );
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: 'attr:', direction: 'asc' } }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: `attr:${'x'.repeat(300)}`, direction: 'asc' } }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: 'h10m', direction: 'up' } }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: 'h10m' } }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'hashrate', sort: { key: 'h10m', direction: 'asc' } }).success, false);
    assert.equal(ExportRequestSchema.safeParse({ kind: 'workers', sort: { key: 'attr:Payout, address', direction: 'asc' } }).success, true);
  });
});

describe('a big workers export from the app', () => {
  it('answers in turns of the event loop, with the same file the CLI writes', async () => {
    const big = Array.from({ length: 45_000 }, (_, index) =>
      makeWorker({ name: `rig-${index}`, group: `g${index % 7}`, state: index % 5 === 0 ? 'offline' : 'online', lastShareAt: ago(index % 90) }),
    );
    const bigService = new HistoryService({
      store: history.samples,
      clock: new FakeClock(NOW),
      logger: silentLogger,
      summaries: () => [makeSummary({ id: 'big', label: 'Big' })],
      workersOf: () => big,
    });
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    let answered = false;
    let setAsideRanFirst = false;
    setImmediate(() => (setAsideRanFirst = !answered));
    const inTurns = await bigService.exportCsvInTurns({ kind: 'workers', accountId: 'big', sort: { key: 'h10m', direction: 'desc' } });
    answered = true;
    clearInterval(ticking);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.ok(setAsideRanFirst && turns >= 1, `other work ran during the export (timers ran ${turns} times)`);
    const atOnce = bigService.exportCsv({ kind: 'workers', accountId: 'big', sort: { key: 'h10m', direction: 'desc' } });
    assert.equal(inTurns.csv, atOnce.csv);
    assert.equal(inTurns.filename, atOnce.filename);
    assert.equal(csvRecords(inTurns.csv).length, 45_000);
    await assert.rejects(bigService.exportCsvInTurns({ kind: 'workers', accountId: 'big', from: '2026-11-22T00:00:00Z', to: '2026-11-21T00:00:00Z' }), ContractError);
  });
});
