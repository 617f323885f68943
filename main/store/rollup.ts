import type BetterSqlite3 from 'better-sqlite3';
import { StepSizer } from './step-sizer';
import { rawLevel, rollupLevel } from './sample-levels';
import { DISK_RETENTION, SERIES_RAW_CAP_MAX_MS, WORKER_RAW_CAP_MS, WORKER_ROLLUP_CAP_MS, type Retention } from './sample-policy';
import type { SampleTarget } from './sample-source';
import { MARK_DAY, MARK_HOUR, sqliteReads } from './sample-sqlite-read';
import { aggregateBuckets } from './sample-spans';
import type { MaintenanceResult } from './sample-store';
import { DAY_MS, HOUR_MS } from '../base/time';
import { LEVEL_CODE, LEVEL_MS, floorTo, type RollupLevel } from './sample-types';
import { rollWorkerBatch, workerRollupStatements } from './rollup-workers';

// The scheduled maintenance of the SQLite history store: hourly rollups from raw samples, daily rollups from hourly
// ones, then retention. Each yielded step is one short transaction; a mark advances only after every row of its
// buckets is written, so a crash or a stop between steps loses nothing (the next pass redoes the unfinished buckets).

export interface MaintenanceHooks {
  /** These workers were retired (or deleted): a cache of them must go, so a poll listing them again revives them. */
  onWorkersRemoved(ids: readonly number[]): void;
}

/** An hour is rolled up only once it ended this long ago: a poll is written when it ends, up to 5 min after it started. */
export const ROLLUP_GRACE_MS = 10 * 60_000;
/** Workers in the first step of a round; later steps are sized by how long the last one took (StepSizer). */
const WORKER_BATCH = 100;
/** What one step of the worker rollup may take: the API and the UI wait behind it. */
const STEP_TARGET_MS = 25;
const SERIES_BATCH = 50;
/** Buckets rolled up per round: bounds the rows one step reads after a long pause. */
const CHUNK_MS: Record<RollupLevel, number> = { hour: 6 * HOUR_MS, day: 30 * DAY_MS };
/** Time deleted per retention step (worker tables are keyed time first: each step deletes a prefix). */
const DELETE_SLICE_MS = { raw: 10 * 60_000, hour: HOUR_MS, day: DAY_MS };

const NOTHING: MaintenanceResult = { rolledUp: 0, deleted: 0 };

type Db = BetterSqlite3.Database;

function statementsOf(db: Db) {
  return {
    mark: db.prepare('SELECT at_ms FROM rollup_mark WHERE name = ?').pluck(),
    setMark: db.prepare('INSERT INTO rollup_mark (name, at_ms) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at_ms = excluded.at_ms'),
    firstRaw: db.prepare('SELECT MIN(at_ms) FROM series_sample').pluck(),
    firstHourRollup: db.prepare('SELECT MIN(at_ms) FROM series_rollup WHERE level = 1').pluck(),
    // Every account's poll times: the times worker rows can have (seeks per account series, not a scan).
    pollTimes: db.prepare(
      `SELECT DISTINCT s.at_ms FROM hist_series h CROSS JOIN series_sample s ON s.series_id = h.id
       WHERE h.is_group = 0 AND s.at_ms >= ? AND s.at_ms < ? ORDER BY s.at_ms`,
    ).pluck(),
    seriesIds: db.prepare('SELECT id FROM hist_series WHERE id > ? ORDER BY id LIMIT ?').pluck(),
    activeWorkerIds: db.prepare('SELECT id FROM hist_worker WHERE active = 1 AND id > ? ORDER BY id LIMIT ?').pluck(),
    workerIds: db.prepare('SELECT id FROM hist_worker WHERE id > ? ORDER BY id LIMIT ?').pluck(),
    putSeries: db.prepare(
      `INSERT OR REPLACE INTO series_rollup (series_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Own rows above a mark only exist when an earlier pass stopped midway: they are redone, never doubled.
    clearSeriesOwn: db.prepare('DELETE FROM series_rollup WHERE series_id = ? AND level = ? AND at_ms >= ? AND at_ms < ? AND own = 1'),
    // A worker (re)activated by a poll after the range was read is not retired.
    retire: db.prepare('UPDATE hist_worker SET active = 0, retired_ms = @since WHERE id = @id AND active = 1 AND coalesce(activated_ms, 0) < @end RETURNING id').pluck(),
    dropSeriesRaw: db.prepare('DELETE FROM series_sample WHERE series_id = ? AND at_ms < ?'),
    dropSeriesRollups: db.prepare('DELETE FROM series_rollup WHERE series_id = ? AND level = ? AND at_ms < ?'),
    firstWorkerRaw: db.prepare('SELECT at_ms FROM worker_sample ORDER BY at_ms LIMIT 1').pluck(),
    dropWorkerRaw: db.prepare('DELETE FROM worker_sample WHERE at_ms < ?'),
    firstWorkerRollup: db.prepare('SELECT at_ms FROM worker_rollup WHERE level = ? ORDER BY at_ms LIMIT 1').pluck(),
    dropWorkerRollups: db.prepare('DELETE FROM worker_rollup WHERE level = ? AND at_ms < ?'),
    dropBalances: db.prepare('DELETE FROM balance_sample WHERE at_ms < ?'),
    // Keeps the last figure of each bucket of `width` among rows in [from, to).
    thinBalances: db.prepare(
      `DELETE FROM balance_sample AS b WHERE b.at_ms >= @from AND b.at_ms < @to AND EXISTS (
         SELECT 1 FROM balance_sample n WHERE n.account_id = b.account_id AND n.group_name = b.group_name AND n.coin = b.coin
           AND n.unit = b.unit AND n.at_ms > b.at_ms AND n.at_ms < b.at_ms - (b.at_ms % @width) + @width)`,
    ),
    // retired_ms is where its data ended; its last row (a gone day row) is at most a day later.
    dropRetiredWorkers: db.prepare('DELETE FROM hist_worker WHERE active = 0 AND retired_ms < ? RETURNING id').pluck(),
  };
}

type Statements = ReturnType<typeof statementsOf>;

interface Context {
  db: Db;
  s: Statements;
  workers: ReturnType<typeof workerRollupStatements>;
  source: ReturnType<typeof sqliteReads>;
  hooks: MaintenanceHooks;
  retention: Retention;
}

/** Ids in pages of `size` (a number, or a StepSizer's current size), each page read when its step starts (rows created meanwhile are included). */
function* pages(statement: BetterSqlite3.Statement, size: number | StepSizer): Generator<number[]> {
  let after = 0;
  for (;;) {
    const ids = statement.all(after, typeof size === 'number' ? size : size.size) as number[];
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1]!;
  }
}

function rollSeries(ctx: Context, ids: readonly number[], level: RollupLevel, fromMs: number, toMs: number): number {
  const code = LEVEL_CODE[level];
  let written = 0;
  for (const id of ids) {
    const target: SampleTarget = { kind: 'series', id, accountId: '', group: null };
    // The finer data exactly as a query above this level's mark derives it.
    const finer = level === 'hour' ? rawLevel(ctx.source, target, fromMs, toMs).points : rollupLevel(ctx.source, target, 'hour', fromMs, toMs);
    const buckets = aggregateBuckets(finer, LEVEL_MS[level], 0, fromMs, toMs, level);
    ctx.s.clearSeriesOwn.run(id, code, fromMs, toMs);
    for (const point of buckets.values()) {
      const states = point.states;
      ctx.s.putSeries.run(id, code, point.at, point.min, point.avg, point.max, states?.online ?? null, states?.offline ?? null, states?.dead ?? null, states?.unknown ?? null, point.own ? 1 : 0);
      written += 1;
    }
  }
  return written;
}

function markOf(ctx: Context, level: RollupLevel): number | null {
  return (ctx.s.mark.get(level === 'hour' ? MARK_HOUR : MARK_DAY) as number | undefined) ?? null;
}

/** Where a level's first pass starts: the bucket of the oldest finer data (our samples, or the pools' hourly history). */
function firstBucket(ctx: Context, level: RollupLevel, hourMark: number): number | null {
  const oldest = level === 'hour' ? (ctx.s.firstRaw.get() as number | null) : Math.min(hourMark, (ctx.s.firstHourRollup.get() as number | null) ?? Infinity);
  return oldest === null || !Number.isFinite(oldest) ? null : floorTo(oldest, LEVEL_MS[level]);
}

/**
 * Rolls one level up to `endMs` (a bucket boundary), a round of buckets at a time, each round closed by its mark.
 * After the hourly level, workers that went silent stop being visited (they are active again when a poll lists them).
 */
function* rollUp(ctx: Context, level: RollupLevel, endMs: number): Generator<MaintenanceResult> {
  const markName = level === 'hour' ? MARK_HOUR : MARK_DAY;
  let from = markOf(ctx, level) ?? firstBucket(ctx, level, markOf(ctx, 'hour') ?? endMs) ?? endMs;
  if (from >= endMs) {
    // Nothing to roll: a first mark still starts at the end, so later samples are rolled from there on.
    if (markOf(ctx, level) === null) ctx.s.setMark.run(markName, endMs);
    return;
  }
  const silent = new Map<number, number>();
  const workerIds = level === 'hour' ? ctx.s.activeWorkerIds : ctx.s.workerIds;
  while (from < endMs) {
    const to = Math.min(endMs, from + CHUNK_MS[level]);
    const times = level === 'hour' ? (ctx.s.pollTimes.all(from - SERIES_RAW_CAP_MAX_MS, to + WORKER_RAW_CAP_MS) as number[]) : [];
    // Hours without any sample near them (the app was off) have nothing to roll: a worker's data, and so its gone
    // row, always comes with its account's samples.
    if (level === 'hour' && times.length === 0) {
      ctx.s.setMark.run(markName, to);
      from = to;
      continue;
    }
    for (const ids of pages(ctx.s.seriesIds, SERIES_BATCH)) {
      yield { rolledUp: ctx.db.transaction(() => rollSeries(ctx, ids, level, from, to))(), deleted: 0 };
    }
    const pollTimes = JSON.stringify(times.filter((at) => at >= from - WORKER_RAW_CAP_MS));
    const marks = ctx.source.marks();
    const sizer = new StepSizer(WORKER_BATCH, WORKER_BATCH * 20, STEP_TARGET_MS);
    for (const ids of pages(workerIds, sizer)) {
      const result = sizer.timed(() => ctx.db.transaction(() => rollWorkerBatch(ctx.workers, { ids, level, fromMs: from, toMs: to, pollTimes, marks }))());
      for (const id of ids) silent.delete(id);
      for (const { id, sinceMs } of result.silent) silent.set(id, sinceMs);
      yield { rolledUp: result.written, deleted: 0 };
    }
    ctx.s.setMark.run(markName, to);
    from = to;
    yield NOTHING;
  }
  if (level === 'hour' && silent.size > 0) {
    const retired = ctx.db.transaction(() => [...silent].flatMap(([id, since]) => ctx.s.retire.all({ id, since, end: endMs }) as number[]))();
    if (retired.length > 0) ctx.hooks.onWorkersRemoved(retired);
    yield NOTHING;
  }
}

/** Deletes worker rows older than `cutoff` oldest first, one slice of time per step. */
function* dropByTime(first: () => number | undefined, drop: (before: number) => number, cutoff: number, sliceMs: number): Generator<MaintenanceResult> {
  for (let oldest = first(); oldest !== undefined && oldest < cutoff; oldest = first()) {
    yield { rolledUp: 0, deleted: drop(Math.min(cutoff, floorTo(oldest, sliceMs) + sliceMs)) };
  }
}

/** Balances are kept like samples: every change while raw rows are kept, then the last of each hour, then of each day. */
function thinBalances(ctx: Context, level: RollupLevel, toMs: number): number {
  const name = `balance-${level}`;
  const from = (ctx.s.mark.get(name) as number | undefined) ?? 0;
  if (from >= toMs) return 0;
  return ctx.db.transaction(() => {
    ctx.s.setMark.run(name, toMs);
    return ctx.s.thinBalances.run({ from, to: toMs, width: LEVEL_MS[level] }).changes;
  })();
}

/** Oldest kept times per level; finer data is kept until its rollup (with the lookback the rollup reads) is done. */
function* enforceRetention(ctx: Context, nowMs: number, hourMark: number, dayMark: number): Generator<MaintenanceResult> {
  const { s, retention } = ctx;
  const raw = Math.min(nowMs - retention.rawMs, hourMark - SERIES_RAW_CAP_MAX_MS);
  const hour = Math.min(nowMs - retention.hourlyMs, dayMark - WORKER_ROLLUP_CAP_MS.hour);
  const day = nowMs - retention.dailyMs;
  for (const ids of pages(s.seriesIds, SERIES_BATCH)) {
    const deleted = ctx.db.transaction(() =>
      ids.reduce((sum, id) => sum + s.dropSeriesRaw.run(id, raw).changes + s.dropSeriesRollups.run(id, LEVEL_CODE.hour, hour).changes + s.dropSeriesRollups.run(id, LEVEL_CODE.day, day).changes, 0),
    )();
    yield { rolledUp: 0, deleted };
  }
  yield* dropByTime(() => s.firstWorkerRaw.get() as number | undefined, (before) => s.dropWorkerRaw.run(before).changes, raw, DELETE_SLICE_MS.raw);
  for (const level of ['hour', 'day'] as const) {
    const code = LEVEL_CODE[level];
    const first = () => s.firstWorkerRollup.get(code) as number | undefined;
    yield* dropByTime(first, (before) => s.dropWorkerRollups.run(code, before).changes, level === 'hour' ? hour : day, DELETE_SLICE_MS[level]);
  }
  yield { rolledUp: 0, deleted: thinBalances(ctx, 'hour', floorTo(nowMs - retention.rawMs, HOUR_MS)) + thinBalances(ctx, 'day', floorTo(nowMs - retention.hourlyMs, DAY_MS)) };
  yield { rolledUp: 0, deleted: s.dropBalances.run(day).changes };
  const removed = s.dropRetiredWorkers.all(day - DAY_MS) as number[];
  if (removed.length > 0) ctx.hooks.onWorkersRemoved(removed);
  yield NOTHING;
}

/**
 * One maintenance pass as short steps, each its own transaction: hourly rollups of complete hours, daily rollups of
 * complete days (all their hours rolled up), then retention (on disk raw 48 h, hourly 90 days, daily and balances 2 years;
 * payouts and daily earnings are kept). Run it to the end for a full pass; stopping early is safe.
 */
export function* runMaintenanceSteps(db: Db, nowMs: number, hooks: MaintenanceHooks, retention: Retention = DISK_RETENTION): Generator<MaintenanceResult, void, void> {
  const ctx: Context = { db, s: statementsOf(db), workers: workerRollupStatements(db), source: sqliteReads(db), hooks, retention };
  yield* rollUp(ctx, 'hour', floorTo(nowMs - ROLLUP_GRACE_MS, HOUR_MS));
  const hourMark = markOf(ctx, 'hour')!;
  yield* rollUp(ctx, 'day', floorTo(hourMark, DAY_MS));
  yield* enforceRetention(ctx, nowMs, hourMark, markOf(ctx, 'day')!);
}
