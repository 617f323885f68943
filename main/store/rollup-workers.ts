import type BetterSqlite3 from 'better-sqlite3';
import { rawLevel, rollupLevel } from './sample-levels';
import { WORKER_RAW_CAP_MS, WORKER_ROLLUP_CAP_MS, workerRollupDue } from './sample-policy';
import type { RollupMarks, SampleSource, SampleTarget } from './sample-source';
import { toRollup, type RollupDbRow } from './sample-sqlite-read';
import { aggregateBuckets } from './sample-spans';
import { LEVEL_CODE, LEVEL_MS, isGoneRollup, type RollupLevel, type RollupRow, type SpanPoint, type WorkerRawRow } from './sample-types';

// Worker rollups for a batch of worker ids: the batch's rows are read in a few statements (worker tables are keyed
// time first, so one seek per poll time or bucket covers the whole id range), then each worker is rolled up through
// the same level functions the queries use, reading from memory.

type Db = BetterSqlite3.Database;

export function workerRollupStatements(db: Db) {
  return {
    rawIn: db.prepare(
      `SELECT w.worker_id, w.at_ms, w.hps, w.state, w.reject_ppm
       FROM json_each(?) t CROSS JOIN worker_sample w ON w.at_ms = t.value AND w.worker_id BETWEEN ? AND ?
       ORDER BY w.worker_id, w.at_ms`,
    ),
    rollupsIn: db.prepare(
      `SELECT r.worker_id, r.at_ms, r.hps_min, r.hps_avg, r.hps_max, r.online, r.offline, r.dead, r.unknown, r.own
       FROM json_each(?) t CROSS JOIN worker_rollup r ON r.level = ? AND r.at_ms = t.value AND r.worker_id BETWEEN ? AND ?
       ORDER BY r.worker_id, r.at_ms`,
    ),
    put: db.prepare(
      `INSERT OR REPLACE INTO worker_rollup (worker_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A gone row never replaces a pool row for the same bucket: the pool knew more than "nothing".
    putGone: db.prepare(
      `INSERT OR IGNORE INTO worker_rollup (worker_id, level, at_ms, hps_min, hps_avg, hps_max, online, offline, dead, unknown, own)
       VALUES (?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1)`,
    ),
    drop: db.prepare('DELETE FROM worker_rollup WHERE level = ? AND at_ms = ? AND worker_id = ?'),
  };
}

export type WorkerRollupStatements = ReturnType<typeof workerRollupStatements>;

function groupBy<T extends { worker_id: number }, R>(rows: readonly T[], map: (row: T) => R): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const row of rows) {
    const list = out.get(row.worker_id);
    if (list) list.push(map(row));
    else out.set(row.worker_id, [map(row)]);
  }
  return out;
}

function bucketStarts(fromMs: number, toMs: number, width: number): string {
  const starts: number[] = [];
  for (let at = Math.ceil(fromMs / width) * width; at < toMs; at += width) starts.push(at);
  return JSON.stringify(starts);
}

/** Serves one batch's prefetched worker rows to the level functions; asking outside what was read is a bug. */
class BatchSource implements SampleSource {
  constructor(
    private readonly fixedMarks: RollupMarks,
    private readonly raw: { fromMs: number; toMs: number; rows: Map<number, WorkerRawRow[]> },
    private readonly rollups: Partial<Record<RollupLevel, { fromMs: number; toMs: number; rows: Map<number, RollupRow[]> }>>,
  ) {}

  private static slice<T extends { at: number }>(held: { fromMs: number; toMs: number; rows: Map<number, T[]> } | undefined, id: number, fromMs: number, toMs: number): T[] {
    if (!held || fromMs < held.fromMs || toMs > held.toMs) throw new Error(`rollup batch read outside its prefetch: [${fromMs}, ${toMs})`);
    return (held.rows.get(id) ?? []).filter((row) => row.at >= fromMs && row.at < toMs);
  }

  targets(): SampleTarget[] {
    return [];
  }
  marks(): RollupMarks {
    return this.fixedMarks;
  }
  seriesRaw(): never {
    throw new Error('a worker batch holds no series');
  }
  seriesRollups(): never {
    throw new Error('a worker batch holds no series');
  }
  workerRaw(id: number, fromMs: number, toMs: number): WorkerRawRow[] {
    return BatchSource.slice(this.raw, id, fromMs, toMs);
  }
  workerRollups(id: number, level: RollupLevel, fromMs: number, toMs: number): RollupRow[] {
    return BatchSource.slice(this.rollups[level], id, fromMs, toMs);
  }
}

export interface WorkerBatch {
  ids: readonly number[];
  level: RollupLevel;
  fromMs: number;
  toMs: number;
  /** JSON array of the poll times (any account) in [fromMs - WORKER_RAW_CAP_MS, toMs + WORKER_RAW_CAP_MS): hourly only. */
  pollTimes: string;
  marks: RollupMarks;
}

export interface WorkerBatchResult {
  written: number;
  /**
   * Workers with nothing left to roll up: their last rollup row says gone (or they have none) and no row follows,
   * with when their data ended (at the latest).
   */
  silent: Array<{ id: number; sinceMs: number }>;
}

function toRollupRow(point: SpanPoint): RollupRow {
  return { at: point.at, min: point.min, avg: point.avg, max: point.max, states: point.states, own: point.own };
}

function rowValues(row: RollupRow): Array<number | null> {
  const s = row.states;
  return [row.min, row.avg, row.max, s?.online ?? null, s?.offline ?? null, s?.dead ?? null, s?.unknown ?? null, row.own ? 1 : 0];
}

/** Rolls up a batch of workers; rows are written on change or keepalive, with a gone row where a worker's data stops. */
export function rollWorkerBatch(s: WorkerRollupStatements, batch: WorkerBatch): WorkerBatchResult {
  const { ids, level, fromMs, toMs } = batch;
  const lo = ids[0]!;
  const hi = ids[ids.length - 1]!;
  const code = LEVEL_CODE[level];
  const width = LEVEL_MS[level];
  const readRollups = (at: RollupLevel, from: number) => ({
    fromMs: from,
    toMs,
    rows: groupBy(s.rollupsIn.all(bucketStarts(from, toMs, LEVEL_MS[at]), LEVEL_CODE[at], lo, hi) as Array<RollupDbRow & { worker_id: number }>, toRollup),
  });
  const rawFrom = fromMs - WORKER_RAW_CAP_MS;
  const rawTo = toMs + WORKER_RAW_CAP_MS;
  const raw =
    level === 'hour'
      ? groupBy(s.rawIn.all(batch.pollTimes, lo, hi) as Array<{ worker_id: number; at_ms: number; hps: number | null; state: WorkerRawRow['state']; reject_ppm: number | null }>, (row) => ({
          at: row.at_ms,
          hps: row.hps,
          state: row.state,
          rejectPpm: row.reject_ppm,
        }))
      : new Map<number, WorkerRawRow[]>();
  const stored = readRollups(level, fromMs - WORKER_ROLLUP_CAP_MS[level]);
  const source = new BatchSource(batch.marks, { fromMs: rawFrom, toMs: rawTo, rows: raw }, { [level]: stored, ...(level === 'day' ? { hour: readRollups('hour', fromMs - WORKER_ROLLUP_CAP_MS.hour) } : {}) });

  let written = 0;
  const silent: WorkerBatchResult['silent'] = [];
  for (const id of ids) {
    const target: SampleTarget = { kind: 'worker', id, accountId: '', group: '', worker: '' };
    const finer = level === 'hour' ? rawLevel(source, target, fromMs, toMs).points : rollupLevel(source, target, 'hour', fromMs, toMs);
    const buckets = aggregateBuckets(finer, width, 0, fromMs, toMs, level);
    const rows = stored.rows.get(id) ?? [];
    const before = rows.filter((row) => row.at < fromMs);
    let previous = before[before.length - 1] ?? null;
    // Own rows in the range exist only when an earlier pass stopped midway: they are redone, never doubled.
    const poolRows = new Set<number>();
    for (const row of rows) {
      if (row.at < fromMs) continue;
      if (row.own) s.drop.run(code, row.at, id);
      else poolRows.add(row.at);
    }
    for (let at = fromMs; at < toMs; at += width) {
      const point = buckets.get(at);
      if (point) {
        const row = toRollupRow(point);
        // A pool row in a bucket we have data for is always replaced, changed or not: our own data wins.
        if (!poolRows.has(at) && !workerRollupDue(previous, row, level)) continue;
        s.put.run(id, code, at, ...rowValues(row));
        previous = row;
        written += 1;
      } else if (previous && !isGoneRollup(previous)) {
        written += s.putGone.run(id, code, at).changes;
        previous = { at, min: null, avg: null, max: null, states: null, own: true };
      }
    }
    // Rows just after the range mean it came back: not silent, whatever its rollups say.
    const lastRaw = raw.get(id)?.at(-1);
    if ((!previous || isGoneRollup(previous)) && (lastRaw === undefined || lastRaw.at < toMs)) silent.push({ id, sinceMs: previous?.at ?? stored.fromMs });
  }
  return { written, silent };
}
