import type BetterSqlite3 from 'better-sqlite3';
import type { PollObservation } from '../base/poll-observation';
import { workerKey, type Balance, type HashrateSeries, type RevenueEstimate } from '../../shared/model';
import { runMaintenanceSteps } from './rollup';
import { planBackfill, type BackfillPoint } from './sample-backfill';
import { queryHashrate, queryHashrateRows, queryWorkerStates } from './sample-query';
import { DISK_RETENTION, WORKER_RAW_CAP_MS, keepalivePhase, type Retention } from './sample-policy';
import { balanceKey, changedBalances, workerWritesInParts, writesInSteps, earningDays, isEarningDay, seriesRows, type BalanceFigures, type WorkerEntry, type WorkerWrite } from './sample-recorder';
import { sqliteReads } from './sample-sqlite-read';
import type { MaintenanceResult, SampleStore } from './sample-store';
import { LEVEL_CODE, LEVEL_MS, type StateCode } from './sample-types';

// The SQLite history store. recordPoll is the hot path: prepared statements, one IMMEDIATE transaction, in-memory
// caches of ids and of the last row written per worker and balance, no reads per worker and no rollup work.

function parseMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Listed workers per step when a poll is recorded in steps (recordPollSteps): a few ms of work each. */
export const WORKER_ROWS_PER_STEP = 5_000;

/** The store over an open history database; `retention` is what maintenance keeps (shorter for a database in memory). */
export function sqliteSampleStore(db: BetterSqlite3.Database, retention: Retention = DISK_RETENTION): SampleStore {
  const reads = sqliteReads(db);
  const statements = {
    accountId: db.prepare('SELECT id, label FROM hist_account WHERE account_key = ?'),
    insertAccount: db.prepare('INSERT INTO hist_account (account_key, label) VALUES (?, ?) RETURNING id'),
    relabel: db.prepare('UPDATE hist_account SET label = ? WHERE id = ?'),
    seriesId: db.prepare(
      `INSERT INTO hist_series (account_id, is_group, group_name) VALUES (?, ?, ?)
       ON CONFLICT (account_id, is_group, group_name) DO UPDATE SET group_name = excluded.group_name RETURNING id`,
    ),
    // New worker, or one back after a gone row or a restart: (re)activate it and note its first own sample.
    upsertWorker: db.prepare(
      `INSERT INTO hist_worker (series_id, name, first_own_ms, active, activated_ms) VALUES (?, ?, @at, 1, @at)
       ON CONFLICT (series_id, name) DO UPDATE SET active = 1, activated_ms = excluded.activated_ms,
         first_own_ms = coalesce(first_own_ms, excluded.first_own_ms)
       RETURNING id`,
    ),
    // A worker known only from the pool's history has no samples to roll up: it starts inactive, "retired" where its data ends.
    backfillWorker: db.prepare(
      `INSERT INTO hist_worker (series_id, name, first_own_ms, active, retired_ms) VALUES (?, ?, NULL, 0, @at)
       ON CONFLICT (series_id, name) DO UPDATE SET retired_ms = CASE WHEN active = 0 THEN max(coalesce(retired_ms, 0), excluded.retired_ms) ELSE retired_ms END
       RETURNING id, first_own_ms`,
    ),
    seriesSample: db.prepare('INSERT OR REPLACE INTO series_sample (series_id, at_ms, hps, online, offline, dead, unknown) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    workerSample: db.prepare('INSERT OR REPLACE INTO worker_sample (at_ms, worker_id, hps, state, reject_ppm) VALUES (?, ?, ?, ?, ?)'),
    activeWorkers: db.prepare(
      `SELECT w.id, s.group_name, w.name FROM hist_worker w JOIN hist_series s ON s.id = w.series_id
       WHERE s.account_id = ? AND s.is_group = 1 AND w.active = 1`,
    ),
    // Worker rows of the account's last polls: keepalive gives every listed worker one within WORKER_RAW_CAP_MS.
    recentWorkerSamples: db.prepare(
      `SELECT w.worker_id, w.at_ms, w.hps, w.state, w.reject_ppm
       FROM series_sample s CROSS JOIN worker_sample w ON w.at_ms = s.at_ms
       WHERE s.series_id = @series AND s.at_ms >= (SELECT MAX(at_ms) FROM series_sample WHERE series_id = @series) - @window
       ORDER BY w.at_ms`,
    ),
    payout: db.prepare(
      `INSERT INTO payout (account_id, payout_id, at_ms, first_seen_ms, coin, amount, unit, status, tx_id, group_name, updated_ms, raw_amount, raw_unit)
       VALUES (@account, @id, @at, @now, @coin, @amount, @unit, @status, @tx, @group, @now, @rawAmount, @rawUnit)
       ON CONFLICT (account_id, payout_id) DO UPDATE SET
         at_ms = coalesce(excluded.at_ms, at_ms), coin = excluded.coin, amount = excluded.amount, unit = excluded.unit,
         status = excluded.status, tx_id = coalesce(excluded.tx_id, tx_id), group_name = excluded.group_name, updated_ms = excluded.updated_ms,
         raw_amount = excluded.raw_amount, raw_unit = excluded.raw_unit
       WHERE at_ms IS NOT coalesce(excluded.at_ms, at_ms) OR coin IS NOT excluded.coin OR amount IS NOT excluded.amount
         OR unit IS NOT excluded.unit OR status IS NOT excluded.status OR tx_id IS NOT coalesce(excluded.tx_id, tx_id)
         OR group_name IS NOT excluded.group_name OR raw_amount IS NOT excluded.raw_amount OR raw_unit IS NOT excluded.raw_unit`,
    ),
    balance: db.prepare('INSERT OR REPLACE INTO balance_sample (account_id, group_name, coin, unit, at_ms, unpaid, total_earned) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    // SQLite gives the bare columns of the row holding the MAX: each balance's newest figures.
    lastBalances: db.prepare(
      'SELECT group_name, coin, unit, unpaid, total_earned, MAX(at_ms) FROM balance_sample WHERE account_id = ? GROUP BY group_name, coin, unit',
    ),
    earning: db.prepare(
      `INSERT INTO earning_day (account_id, day, coin, group_name, amount, unit, updated_ms, raw_amount, raw_unit, estimate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, day, coin, group_name) DO UPDATE SET amount = excluded.amount, unit = excluded.unit, updated_ms = excluded.updated_ms,
         raw_amount = excluded.raw_amount, raw_unit = excluded.raw_unit, estimate = excluded.estimate
       WHERE amount IS NOT excluded.amount OR unit IS NOT excluded.unit OR raw_amount IS NOT excluded.raw_amount
         OR raw_unit IS NOT excluded.raw_unit OR estimate IS NOT excluded.estimate`,
    ),
    seriesBackfill: db.prepare(
      `INSERT OR IGNORE INTO series_rollup (series_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0)`,
    ),
    workerBackfill: db.prepare(
      `INSERT OR IGNORE INTO worker_rollup (worker_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0)`,
    ),
  };

  // Caches of what is in the database; all are dropped when a write fails, and rebuilt from the database.
  const accounts = new Map<string, { id: number; label: string }>();
  const series = new Map<string, number>();
  const workers = new Map<number, Map<string, WorkerEntry>>();
  const balances = new Map<number, Map<string, BalanceFigures>>();
  const forgetCaches = () => {
    accounts.clear();
    series.clear();
    workers.clear();
    balances.clear();
  };

  function accountRef(key: string, label: string): number {
    let known = accounts.get(key) ?? (statements.accountId.get(key) as { id: number; label: string } | undefined);
    if (!known) known = { id: (statements.insertAccount.get(key, label) as { id: number }).id, label };
    if (known.label !== label) statements.relabel.run(label, known.id);
    accounts.set(key, { id: known.id, label });
    return known.id;
  }

  function seriesRef(accountId: number, group: string | null): number {
    const key = `${accountId}\u0000${group === null ? '0' : `1${group}`}`;
    let id = series.get(key);
    if (id === undefined) {
      id = (statements.seriesId.get(accountId, group === null ? 0 : 1, group ?? '') as { id: number }).id;
      series.set(key, id);
    }
    return id;
  }

  /** An account's cache, loaded from the database the first time (and after a failed write cleared it). */
  function cached<T>(cache: Map<number, T>, accountId: number, load: () => T): T {
    let value = cache.get(accountId);
    if (value === undefined) {
      value = load();
      cache.set(accountId, value);
    }
    return value;
  }

  const workerEntries = (accountId: number) => cached(workers, accountId, () => loadWorkerEntries(accountId));
  const balanceFigures = (accountId: number) => cached(balances, accountId, () => loadBalanceFigures(accountId));

  function loadWorkerEntries(accountId: number): Map<string, WorkerEntry> {
    const entries = new Map<string, WorkerEntry>();
    const byId = new Map<number, WorkerEntry>();
    for (const row of statements.activeWorkers.all(accountId) as Array<{ id: number; group_name: string; name: string }>) {
      const key = workerKey({ group: row.group_name, name: row.name });
      const entry: WorkerEntry = { group: row.group_name, name: row.name, id: row.id, phase: keepalivePhase(key), last: undefined };
      entries.set(key, entry);
      byId.set(row.id, entry);
    }
    // Oldest first, so each worker ends with its newest row. A worker without one is written at its next poll.
    const recent = statements.recentWorkerSamples.all({ series: seriesRef(accountId, null), window: WORKER_RAW_CAP_MS }) as Array<{
      worker_id: number;
      at_ms: number;
      hps: number | null;
      state: StateCode;
      reject_ppm: number | null;
    }>;
    for (const row of recent) {
      const entry = byId.get(row.worker_id);
      if (entry) entry.last = { at: row.at_ms, hps: row.hps, state: row.state, rejectPpm: row.reject_ppm };
    }
    return entries;
  }

  function loadBalanceFigures(accountId: number): Map<string, BalanceFigures> {
    const figures = new Map<string, BalanceFigures>();
    const rows = statements.lastBalances.all(accountId) as Array<{ group_name: string; coin: string; unit: string; unpaid: number; total_earned: number | null }>;
    for (const row of rows) figures.set(balanceKey({ group: row.group_name, coin: row.coin, unit: row.unit as Balance['unit'] }), { unpaid: row.unpaid, totalEarned: row.total_earned });
    return figures;
  }

  function insertBackfill(accountId: number, history: readonly HashrateSeries[]): void {
    if (history.length === 0) return;
    const plan = planBackfill(history, reads.marks().day);
    const put = (statement: BetterSqlite3.Statement, id: number, point: BackfillPoint) =>
      statement.run(id, LEVEL_CODE[point.level], point.at, point.min, point.avg, point.max);
    for (const point of plan.account) put(statements.seriesBackfill, seriesRef(accountId, null), point);
    for (const [group, points] of plan.groups) for (const point of points) put(statements.seriesBackfill, seriesRef(accountId, group), point);
    for (const worker of plan.workers) {
      const dataEnd = Math.max(...worker.points.map((point) => point.at + LEVEL_MS[point.level]));
      const row = statements.backfillWorker.get(seriesRef(accountId, worker.group), worker.worker, { at: dataEnd }) as { id: number; first_own_ms: number | null };
      // Pool history for a worker only goes where our own samples have not started: its rows are steps.
      const before = row.first_own_ms ?? Infinity;
      for (const point of worker.points) if (point.at + LEVEL_MS[point.level] <= before) put(statements.workerBackfill, row.id, point);
    }
  }

  function insertEarnings(accountId: number, days: readonly RevenueEstimate[], atMs: number): void {
    for (const day of days) {
      statements.earning.run(accountId, day.day, day.coin, day.group ?? '', day.amount, day.unit, atMs, day.raw?.amount ?? null, day.raw?.unit ?? null, day.estimate ? 1 : 0);
    }
  }

  /** The poll's own rows (account, groups, money, backfill) and the first part of its worker rows, in one transaction. */
  const recordTx = db.transaction((poll: PollObservation, accountId: number, firstWrites: readonly WorkerWrite[]) => {
    const { account, atMs } = poll;
    for (const { group, row } of seriesRows(account, atMs)) {
      const s = row.states;
      statements.seriesSample.run(seriesRef(accountId, group), atMs, row.hps, s?.online ?? null, s?.offline ?? null, s?.dead ?? null, s?.unknown ?? null);
    }
    insertWorkerRows(accountId, firstWrites, atMs);
    for (const payout of account.payouts) {
      statements.payout.run({
        account: accountId,
        id: payout.id,
        at: parseMs(payout.at),
        now: atMs,
        coin: payout.coin,
        amount: payout.amount,
        unit: payout.unit,
        status: payout.status,
        tx: payout.txId,
        group: payout.group,
        rawAmount: payout.raw?.amount ?? null,
        rawUnit: payout.raw?.unit ?? null,
      });
    }
    for (const balance of changedBalances(balanceFigures(accountId), account.balances)) {
      statements.balance.run(accountId, balance.group ?? '', balance.coin, balance.unit, atMs, balance.unpaid, balance.totalEarned ?? null);
    }
    insertEarnings(accountId, earningDays(poll), atMs);
    if (poll.history) insertBackfill(accountId, poll.history);
  });

  function insertWorkerRows(accountId: number, writes: readonly WorkerWrite[], atMs: number): void {
    for (const write of writes) {
      const { entry, row } = write;
      // New or back after a gone row: (re)activate it for the hourly rollup and note its first own sample.
      if (entry.id === null || write.returning) {
        entry.id = (statements.upsertWorker.get(seriesRef(accountId, entry.group), entry.name, { at: atMs }) as { id: number }).id;
      }
      statements.workerSample.run(atMs, entry.id, row.hps, row.state, row.rejectPpm);
    }
  }

  const workerRowsTx = db.transaction(insertWorkerRows);

  function* recordSteps(poll: PollObservation): Generator<void> {
    if (poll.workers === null) return;
    const accountId = accountRef(poll.account.id, poll.account.label);
    const parts = writesInSteps(workerWritesInParts(workerEntries(accountId), poll.workers, poll.atMs, WORKER_ROWS_PER_STEP));
    recordTx.immediate(poll, accountId, parts.next().value ?? []);
    for (const writes of parts) {
      yield;
      workerRowsTx.immediate(accountId, writes, poll.atMs);
    }
  }

  const backfillTx = db.transaction((accountKey: string, label: string, history: HashrateSeries[], daily: RevenueEstimate[], atMs: number) => {
    const accountId = accountRef(accountKey, label);
    insertBackfill(accountId, history);
    insertEarnings(accountId, daily.filter(isEarningDay), atMs);
  });

  function guarded<A extends unknown[]>(run: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        run(...args);
      } catch (error) {
        forgetCaches();
        throw error;
      }
    };
  }

  /** guarded for each step: a failed step drops the caches (the rows of earlier steps stay written). */
  function* guardedSteps(steps: Generator<void>): Generator<void> {
    for (;;) {
      let done: boolean | undefined;
      try {
        done = steps.next().done;
      } catch (error) {
        forgetCaches();
        throw error;
      }
      if (done) return;
      yield;
    }
  }

  // Retired workers leave the cache: listed again, they are new to it, and the write revives them (active again).
  function forgetWorkers(ids: readonly number[]): void {
    const retired = new Set(ids);
    for (const entries of workers.values()) for (const [key, entry] of entries) if (entry.id !== null && retired.has(entry.id)) entries.delete(key);
  }

  const maintenance = (nowMs: number) => runMaintenanceSteps(db, nowMs, { onWorkersRemoved: forgetWorkers }, retention);

  return {
    recordPoll: guarded((poll: PollObservation) => {
      for (const step of recordSteps(poll)) void step;
    }),
    recordPollSteps: (poll: PollObservation) => guardedSteps(recordSteps(poll)),
    recordBackfill: guarded((accountId: string, accountLabel: string, history: HashrateSeries[], daily: RevenueEstimate[], atMs: number) => {
      backfillTx.immediate(accountId, accountLabel, history, daily, atMs);
    }),
    hashrate: (scope, fromMs, toMs, maxPoints) => queryHashrate(reads, scope, fromMs, toMs, maxPoints),
    workerStates: (scope, fromMs, toMs, maxPoints) => queryWorkerStates(reads, scope, fromMs, toMs, maxPoints),
    earnings: (accountId, fromMs, toMs) => reads.earnings(accountId, fromMs, toMs),
    hashrateRows: (scope, fromMs, toMs) => queryHashrateRows(reads, scope, fromMs, toMs),
    payoutRows: (accountId, fromMs, toMs) => reads.payoutRows(accountId, fromMs, toMs),
    balanceRows: (accountId, fromMs, toMs) => reads.balanceRows(accountId, fromMs, toMs),
    runMaintenance(nowMs): MaintenanceResult {
      const total = { rolledUp: 0, deleted: 0 };
      for (const step of maintenance(nowMs)) {
        total.rolledUp += step.rolledUp;
        total.deleted += step.deleted;
      }
      return total;
    },
    maintenanceSteps: maintenance,
  };
}
