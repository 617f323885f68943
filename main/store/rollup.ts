import type BetterSqlite3 from 'better-sqlite3';
import { rawLevel, rollupLevel } from './sample-levels';
import {
  DAILY_RETENTION_MS,
  HOURLY_RETENTION_MS,
  RAW_RETENTION_MS,
  SERIES_RAW_CAP_MAX_MS,
  WORKER_RAW_CAP_MS,
  WORKER_ROLLUP_CAP_MS,
  workerRollupDue,
} from './sample-policy';
import type { SampleTarget } from './sample-source';
import { MARK_DAY, MARK_HOUR, sqliteReads } from './sample-sqlite-read';
import { aggregateBuckets } from './sample-spans';
import type { MaintenanceResult } from './sample-store';
import { DAY_MS, HOUR_MS, LEVEL_CODE, LEVEL_MS, floorTo, isGoneRollup, type RollupLevel, type RollupRow, type SpanPoint } from './sample-types';

// The scheduled maintenance of the SQLite history store: hourly rollups from raw samples, daily rollups from hourly
// ones, then retention. Each yielded step is one short transaction; a mark advances only after every row of its
// buckets is written, so a crash or a stop between steps loses nothing (the next pass redoes the unfinished buckets).

export interface MaintenanceHooks {
  /** Workers were retired or removed: cached worker ids and last rows must be reloaded from the database. */
  onWorkersRemoved(): void;
}

/** An hour is rolled up only once it ended this long ago: a poll is written when it ends, up to 5 min after it started. */
export const ROLLUP_GRACE_MS = 10 * 60_000;
/** Workers per step: keeps a step near tens of milliseconds at 30,000 workers. */
const WORKER_BATCH = 500;
const SERIES_BATCH = 50;
/** Buckets rolled up per round: bounds the rows one worker reads in one step after a long pause. */
const CHUNK_MS: Record<RollupLevel, number> = { hour: DAY_MS, day: 30 * DAY_MS };

const NOTHING: MaintenanceResult = { rolledUp: 0, deleted: 0 };

type Db = BetterSqlite3.Database;
type RollupDbRow = { at_ms: number; hps_min: number | null; hps_avg: number | null; hps_max: number | null; online: number | null; offline: number | null; dead: number | null; unknown: number | null; own: number };

function statementsOf(db: Db) {
  const columns = 'at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own';
  return {
    mark: db.prepare('SELECT at_ms FROM rollup_mark WHERE name = ?').pluck(),
    setMark: db.prepare('INSERT INTO rollup_mark (name, at_ms) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at_ms = excluded.at_ms'),
    firstRaw: db.prepare('SELECT MIN(at_ms) FROM series_sample').pluck(),
    firstHourRollup: db.prepare('SELECT MIN(at_ms) FROM series_rollup WHERE level = 1').pluck(),
    // Seeks per series (its primary key), not a scan of every sample.
    anyRaw: db.prepare(
      'SELECT EXISTS (SELECT 1 FROM hist_series s WHERE EXISTS (SELECT 1 FROM series_sample x WHERE x.series_id = s.id AND x.at_ms >= ? AND x.at_ms < ?))',
    ).pluck(),
    seriesIds: db.prepare('SELECT id FROM hist_series WHERE id > ? ORDER BY id LIMIT ?').pluck(),
    activeWorkerIds: db.prepare('SELECT id FROM hist_worker WHERE active = 1 AND id > ? ORDER BY id LIMIT ?').pluck(),
    workerIds: db.prepare('SELECT id FROM hist_worker WHERE id > ? ORDER BY id LIMIT ?').pluck(),
    putSeries: db.prepare(
      `INSERT OR REPLACE INTO series_rollup (series_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    putWorker: db.prepare(
      `INSERT OR REPLACE INTO worker_rollup (worker_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A gone row never replaces a pool row for the same bucket: the pool knew more than "nothing".
    putWorkerGone: db.prepare(
      `INSERT OR IGNORE INTO worker_rollup (worker_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1)`,
    ),
    // Own rows above a mark only exist when an earlier pass stopped midway: they are redone, never doubled.
    clearSeriesOwn: db.prepare('DELETE FROM series_rollup WHERE series_id = ? AND level = ? AND at_ms >= ? AND at_ms < ? AND own = 1'),
    clearWorkerOwn: db.prepare('DELETE FROM worker_rollup WHERE worker_id = ? AND level = ? AND at_ms >= ? AND at_ms < ? AND own = 1'),
    workerRowsIn: db.prepare('SELECT at_ms, own FROM worker_rollup WHERE worker_id = ? AND level = ? AND at_ms >= ? AND at_ms < ?'),
    lastWorkerRollup: db.prepare(`SELECT ${columns} FROM worker_rollup WHERE worker_id = ? AND level = ? AND at_ms < ? ORDER BY at_ms DESC LIMIT 1`),
    retire: db.prepare(
      `UPDATE hist_worker SET active = 0 WHERE active = 1
       AND NOT EXISTS (SELECT 1 FROM worker_sample s WHERE s.worker_id = hist_worker.id AND s.at_ms >= ?)`,
    ),
    dropSeriesRaw: db.prepare('DELETE FROM series_sample WHERE series_id = ? AND at_ms < ?'),
    dropWorkerRaw: db.prepare('DELETE FROM worker_sample WHERE worker_id = ? AND at_ms < ?'),
    dropSeriesRollups: db.prepare('DELETE FROM series_rollup WHERE series_id = ? AND level = ? AND at_ms < ?'),
    dropWorkerRollups: db.prepare('DELETE FROM worker_rollup WHERE worker_id = ? AND level = ? AND at_ms < ?'),
    dropBalances: db.prepare('DELETE FROM balance_sample WHERE at_ms < ?'),
    dropEmptyWorkers: db.prepare(
      `DELETE FROM hist_worker WHERE active = 0
       AND NOT EXISTS (SELECT 1 FROM worker_sample s WHERE s.worker_id = hist_worker.id)
       AND NOT EXISTS (SELECT 1 FROM worker_rollup r WHERE r.worker_id = hist_worker.id)`,
    ),
  };
}

type Statements = ReturnType<typeof statementsOf>;

interface Context {
  db: Db;
  s: Statements;
  source: ReturnType<typeof sqliteReads>;
  hooks: MaintenanceHooks;
}

function toRollupRow(point: SpanPoint): RollupRow {
  return { at: point.at, min: point.min, avg: point.avg, max: point.max, states: point.states, own: point.own };
}

function fromDbRow(row: RollupDbRow): RollupRow {
  const states = row.online === null ? null : { online: row.online, offline: row.offline ?? 0, dead: row.dead ?? 0, unknown: row.unknown ?? 0 };
  return { at: row.at_ms, min: row.hps_min, avg: row.hps_avg, max: row.hps_max, states, own: row.own === 1 };
}

function rowValues(row: RollupRow): Array<number | null> {
  const s = row.states;
  return [row.min, row.avg, row.max, s?.online ?? null, s?.offline ?? null, s?.dead ?? null, s?.unknown ?? null, row.own ? 1 : 0];
}

/** Ids in pages of `size`, each page read when its step starts (workers created meanwhile are included). */
function* pages(statement: BetterSqlite3.Statement, size: number): Generator<number[]> {
  let after = 0;
  for (;;) {
    const ids = statement.all(after, size) as number[];
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1]!;
  }
}

function seriesTarget(id: number): SampleTarget {
  return { kind: 'series', id, accountId: '', group: null };
}

function workerTarget(id: number): SampleTarget {
  return { kind: 'worker', id, accountId: '', group: '', worker: '' };
}

/** The finer data a level is built from, exactly as a query above the level's mark derives it. */
function finerPoints(ctx: Context, target: SampleTarget, level: RollupLevel, fromMs: number, toMs: number): Map<number, SpanPoint> {
  const finer = level === 'hour' ? rawLevel(ctx.source, target, fromMs, toMs).points : rollupLevel(ctx.source, target, 'hour', fromMs, toMs);
  return aggregateBuckets(finer, LEVEL_MS[level], 0, fromMs, toMs, level);
}

function rollSeries(ctx: Context, ids: readonly number[], level: RollupLevel, fromMs: number, toMs: number): number {
  const code = LEVEL_CODE[level];
  let written = 0;
  for (const id of ids) {
    const buckets = finerPoints(ctx, seriesTarget(id), level, fromMs, toMs);
    ctx.s.clearSeriesOwn.run(id, code, fromMs, toMs);
    for (const point of buckets.values()) {
      ctx.s.putSeries.run(id, code, point.at, ...rowValues(toRollupRow(point)));
      written += 1;
    }
  }
  return written;
}

/** Worker rollups are stored like raw worker rows: on change or keepalive, and a gone row where the data stops. */
function rollWorkers(ctx: Context, ids: readonly number[], level: RollupLevel, fromMs: number, toMs: number): number {
  const code = LEVEL_CODE[level];
  const width = LEVEL_MS[level];
  let written = 0;
  for (const id of ids) {
    const buckets = finerPoints(ctx, workerTarget(id), level, fromMs, toMs);
    const last = ctx.s.lastWorkerRollup.get(id, code, fromMs) as RollupDbRow | undefined;
    if (buckets.size === 0 && (!last || isGoneRollup(fromDbRow(last)))) continue;
    const existing = ctx.s.workerRowsIn.all(id, code, fromMs, toMs) as Array<{ at_ms: number; own: number }>;
    if (existing.some((row) => row.own === 1)) ctx.s.clearWorkerOwn.run(id, code, fromMs, toMs);
    // A pool row in a bucket we have data for is always replaced, changed or not: our own data wins.
    const poolRows = new Set(existing.filter((row) => row.own === 0).map((row) => row.at_ms));
    let previous = last ? fromDbRow(last) : null;
    for (let at = fromMs; at < toMs; at += width) {
      const point = buckets.get(at);
      if (point) {
        const row = toRollupRow(point);
        if (!poolRows.has(at) && !workerRollupDue(previous, row, level)) continue;
        ctx.s.putWorker.run(id, code, at, ...rowValues(row));
        previous = row;
        written += 1;
      } else if (previous && !isGoneRollup(previous)) {
        written += ctx.s.putWorkerGone.run(id, code, at).changes;
        previous = { at, min: null, avg: null, max: null, states: null, own: true };
      }
    }
  }
  return written;
}

function markOf(ctx: Context, level: RollupLevel): number | null {
  return (ctx.s.mark.get(level === 'hour' ? MARK_HOUR : MARK_DAY) as number | undefined) ?? null;
}

/** Where a level's first pass starts: the bucket of the oldest finer data (our samples, or the pools' hourly history). */
function firstBucket(ctx: Context, level: RollupLevel, hourMark: number): number | null {
  const oldest =
    level === 'hour'
      ? (ctx.s.firstRaw.get() as number | null)
      : Math.min(hourMark, (ctx.s.firstHourRollup.get() as number | null) ?? Infinity);
  return oldest === null || !Number.isFinite(oldest) ? null : floorTo(oldest, LEVEL_MS[level]);
}

/** Rolls one level up to `endMs` (a bucket boundary), a round of buckets at a time, each round closed by its mark. */
function* rollUp(ctx: Context, level: RollupLevel, endMs: number): Generator<MaintenanceResult> {
  const markName = level === 'hour' ? MARK_HOUR : MARK_DAY;
  let from = markOf(ctx, level) ?? firstBucket(ctx, level, markOf(ctx, 'hour') ?? endMs) ?? endMs;
  if (from >= endMs) {
    // Nothing to roll: a first mark still starts at the end, so later samples are rolled from there on.
    if (markOf(ctx, level) === null) ctx.s.setMark.run(markName, endMs);
    return;
  }
  const workerIds = level === 'hour' ? ctx.s.activeWorkerIds : ctx.s.workerIds;
  while (from < endMs) {
    const to = Math.min(endMs, from + CHUNK_MS[level]);
    // Hours without any sample near them (the app was off) have nothing to roll: a worker's data, and so its gone
    // row, always comes with its account's samples.
    if (level === 'hour' && ctx.s.anyRaw.get(from - SERIES_RAW_CAP_MAX_MS, to) === 0) {
      ctx.s.setMark.run(markName, to);
      from = to;
      continue;
    }
    for (const ids of pages(ctx.s.seriesIds, SERIES_BATCH)) {
      yield { rolledUp: ctx.db.transaction(() => rollSeries(ctx, ids, level, from, to))(), deleted: 0 };
    }
    for (const ids of pages(workerIds, WORKER_BATCH)) {
      yield { rolledUp: ctx.db.transaction(() => rollWorkers(ctx, ids, level, from, to))(), deleted: 0 };
    }
    ctx.s.setMark.run(markName, to);
    from = to;
    yield NOTHING;
  }
}

/**
 * Workers whose samples all ended before the hour mark, with an hour to spare for their gone rollup row, stop being
 * visited by the hourly rollup; they come back as active when a poll lists them again.
 */
function retire(ctx: Context, hourMark: number): MaintenanceResult {
  const retired = ctx.s.retire.run(hourMark - WORKER_RAW_CAP_MS - HOUR_MS).changes;
  if (retired > 0) ctx.hooks.onWorkersRemoved();
  return NOTHING;
}

interface Cutoffs {
  raw: number;
  hour: number;
  day: number;
}

/** Oldest kept times per level; finer data is kept until its rollup (with the lookback the rollup reads) is done. */
function cutoffs(nowMs: number, hourMark: number, dayMark: number): Cutoffs {
  return {
    raw: Math.min(nowMs - RAW_RETENTION_MS, hourMark - SERIES_RAW_CAP_MAX_MS),
    hour: Math.min(nowMs - HOURLY_RETENTION_MS, dayMark - WORKER_ROLLUP_CAP_MS.hour),
    day: nowMs - DAILY_RETENTION_MS,
  };
}

function* enforceRetention(ctx: Context, nowMs: number, cut: Cutoffs): Generator<MaintenanceResult> {
  const { s } = ctx;
  const hour = LEVEL_CODE.hour;
  const day = LEVEL_CODE.day;
  for (const ids of pages(s.seriesIds, SERIES_BATCH)) {
    const deleted = ctx.db.transaction(() =>
      ids.reduce((sum, id) => sum + s.dropSeriesRaw.run(id, cut.raw).changes + s.dropSeriesRollups.run(id, hour, cut.hour).changes + s.dropSeriesRollups.run(id, day, cut.day).changes, 0),
    )();
    yield { rolledUp: 0, deleted };
  }
  for (const ids of pages(s.workerIds, WORKER_BATCH)) {
    const deleted = ctx.db.transaction(() =>
      ids.reduce((sum, id) => sum + s.dropWorkerRaw.run(id, cut.raw).changes + s.dropWorkerRollups.run(id, hour, cut.hour).changes + s.dropWorkerRollups.run(id, day, cut.day).changes, 0),
    )();
    yield { rolledUp: 0, deleted };
  }
  yield { rolledUp: 0, deleted: s.dropBalances.run(nowMs - DAILY_RETENTION_MS).changes };
  if (s.dropEmptyWorkers.run().changes > 0) ctx.hooks.onWorkersRemoved();
  yield NOTHING;
}

/**
 * One maintenance pass as short steps, each its own transaction: hourly rollups of complete hours, daily rollups of
 * complete days (all their hours rolled up), retiring silent workers, then retention (raw 48 h, hourly 90 days, daily
 * 2 years, balances 2 years; payouts and daily earnings are kept). Run it to the end for a full pass; stopping early
 * is safe.
 */
export function* runMaintenanceSteps(db: Db, nowMs: number, hooks: MaintenanceHooks): Generator<MaintenanceResult, void, void> {
  const ctx: Context = { db, s: statementsOf(db), source: sqliteReads(db), hooks };
  yield* rollUp(ctx, 'hour', floorTo(nowMs - ROLLUP_GRACE_MS, HOUR_MS));
  const hourMark = markOf(ctx, 'hour')!;
  yield* rollUp(ctx, 'day', floorTo(hourMark, DAY_MS));
  const dayMark = markOf(ctx, 'day')!;
  yield retire(ctx, hourMark);
  yield* enforceRetention(ctx, nowMs, cutoffs(nowMs, hourMark, dayMark));
}
