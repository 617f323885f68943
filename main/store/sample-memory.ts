import type { EarningsHistory } from '../../shared/contract';
import type { HashrateSeries, Payout, RevenueEstimate } from '../../shared/model';
import { planBackfill, type BackfillPoint } from './sample-backfill';
import { MEMORY_LIMITS, MemorySamples, lowerBound, type MemoryLimits } from './sample-memory-data';
import { DAILY_RETENTION_MS, HOURLY_RETENTION_MS, RAW_RETENTION_MS } from './sample-policy';
import { queryHashrate, queryHashrateRows, queryWorkerStates } from './sample-query';
import { changedBalances, diffWorkers, earningDays, isEarningDay, seriesRows, type BalanceFigures, type RecordablePoll } from './sample-recorder';
import type { BalanceRow, MaintenanceResult, SampleStore } from './sample-store';
import { LEVEL_MS, utcDay, type RollupLevel } from './sample-types';

// The history store in memory, for when the database cannot be opened: the same recording rules and the same
// queries (through sample-query on a SampleSource), bounded: raw rows 48 h and a row cap per worker, a worker cap,
// the pools' backfilled rollups capped per target, and capped payouts, balances and earning days.

interface PayoutRecord {
  accountId: string;
  id: string;
  atMs: number | null;
  firstSeenMs: number;
  coin: string;
  amount: number;
  unit: Payout['unit'];
  status: string;
  txId: string | null;
}

type BalanceRecord = BalanceRow & { atMs: number };
type EarningRecord = RevenueEstimate & { accountId: string };

function parseMs(iso: string | null): number | null {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function memorySampleStore(limits: MemoryLimits = MEMORY_LIMITS): SampleStore {
  const data = new MemorySamples(limits);
  const payouts = new Map<string, Map<string, PayoutRecord>>();
  let balances: BalanceRecord[] = [];
  const lastBalances = new Map<string, Map<string, BalanceFigures>>();
  const earnings = new Map<string, EarningRecord>();

  function putEarnings(accountId: string, days: readonly RevenueEstimate[]): void {
    for (const day of days) earnings.set([accountId, day.day, day.coin, day.group ?? ''].join('\u0000'), { ...day, accountId });
    if (earnings.size > limits.earningDays) {
      const oldest = [...earnings.entries()].sort((a, b) => compare(a[1].day, b[1].day)).slice(0, earnings.size - limits.earningDays);
      for (const [key] of oldest) earnings.delete(key);
    }
  }

  function putBackfill(accountId: string, history: readonly HashrateSeries[]): void {
    if (history.length === 0) return;
    const plan = planBackfill(history, -Infinity);
    const toRow = (point: BackfillPoint) => ({ at: point.at, min: point.min, avg: point.avg, max: point.max, states: null, own: false });
    for (const point of plan.account) data.insertRollup('series', data.seriesId(accountId, null), point.level, toRow(point));
    for (const [group, points] of plan.groups) for (const point of points) data.insertRollup('series', data.seriesId(accountId, group), point.level, toRow(point));
    for (const worker of plan.workers) {
      const id = data.workerId(accountId, worker.group, worker.worker);
      if (id === null) continue;
      const before = data.workers.get(id)!.firstOwnMs ?? Infinity;
      for (const point of worker.points) if (point.at + LEVEL_MS[point.level] <= before) data.insertRollup('worker', id, point.level, toRow(point));
    }
  }

  function putPayouts(accountId: string, list: readonly Payout[], atMs: number): void {
    const known = payouts.get(accountId) ?? new Map<string, PayoutRecord>();
    payouts.set(accountId, known);
    for (const payout of list) {
      const previous = known.get(payout.id);
      known.set(payout.id, {
        accountId,
        id: payout.id,
        atMs: parseMs(payout.at) ?? previous?.atMs ?? null,
        firstSeenMs: previous?.firstSeenMs ?? atMs,
        coin: payout.coin,
        amount: payout.amount,
        unit: payout.unit,
        status: payout.status,
        txId: payout.txId ?? previous?.txId ?? null,
      });
    }
    // Maps keep insertion order: the first payouts seen go first.
    for (const id of [...known.keys()].slice(0, Math.max(0, known.size - limits.payoutsPerAccount))) known.delete(id);
  }

  function recordPoll(poll: RecordablePoll): void {
    if (poll.workers === null) return;
    const { account, atMs } = poll;
    const mem = data.account(account.id, account.label);
    for (const { group, row } of seriesRows(account, atMs)) {
      const series = data.series.get(data.seriesId(account.id, group))!;
      if (series.rows.length > 0 && series.rows[series.rows.length - 1]!.at >= atMs) continue;
      series.rows.push(row);
      const keepFrom = Math.max(lowerBound(series.rows, atMs - RAW_RETENTION_MS), series.rows.length - limits.seriesRows);
      if (keepFrom > 0) series.rows.splice(0, keepFrom);
    }
    for (const { entry, row, returning } of diffWorkers(mem.entries, poll.workers, atMs)) {
      entry.id ??= data.workerId(account.id, entry.group, entry.name);
      if (entry.id === null) continue;
      const worker = data.workers.get(entry.id)!;
      if (returning) worker.firstOwnMs ??= atMs;
      worker.ring.dropBefore(atMs - RAW_RETENTION_MS);
      worker.ring.push(row);
    }
    // Workers that could not be stored (over the cap) are forgotten so they are retried once there is room.
    if (data.workers.size >= limits.workers) for (const [key, entry] of mem.entries) if (entry.id === null) mem.entries.delete(key);
    putPayouts(account.id, account.payouts, atMs);
    const figures = lastBalances.get(account.id) ?? new Map<string, BalanceFigures>();
    lastBalances.set(account.id, figures);
    for (const balance of changedBalances(figures, account.balances)) {
      balances.push({ at: new Date(atMs).toISOString(), atMs, accountId: account.id, group: balance.group, coin: balance.coin, unpaid: balance.unpaid, totalEarned: balance.totalEarned ?? null, unit: balance.unit });
    }
    if (balances.length > limits.balanceRows) balances = balances.slice(balances.length - limits.balanceRows);
    putEarnings(account.id, earningDays(poll));
    if (poll.history) putBackfill(account.id, poll.history);
  }

  function payoutRows(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory['payouts'] {
    return [...payouts.entries()]
      .filter(([key]) => accountId === undefined || key === accountId)
      .flatMap(([, known]) => [...known.values()])
      .map((p) => ({ p, t: p.atMs ?? p.firstSeenMs }))
      .filter(({ t }) => t >= fromMs && t < toMs)
      .sort((a, b) => a.t - b.t || compare(a.p.accountId, b.p.accountId) || compare(a.p.id, b.p.id))
      .map(({ p, t }) => ({ id: p.id, accountId: p.accountId, at: new Date(t).toISOString(), coin: p.coin, amount: p.amount, unit: p.unit, status: p.status, txId: p.txId }));
  }

  function earningsHistory(accountId: string | undefined, fromMs: number, toMs: number): EarningsHistory {
    const fromDay = utcDay(fromMs);
    const toDay = utcDay(toMs - 1);
    const sums = new Map<string, EarningsHistory['days'][number]>();
    for (const row of earnings.values()) {
      if ((accountId !== undefined && row.accountId !== accountId) || row.day < fromDay || row.day > toDay) continue;
      const key = [row.accountId, row.day, row.coin, row.unit].join('\u0000');
      const sum = sums.get(key);
      if (sum) sum.amount += row.amount;
      else sums.set(key, { accountId: row.accountId, day: row.day, coin: row.coin, unit: row.unit, amount: row.amount });
    }
    const days = [...sums.values()].sort((a, b) => compare(a.day, b.day) || compare(a.accountId, b.accountId) || compare(a.coin, b.coin) || compare(a.unit, b.unit));
    return { days, payouts: payoutRows(accountId, fromMs, toMs) };
  }

  function runMaintenance(nowMs: number): MaintenanceResult {
    let deleted = 0;
    for (const series of data.series.values()) {
      const drop = lowerBound(series.rows, nowMs - RAW_RETENTION_MS);
      series.rows.splice(0, drop);
      deleted += drop;
    }
    const keepFrom: Record<RollupLevel, number> = { hour: nowMs - HOURLY_RETENTION_MS, day: nowMs - DAILY_RETENTION_MS };
    for (const [key, rows] of data.rollups) {
      const drop = lowerBound(rows, keepFrom[key.endsWith(':hour') ? 'hour' : 'day']);
      rows.splice(0, drop);
      deleted += drop;
    }
    for (const [id, worker] of data.workers) {
      deleted += worker.ring.dropBefore(nowMs - RAW_RETENTION_MS);
      if (worker.ring.length === 0 && !data.rollups.get(`worker:${id}:hour`)?.length && !data.rollups.get(`worker:${id}:day`)?.length) data.removeWorker(id);
    }
    const before = balances.length;
    balances = balances.filter((row) => row.atMs >= nowMs - DAILY_RETENTION_MS);
    deleted += before - balances.length;
    return { rolledUp: 0, deleted };
  }

  return {
    recordPoll,
    recordBackfill(accountId, accountLabel, history, dailyEarnings) {
      data.account(accountId, accountLabel);
      putBackfill(accountId, history);
      putEarnings(accountId, dailyEarnings.filter(isEarningDay));
    },
    hashrate: (scope, fromMs, toMs, maxPoints) => queryHashrate(data, scope, fromMs, toMs, maxPoints),
    workerStates: (scope, fromMs, toMs, maxPoints) => queryWorkerStates(data, scope, fromMs, toMs, maxPoints),
    earnings: earningsHistory,
    hashrateRows: (scope, fromMs, toMs) => queryHashrateRows(data, scope, fromMs, toMs),
    payoutRows,
    balanceRows(accountId, fromMs, toMs) {
      return balances
        .filter((row) => (accountId === undefined || row.accountId === accountId) && row.atMs >= fromMs && row.atMs < toMs)
        .sort((a, b) => a.atMs - b.atMs || compare(a.accountId, b.accountId) || compare(a.group ?? '', b.group ?? '') || compare(a.coin, b.coin))
        .map(({ atMs: _atMs, ...row }) => row);
    },
    runMaintenance,
    *maintenanceSteps(nowMs) {
      yield runMaintenance(nowMs);
    },
  };
}
