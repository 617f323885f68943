import type BetterSqlite3 from 'better-sqlite3';
import type { EarningsHistory, HistoryScope } from '../../shared/contract';
import type { RollupMarks, SampleSource, SampleTarget } from './sample-source';
import type { BalanceRow } from './sample-store';
import { utcDay } from '../base/time';
import { LEVEL_CODE, LEVEL_MS, type RollupLevel, type RollupRow, type SeriesRawRow, type StateCode, type WorkerRawRow } from './sample-types';

// The read side of the SQLite history store: the SampleSource the queries compose, plus earnings, payouts, balances.

export type RollupDbRow = {
  at_ms: number;
  hps_min: number | null;
  hps_avg: number | null;
  hps_max: number | null;
  online: number | null;
  offline: number | null;
  dead: number | null;
  unknown: number | null;
  own: number;
};

export function toRollup(row: RollupDbRow): RollupRow {
  return {
    at: row.at_ms,
    min: row.hps_min,
    avg: row.hps_avg,
    max: row.hps_max,
    states: row.online === null ? null : { online: row.online, offline: row.offline ?? 0, dead: row.dead ?? 0, unknown: row.unknown ?? 0 },
    own: row.own === 1,
  };
}

/** rollup_mark names: the first hour (day) not yet rolled up from raw samples (hourly rollups). */
export const MARK_HOUR = 'hour';
export const MARK_DAY = 'day';

export interface SqliteReads extends SampleSource {
  earnings(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory;
  payoutRows(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory['payouts'];
  balanceRows(accountId: string | undefined, fromMs: number, toMs: number): BalanceRow[];
}

export function sqliteReads(db: BetterSqlite3.Database): SqliteReads {
  const accountSeries = db.prepare(
    `SELECT s.id, a.account_key FROM hist_series s JOIN hist_account a ON a.id = s.account_id
     WHERE s.is_group = 0 AND (@account IS NULL OR a.account_key = @account) ORDER BY a.account_key`,
  );
  const groupSeries = db.prepare(
    `SELECT s.id FROM hist_series s JOIN hist_account a ON a.id = s.account_id WHERE a.account_key = ? AND s.is_group = 1 AND s.group_name = ?`,
  );
  const workerId = db.prepare(
    `SELECT w.id FROM hist_worker w JOIN hist_series s ON s.id = w.series_id JOIN hist_account a ON a.id = s.account_id
     WHERE a.account_key = ? AND s.is_group = 1 AND s.group_name = ? AND w.name = ?`,
  );
  const seriesRaw = db.prepare('SELECT at_ms, hps, online, offline, dead, unknown FROM series_sample WHERE series_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms');
  // Worker rows are keyed time first: one worker's rows are found by seeking each poll time of its account.
  const workerRaw = db.prepare(
    `SELECT w.at_ms, w.hps, w.state, w.reject_ppm
     FROM series_sample s CROSS JOIN worker_sample w ON w.at_ms = s.at_ms AND w.worker_id = @id
     WHERE s.series_id = (SELECT a.id FROM hist_worker hw JOIN hist_series g ON g.id = hw.series_id
                          JOIN hist_series a ON a.account_id = g.account_id AND a.is_group = 0 WHERE hw.id = @id)
       AND s.at_ms >= @from AND s.at_ms < @to
     ORDER BY s.at_ms`,
  );
  const rollupColumns = 'at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own';
  const seriesRollups = db.prepare(`SELECT ${rollupColumns} FROM series_rollup WHERE series_id = ? AND level = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms`);
  // ... and its rollups by seeking each bucket start (rollup rows always sit on one).
  const workerRollups = db.prepare(
    `WITH RECURSIVE t(at) AS (SELECT @first WHERE @first < @to UNION ALL SELECT at + @width FROM t WHERE at + @width < @to)
     SELECT r.at_ms, r.hps_min, r.hps_avg, r.hps_max, r.online, r.offline, r.dead, r.unknown, r.own
     FROM t CROSS JOIN worker_rollup r ON r.level = @level AND r.at_ms = t.at AND r.worker_id = @id
     ORDER BY r.at_ms`,
  );
  const days = db.prepare(
    `SELECT a.account_key AS accountId, d.day, d.coin, d.unit, SUM(d.amount) AS amount,
       SUM(d.raw_amount) AS rawAmount, MAX(d.raw_unit) AS rawUnit, MAX(d.estimate) AS estimate
     FROM earning_day d JOIN hist_account a ON a.id = d.account_id
     WHERE d.day >= @fromDay AND d.day <= @toDay AND (@account IS NULL OR a.account_key = @account)
     GROUP BY a.account_key, d.day, d.coin, d.unit ORDER BY d.day, a.account_key, d.coin`,
  );
  const payouts = db.prepare(
    `SELECT p.payout_id, a.account_key, coalesce(p.at_ms, p.first_seen_ms) AS t, p.coin, p.amount, p.unit, p.status, p.tx_id, p.raw_amount, p.raw_unit
     FROM payout p JOIN hist_account a ON a.id = p.account_id
     WHERE coalesce(p.at_ms, p.first_seen_ms) >= @from AND coalesce(p.at_ms, p.first_seen_ms) < @to AND (@account IS NULL OR a.account_key = @account)
     ORDER BY t, a.account_key, p.payout_id`,
  );
  const marks = db.prepare('SELECT name, at_ms FROM rollup_mark');
  const balances = db.prepare(
    `SELECT a.account_key, b.group_name, b.coin, b.unit, b.at_ms, b.unpaid, b.total_earned
     FROM balance_sample b JOIN hist_account a ON a.id = b.account_id
     WHERE b.at_ms >= @from AND b.at_ms < @to AND (@account IS NULL OR a.account_key = @account)
     ORDER BY b.at_ms, a.account_key, b.group_name, b.coin`,
  );

  function payoutRows(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory['payouts'] {
    const rows = payouts.all({ from: fromMs, to: toMs, account: accountId ?? null }) as Array<{
      payout_id: string;
      account_key: string;
      t: number;
      coin: string;
      amount: number;
      unit: 'coin' | 'base-unit';
      status: string;
      tx_id: string | null;
      raw_amount: number | null;
      raw_unit: string | null;
    }>;
    return rows.map((row) => ({
      id: row.payout_id,
      accountId: row.account_key,
      at: new Date(row.t).toISOString(),
      coin: row.coin,
      amount: row.amount,
      unit: row.unit,
      status: row.status,
      txId: row.tx_id,
      rawAmount: row.raw_amount,
      rawUnit: row.raw_unit,
    }));
  }

  return {
    targets(scope: HistoryScope): SampleTarget[] {
      if (scope.accountId !== undefined && scope.group !== undefined) {
        if (scope.worker !== undefined) {
          const row = workerId.get(scope.accountId, scope.group, scope.worker) as { id: number } | undefined;
          return row ? [{ kind: 'worker', id: row.id, accountId: scope.accountId, group: scope.group, worker: scope.worker }] : [];
        }
        const row = groupSeries.get(scope.accountId, scope.group) as { id: number } | undefined;
        return row ? [{ kind: 'series', id: row.id, accountId: scope.accountId, group: scope.group }] : [];
      }
      const rows = accountSeries.all({ account: scope.accountId ?? null }) as Array<{ id: number; account_key: string }>;
      return rows.map((row) => ({ kind: 'series', id: row.id, accountId: row.account_key, group: null }));
    },
    marks(): RollupMarks {
      const rows = marks.all() as Array<{ name: string; at_ms: number }>;
      const get = (name: string) => rows.find((row) => row.name === name)?.at_ms ?? -Infinity;
      return { hour: get(MARK_HOUR), day: get(MARK_DAY) };
    },
    seriesRaw(id, fromMs, toMs): SeriesRawRow[] {
      const rows = seriesRaw.all(id, fromMs, toMs) as Array<{ at_ms: number; hps: number | null; online: number | null; offline: number | null; dead: number | null; unknown: number | null }>;
      return rows.map((row) => ({
        at: row.at_ms,
        hps: row.hps,
        states: row.online === null ? null : { online: row.online, offline: row.offline ?? 0, dead: row.dead ?? 0, unknown: row.unknown ?? 0 },
      }));
    },
    workerRaw(id, fromMs, toMs): WorkerRawRow[] {
      const rows = workerRaw.all({ id, from: fromMs, to: toMs }) as Array<{ at_ms: number; hps: number | null; state: StateCode; reject_ppm: number | null }>;
      return rows.map((row) => ({ at: row.at_ms, hps: row.hps, state: row.state, rejectPpm: row.reject_ppm }));
    },
    seriesRollups: (id, level: RollupLevel, fromMs, toMs) => (seriesRollups.all(id, LEVEL_CODE[level], fromMs, toMs) as RollupDbRow[]).map(toRollup),
    workerRollups(id, level: RollupLevel, fromMs, toMs) {
      const width = LEVEL_MS[level];
      const first = Math.ceil(fromMs / width) * width;
      return (workerRollups.all({ id, level: LEVEL_CODE[level], first, width, to: toMs }) as RollupDbRow[]).map(toRollup);
    },
    earnings(accountId, fromMs, toMs) {
      const dayRows = (days.all({ fromDay: utcDay(fromMs), toDay: utcDay(toMs - 1), account: accountId ?? null }) as Array<
        Omit<EarningsHistory['days'][number], 'estimate'> & { estimate: number }
      >).map((row) => ({ ...row, estimate: row.estimate === 1 }));
      return { days: dayRows, payouts: payoutRows(accountId, fromMs, toMs) };
    },
    payoutRows: (accountId, fromMs, toMs) => payoutRows(accountId, fromMs, toMs),
    balanceRows(accountId, fromMs, toMs) {
      const rows = balances.all({ from: fromMs, to: toMs, account: accountId ?? null }) as Array<{
        account_key: string;
        group_name: string;
        coin: string;
        unit: 'coin' | 'base-unit';
        at_ms: number;
        unpaid: number;
        total_earned: number | null;
      }>;
      return rows.map((row) => ({
        at: new Date(row.at_ms).toISOString(),
        accountId: row.account_key,
        group: row.group_name === '' ? null : row.group_name,
        coin: row.coin,
        unpaid: row.unpaid,
        totalEarned: row.total_earned,
        unit: row.unit,
      }));
    },
  };
}
