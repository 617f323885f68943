import { type Level, type RollupLevel, type RollupRow, type SeriesRawRow, type SpanPoint, type StateMix, type WorkerRawRow, GONE, LEVEL_MS, isGoneRollup } from './sample-types';

// Span arithmetic shared by queries, the rollup job and both stores: every row becomes a value that holds over
// [at, at + span), and buckets are time-weighted over those spans.

const LEVEL_RANK: Record<Level, number> = { raw: 0, hour: 1, day: 2 };

export function coarserLevel(a: Level, b: Level): Level {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/** Rows sorted by time become spans holding until the next row, at most capMs; rows mapped to null only end a span. */
export function stepSpans<T extends { at: number }>(
  rows: readonly T[],
  capMs: number,
  toPoint: (row: T) => Omit<SpanPoint, 'at' | 'span'> | null,
): SpanPoint[] {
  const out: SpanPoint[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    const point = toPoint(row);
    if (point === null) continue;
    const next = rows[i + 1];
    const span = next ? Math.min(next.at - row.at, capMs) : capMs;
    if (span > 0) out.push({ ...point, at: row.at, span });
  }
  return out;
}

function oneHot(state: number): StateMix | null {
  switch (state) {
    case 0:
      return { online: 1, offline: 0, dead: 0, unknown: 0 };
    case 1:
      return { online: 0, offline: 1, dead: 0, unknown: 0 };
    case 2:
      return { online: 0, offline: 0, dead: 1, unknown: 0 };
    case 3:
      return { online: 0, offline: 0, dead: 0, unknown: 1 };
    default:
      return null;
  }
}

export function seriesRawPoints(rows: readonly SeriesRawRow[], capMs: number): SpanPoint[] {
  return stepSpans(rows, capMs, (row) => ({ min: row.hps, avg: row.hps, max: row.hps, states: row.states, own: true, level: 'raw' }));
}

export function workerRawPoints(rows: readonly WorkerRawRow[], capMs: number): SpanPoint[] {
  return stepSpans(rows, capMs, (row) =>
    row.state === GONE ? null : { min: row.hps, avg: row.hps, max: row.hps, states: oneHot(row.state), own: true, level: 'raw' },
  );
}

/** Own rows hold until the next row (worker rollups are stored on change); a pool's row holds for its bucket only. */
export function rollupPoints(rows: readonly RollupRow[], capMs: number, level: RollupLevel): SpanPoint[] {
  const width = LEVEL_MS[level];
  return stepSpans(rows, capMs, (row) => (isGoneRollup(row) ? null : { min: row.min, avg: row.avg, max: row.max, states: row.states, own: row.own, level })).map(
    (point) => (point.own || point.span <= width ? point : { ...point, span: width }),
  );
}

/** Median gap between consecutive rows, or null with fewer than two rows. */
export function medianInterval(rows: ReadonlyArray<{ at: number }>): number | null {
  if (rows.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < rows.length; i += 1) gaps.push(rows[i]!.at - rows[i - 1]!.at);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

interface Accumulator {
  hpsWeight: number;
  hpsSum: number;
  min: number;
  max: number;
  stateWeight: number;
  states: StateMix;
  own: boolean;
  level: Level;
}

/**
 * Time-weighted buckets of width `width` aligned to `origin`, for buckets starting in [fromMs, toMs): avg is weighted
 * by how long each value held inside the bucket, min and max cover every value that touched it (a one-poll drop counts).
 */
export function aggregateBuckets(
  points: readonly SpanPoint[],
  width: number,
  origin: number,
  fromMs: number,
  toMs: number,
  level: Level,
): Map<number, SpanPoint> {
  const buckets = new Map<number, Accumulator>();
  const firstBucket = origin + Math.floor((fromMs - origin) / width) * width;
  for (const point of points) {
    const end = point.at + point.span;
    let bucket = Math.max(firstBucket, origin + Math.floor((point.at - origin) / width) * width);
    for (; bucket < end && bucket < toMs; bucket += width) {
      const overlap = Math.min(end, bucket + width) - Math.max(point.at, bucket);
      if (overlap <= 0) continue;
      let acc = buckets.get(bucket);
      if (!acc) {
        acc = { hpsWeight: 0, hpsSum: 0, min: Infinity, max: -Infinity, stateWeight: 0, states: { online: 0, offline: 0, dead: 0, unknown: 0 }, own: false, level };
        buckets.set(bucket, acc);
      }
      acc.own ||= point.own;
      acc.level = coarserLevel(acc.level, point.level);
      if (point.avg !== null) {
        acc.hpsWeight += overlap;
        acc.hpsSum += point.avg * overlap;
        acc.min = Math.min(acc.min, point.min ?? point.avg);
        acc.max = Math.max(acc.max, point.max ?? point.avg);
      }
      if (point.states !== null) {
        acc.stateWeight += overlap;
        acc.states.online += point.states.online * overlap;
        acc.states.offline += point.states.offline * overlap;
        acc.states.dead += point.states.dead * overlap;
        acc.states.unknown += point.states.unknown * overlap;
      }
    }
  }
  const out = new Map<number, SpanPoint>();
  for (const [at, acc] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
    if (acc.hpsWeight === 0 && acc.stateWeight === 0) continue;
    const w = acc.stateWeight;
    out.set(at, {
      at,
      span: width,
      min: acc.hpsWeight > 0 ? acc.min : null,
      // Rounding in the weighted sum can put a steady value a hair outside its own min and max.
      avg: acc.hpsWeight > 0 ? Math.min(acc.max, Math.max(acc.min, acc.hpsSum / acc.hpsWeight)) : null,
      max: acc.hpsWeight > 0 ? acc.max : null,
      states: w > 0 ? { online: acc.states.online / w, offline: acc.states.offline / w, dead: acc.states.dead / w, unknown: acc.states.unknown / w } : null,
      own: acc.own,
      level: acc.level,
    });
  }
  return out;
}

/**
 * Finest data first, coarser data only where no finer data exists: levels[0] is kept whole; a coarser point is kept
 * only when nothing finer overlaps it. (Cutting it short instead would paint a bucket's average over the part of the
 * bucket before the finer data it was built from begins: data nobody measured.)
 */
export function composeLevels(levels: ReadonlyArray<readonly SpanPoint[]>): SpanPoint[] {
  let result: SpanPoint[] = [...(levels[0] ?? [])].sort((a, b) => a.at - b.at);
  for (const coarse of levels.slice(1)) {
    const finer = result;
    const added: SpanPoint[] = [];
    for (const point of coarse) {
      const end = point.at + point.span;
      // First finer span ending after this point starts (finer spans are sorted and do not overlap).
      let lo = 0;
      let hi = finer.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (finer[mid]!.at + finer[mid]!.span <= point.at) lo = mid + 1;
        else hi = mid;
      }
      const next = finer[lo];
      if (!next || next.at >= end) added.push(point);
    }
    result = [...finer, ...added].sort((a, b) => a.at - b.at);
  }
  return result;
}

/** Adds bucket maps of several series (the fleet): a bucket holds what the series that have it add up to. */
export function sumBuckets(series: ReadonlyArray<Map<number, SpanPoint>>): SpanPoint[] {
  const total = new Map<number, SpanPoint>();
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  for (const buckets of series) {
    for (const [at, point] of buckets) {
      const current = total.get(at);
      if (!current) {
        total.set(at, { ...point, states: point.states ? { ...point.states } : null });
        continue;
      }
      current.min = add(current.min, point.min);
      current.avg = add(current.avg, point.avg);
      current.max = add(current.max, point.max);
      if (point.states) {
        current.states = current.states ?? { online: 0, offline: 0, dead: 0, unknown: 0 };
        current.states.online += point.states.online;
        current.states.offline += point.states.offline;
        current.states.dead += point.states.dead;
        current.states.unknown += point.states.unknown;
      }
      current.own ||= point.own;
      current.level = coarserLevel(current.level, point.level);
    }
  }
  return [...total.values()].sort((a, b) => a.at - b.at);
}
