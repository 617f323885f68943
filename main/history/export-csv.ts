import type { ExportKind, HistoryScope } from '../../shared/contract';
import {
  DEFAULT_WORKER_SORT,
  lastShareMsOf,
  matchesWorkerState,
  naturalSortKey,
  sortWorkers,
  type AccountSummary,
  type SortableWorker,
  type Worker,
  type WorkerFilterState,
  type WorkerSort,
} from '../../shared/model';
import type { SampleStore } from '../store/sample-store';
import { runSteps } from '../base/steps';
import { csvDocumentInSteps, type CsvValue } from './csv';

// The CSV exports, the same from the UI and the CLI. Columns are public (README, "CSV export"): add, never rename.

const CSV_COLUMNS: Record<ExportKind, readonly string[]> = {
  workers: [
    'account_id', 'account', 'pool', 'group', 'worker', 'state',
    'hashrate_10m_hps', 'hashrate_1h_hps', 'hashrate_24h_hps', 'reject_rate', 'last_share_at', 'not_hashing_since',
  ],
  hashrate: ['time', 'account_id', 'group', 'worker', 'hashrate_hps', 'resolution'],
  payouts: ['time', 'account_id', 'payout_id', 'coin', 'amount', 'unit', 'status', 'tx_id', 'raw_amount', 'raw_unit'],
  earnings: ['day', 'account_id', 'coin', 'amount', 'unit', 'raw_amount', 'raw_unit', 'estimate'],
};

export interface ExportSources {
  store: SampleStore;
  summaries(): readonly AccountSummary[];
  workersOf(accountId: string): readonly Worker[];
}

/** The Workers screen's filters, so its export holds the rows the table shows. */
export interface WorkerFilter {
  state?: WorkerFilterState;
  /** Part of the worker's name, any case. */
  name?: string;
}

export interface ExportQuery {
  kind: ExportKind;
  scope: HistoryScope;
  /** Workers only. */
  filter?: WorkerFilter;
  /** Workers only: the Workers table's sort, so the file lists them as the table does (default: its default order). */
  sort?: WorkerSort;
  /** [fromMs, toMs); workers ignore it (they are the current list). */
  fromMs: number;
  toMs: number;
}

/** The same test as the Workers screen's filter: the state, and the trimmed name part in any case. */
function matchesFilter(worker: Worker, filter: WorkerFilter | undefined): boolean {
  const needle = filter?.name?.trim().toLowerCase() ?? '';
  return (filter?.state === undefined || matchesWorkerState(worker, filter.state)) && (needle === '' || worker.name.toLowerCase().includes(needle));
}

interface ExportedWorker extends SortableWorker {
  account: AccountSummary;
}

/** Workers (read for the table's order, or written as CSV rows) per step of an export: about 15 ms on this machine. */
const ROWS_PER_STEP = 10_000;

/** The workers in scope that pass the filter, with what the table's order reads of them; a step every ROWS_PER_STEP. */
function* exportedWorkers(sources: ExportSources, scope: HistoryScope, filter: WorkerFilter | undefined): Generator<undefined, ExportedWorker[]> {
  const accounts = sources.summaries().filter((account) => scope.accountId === undefined || account.id === scope.accountId);
  const rows: ExportedWorker[] = [];
  for (const account of accounts) {
    // Workers of one group mostly come together: its sort key is made once per run, not once per worker.
    let group: string | undefined;
    let groupSortKey = '';
    for (const worker of sources.workersOf(account.id)) {
      const inScope = (scope.group === undefined || worker.group === scope.group) && (scope.worker === undefined || worker.name === scope.worker);
      if (!inScope || !matchesFilter(worker, filter)) continue;
      if (worker.group !== group) {
        group = worker.group;
        groupSortKey = naturalSortKey(group);
      }
      rows.push({ account, accountId: account.id, worker, nameSortKey: naturalSortKey(worker.name), groupSortKey, lastShareMs: lastShareMsOf(worker.lastShareAt) });
      if (rows.length % ROWS_PER_STEP === 0) yield;
    }
  }
  return rows;
}

/**
 * The CSV rows, in the order the Workers table shows them under `sort` (the same comparator, shared/model/worker-sort.ts).
 * Made one at a time as the document is written: 100,000 rows of cells made up front outlive the young generation.
 * `undefined` marks a step (see csvDocumentInSteps): the reading, then the sort, each a step of its own.
 */
function* workerRows(sources: ExportSources, query: ExportQuery, nowMs: number): Generator<CsvValue[] | undefined> {
  const rows = yield* exportedWorkers(sources, query.scope, query.filter);
  yield;
  const sorted = sortWorkers(rows, query.sort ?? DEFAULT_WORKER_SORT, nowMs);
  yield;
  for (const { account, worker } of sorted) {
    yield [
      account.id, account.label, account.pool, worker.group, worker.name, worker.state,
      worker.hashrate.h10m, worker.hashrate.h1h, worker.hashrate.h24h, worker.rejectRate, worker.lastShareAt, worker.notHashingSince ?? null,
    ];
  }
}

function rowsOf(sources: ExportSources, query: ExportQuery, nowMs: number): Iterable<CsvValue[] | undefined> {
  const { store } = sources;
  const { scope, fromMs, toMs } = query;
  switch (query.kind) {
    case 'workers':
      return workerRows(sources, query, nowMs);
    case 'hashrate':
      return store.hashrateRows(scope, fromMs, toMs).map((row) => [row.at, row.accountId, row.group, row.worker, row.hashrateHps, row.resolution]);
    case 'payouts':
      return store
        .payoutRows(scope.accountId, fromMs, toMs)
        .map((row) => [row.at, row.accountId, row.id, row.coin, row.amount, row.unit, row.status, row.txId, row.rawAmount, row.rawUnit]);
    case 'earnings':
      return store
        .earnings(scope.accountId, fromMs, toMs)
        .days.map((row) => [row.day, row.accountId, row.coin, row.amount, row.unit, row.rawAmount, row.rawUnit, row.estimate ? 'yes' : 'no']);
  }
}

/** One part of a file name: letters, digits, dot, dash and underscore, at most 40 characters. */
function namePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 40) || 'x';
}

/**
 * A file name that says what is in it: poolwatch-<kind>-<account or all>[-<group>[-<worker>]][-<state>][-name-<part>]-<UTC day>.csv,
 * e.g. poolwatch-hashrate-farm-rigs-rig-07-2026-11-21.csv for one worker, poolwatch-workers-all-offline-2026-11-21.csv.
 */
export function exportFilename(kind: ExportKind, scope: HistoryScope, filter: WorkerFilter | undefined, nowMs: number): string {
  const parts = [
    'poolwatch',
    kind,
    scope.accountId === undefined ? 'all' : namePart(scope.accountId),
    ...(scope.group === undefined ? [] : [namePart(scope.group)]),
    ...(scope.worker === undefined ? [] : [namePart(scope.worker)]),
    ...(filter?.state === undefined ? [] : [filter.state]),
    ...(filter?.name === undefined || filter.name.trim() === '' ? [] : ['name', namePart(filter.name.trim())]),
    new Date(nowMs).toISOString().slice(0, 10),
  ];
  return `${parts.join('-')}.csv`;
}

/** An export as steps: run at once (buildExport, the CLI) or a step per turn of the event loop (the app's requests). */
export function* exportInSteps(sources: ExportSources, query: ExportQuery, nowMs: number): Generator<void, { filename: string; csv: string }> {
  const csv = yield* csvDocumentInSteps(CSV_COLUMNS[query.kind], rowsOf(sources, query, nowMs), ROWS_PER_STEP);
  return { filename: exportFilename(query.kind, query.scope, query.filter, nowMs), csv };
}

export function buildExport(sources: ExportSources, query: ExportQuery, nowMs: number): { filename: string; csv: string } {
  return runSteps(exportInSteps(sources, query, nowMs));
}
