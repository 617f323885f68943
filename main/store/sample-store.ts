import type { EarningsHistory, HashrateHistory, HistoryScope } from '../../shared/contract';
import type { HashrateSeries, RevenueEstimate } from '../../shared/model';
import type { HashrateRow, WorkerStatesHistory } from './sample-query';
import type { PollObservation } from '../base/poll-observation';
import { nextTurn } from '../base/event-bus';

export type { HashrateRow, WorkerStatesHistory } from './sample-query';

export interface BalanceRow {
  at: string;
  accountId: string;
  group: string | null;
  coin: string;
  unpaid: number;
  totalEarned: number | null;
  unit: 'coin' | 'base-unit';
}

export interface MaintenanceResult {
  /** Rollup rows written (hourly and daily, accounts, groups and workers). */
  rolledUp: number;
  /** Rows removed by retention. */
  deleted: number;
}

/**
 * Hashrate, worker-state, payout, balance and earnings history: the SQLite history database (sqliteSampleStore), on
 * disk or, when the file cannot be opened, in memory with shorter retention. Times are ms since the epoch in, ISO
 * out; ranges are [fromMs, toMs). Writes throw the SQLite error when the disk fails (full, I/O): the poll's rows are
 * rolled back together and nothing else is lost.
 */
export interface SampleStore {
  /** Every row of one poll in one transaction; a failed poll (workers null) records nothing. Never does rollup work. */
  recordPoll(observation: PollObservation): void;
  /**
   * recordPoll in steps, for a caller that lets other work run between them: the poll's own rows and the first
   * worker rows, then the rest of the worker rows a transaction per step (100,000 rows are about 100 ms to write).
   * A poll of few workers is one step.
   */
  recordPollSteps(observation: PollObservation): Iterable<void>;
  /** The pool's own history, merged without duplicates (running it twice changes nothing); `atMs` stamps the earnings written. */
  recordBackfill(accountId: string, accountLabel: string, series: HashrateSeries[], dailyEarnings: RevenueEstimate[], atMs: number): void;
  /** At most maxPoints min/avg/max buckets; the fleet (no accountId) is the sum of its accounts. */
  hashrate(scope: HistoryScope, fromMs: number, toMs: number, maxPoints: number): HashrateHistory;
  workerStates(scope: HistoryScope, fromMs: number, toMs: number, maxPoints: number): WorkerStatesHistory;
  earnings(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory;
  /** Stored rows for export, not downsampled. Worker rows are stored on change: a value holds until the next row. */
  hashrateRows(scope: HistoryScope, fromMs: number, toMs: number): HashrateRow[];
  payoutRows(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory['payouts'];
  /** Unpaid balance each time it changed (older than 48 h: the last of each hour; older than 90 days: of each day). */
  balanceRows(accountId: string | undefined, fromMs: number, toMs: number): BalanceRow[];
  /** Rollups then retention, all of it now (tests, `poolwatch serve` at night). Prefer runMaintenanceInSlices in the app. */
  runMaintenance(nowMs: number): MaintenanceResult;
  /** The same work as short steps, each its own transaction, for a caller that yields between them. */
  maintenanceSteps(nowMs: number): Iterable<MaintenanceResult>;
}

/**
 * Runs maintenance one short transaction at a time, yielding to the event loop between steps so polls and IPC keep
 * flowing. Schedule it about hourly: an hour is rolled up once it ended 10 minutes ago; a pass after a long pause
 * catches up (in more steps).
 */
export async function runMaintenanceInSlices(store: SampleStore, nowMs: number, pause: () => Promise<void> = nextTurn): Promise<MaintenanceResult> {
  const total = { rolledUp: 0, deleted: 0 };
  for (const step of store.maintenanceSteps(nowMs)) {
    total.rolledUp += step.rolledUp;
    total.deleted += step.deleted;
    await pause();
  }
  return total;
}
