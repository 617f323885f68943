import {
  SERIES_RAW_CAP_MAX_MS,
  SERIES_RAW_CAP_MIN_MS,
  WORKER_RAW_CAP_MS,
  WORKER_ROLLUP_CAP_MS,
} from './sample-policy';
import type { SampleSource, SampleTarget } from './sample-source';
import { aggregateBuckets, composeLevels, medianInterval, rollupPoints, seriesRawPoints, workerRawPoints } from './sample-spans';
import { DAY_MS, HOUR_MS } from '../base/time';
import { LEVEL_MS, floorTo, type Level, type RollupLevel, type SpanPoint } from './sample-types';

// One target's points at each stored level, with the rule that makes fresh and rolled-up data agree:
// below a level's mark the rollup table is the truth; above it, data derived from the finer level wins
// and stored rows (the pools' backfill) fill only what finer data does not cover.

/** Account and group samples hold for 2.5 of their usual poll intervals (bounded). */
export function seriesRawCap(rows: ReadonlyArray<{ at: number }>): number {
  const median = medianInterval(rows) ?? SERIES_RAW_CAP_MIN_MS;
  return Math.min(SERIES_RAW_CAP_MAX_MS, Math.max(SERIES_RAW_CAP_MIN_MS, median * 2.5));
}

function overlapping(points: readonly SpanPoint[], fromMs: number, toMs: number): SpanPoint[] {
  return points.filter((p) => p.at < toMs && p.at + p.span > fromMs);
}

export interface RawLevel {
  points: SpanPoint[];
  /** The sampling interval of this data, the finest grid worth drawing. */
  naturalMs: number;
}

export function rawLevel(source: SampleSource, target: SampleTarget, fromMs: number, toMs: number): RawLevel {
  if (target.kind === 'worker') {
    const rows = source.workerRaw(target.id, fromMs - WORKER_RAW_CAP_MS, toMs + WORKER_RAW_CAP_MS);
    return { points: overlapping(workerRawPoints(rows, WORKER_RAW_CAP_MS), fromMs, toMs), naturalMs: 60_000 };
  }
  const rows = source.seriesRaw(target.id, fromMs - SERIES_RAW_CAP_MAX_MS, toMs + SERIES_RAW_CAP_MAX_MS);
  return { points: overlapping(seriesRawPoints(rows, seriesRawCap(rows)), fromMs, toMs), naturalMs: medianInterval(rows) ?? 60_000 };
}

function rollupCap(target: SampleTarget, level: RollupLevel): number {
  return target.kind === 'worker' ? WORKER_ROLLUP_CAP_MS[level] : LEVEL_MS[level];
}

function storedRollups(source: SampleSource, target: SampleTarget, level: RollupLevel, fromMs: number, toMs: number): SpanPoint[] {
  const cap = rollupCap(target, level);
  const rows = target.kind === 'worker' ? source.workerRollups(target.id, level, fromMs - cap, toMs) : source.seriesRollups(target.id, level, fromMs - cap, toMs);
  return rollupPoints(rows, cap, level);
}

/** Hourly or daily points over [fromMs, toMs). */
export function rollupLevel(source: SampleSource, target: SampleTarget, level: RollupLevel, fromMs: number, toMs: number): SpanPoint[] {
  const width = LEVEL_MS[level];
  const start = floorTo(fromMs, width);
  const mark = level === 'hour' ? source.marks().hour : source.marks().day;
  const stored = storedRollups(source, target, level, start, toMs);
  const below = stored.filter((p) => p.at < mark).map((p) => ({ ...p, span: Math.min(p.span, mark - p.at) }));
  let above: SpanPoint[] = [];
  if (toMs > mark) {
    const derivedFrom = Math.max(start, mark);
    const finer = level === 'hour' ? rawLevel(source, target, derivedFrom, toMs).points : rollupLevel(source, target, 'hour', derivedFrom, toMs);
    const derived = [...aggregateBuckets(finer, width, 0, derivedFrom, toMs, level).values()];
    above = composeLevels([derived, stored.filter((p) => p.at >= mark)]);
  }
  return overlapping([...below, ...above], fromMs, toMs);
}

export interface ComposedLevel {
  points: SpanPoint[];
  naturalMs: number;
}

/**
 * The points answering a query at `level`, with coarser data where finer data is missing (deleted, or never had).
 * Levels are composed over whole days, then cut to the range: a coarser bucket is judged by all the finer data
 * inside it, not only by the part that falls in the range.
 */
export function composedLevel(source: SampleSource, target: SampleTarget, level: Level, fromMs: number, toMs: number): ComposedLevel {
  if (level === 'day') return { points: rollupLevel(source, target, 'day', fromMs, toMs), naturalMs: DAY_MS };
  const wideFrom = floorTo(fromMs, DAY_MS);
  const wideTo = Math.ceil(toMs / DAY_MS) * DAY_MS;
  const day = rollupLevel(source, target, 'day', wideFrom, wideTo);
  const hour = rollupLevel(source, target, 'hour', wideFrom, wideTo);
  if (level === 'hour') return { points: overlapping(composeLevels([hour, day]), fromMs, toMs), naturalMs: HOUR_MS };
  const raw = rawLevel(source, target, wideFrom, wideTo);
  return { points: overlapping(composeLevels([raw.points, hour, day]), fromMs, toMs), naturalMs: raw.naturalMs };
}
