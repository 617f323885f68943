import type { ExportKind, HistoryScope } from '../../shared/contract';
import type { AccountSummary, Worker } from '../../shared/model';
import type { SampleStore } from '../store/sample-store';
import { csvDocument } from './csv';

// The CSV exports, the same from the UI and the CLI. Columns are public (README, "CSV export"): add, never rename.

const CSV_COLUMNS: Record<ExportKind, readonly string[]> = {
  workers: [
    'account_id', 'account', 'pool', 'group', 'worker', 'state',
    'hashrate_10m_hps', 'hashrate_1h_hps', 'hashrate_24h_hps', 'reject_rate', 'last_share_at',
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

export interface ExportQuery {
  kind: ExportKind;
  scope: HistoryScope;
  /** [fromMs, toMs); workers ignore it (they are the current list). */
  fromMs: number;
  toMs: number;
}

function workerRows(sources: ExportSources, scope: HistoryScope) {
  const accounts = sources.summaries().filter((account) => scope.accountId === undefined || account.id === scope.accountId);
  return accounts.flatMap((account) =>
    sources
      .workersOf(account.id)
      .filter((worker) => (scope.group === undefined || worker.group === scope.group) && (scope.worker === undefined || worker.name === scope.worker))
      .map((worker) => [
        account.id, account.label, account.pool, worker.group, worker.name, worker.state,
        worker.hashrate.h10m, worker.hashrate.h1h, worker.hashrate.h24h, worker.rejectRate, worker.lastShareAt,
      ]),
  );
}

function rowsOf(sources: ExportSources, query: ExportQuery) {
  const { store } = sources;
  const { scope, fromMs, toMs } = query;
  switch (query.kind) {
    case 'workers':
      return workerRows(sources, scope);
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

/** A file name that says what is in it: poolwatch-<kind>-<account or all>-<UTC day>.csv. */
function exportFilename(kind: ExportKind, accountId: string | undefined, nowMs: number): string {
  const account = (accountId ?? 'all').replace(/[^A-Za-z0-9_-]+/g, '-');
  return `poolwatch-${kind}-${account}-${new Date(nowMs).toISOString().slice(0, 10)}.csv`;
}

export function buildExport(sources: ExportSources, query: ExportQuery, nowMs: number): { filename: string; csv: string } {
  return { filename: exportFilename(query.kind, query.scope.accountId, nowMs), csv: csvDocument(CSV_COLUMNS[query.kind], rowsOf(sources, query)) };
}
