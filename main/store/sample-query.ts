import { downsampleMinMax, lttb } from '../../shared/charts/lttb';
import type { z } from 'zod';
import type { HashrateHistory, HistoryScope, WorkerStatesHistorySchema } from '../../shared/contract';
import { levelForRange } from './sample-policy';
import { composedLevel } from './sample-levels';
import type { SampleSource, SampleTarget } from './sample-source';
import { aggregateBuckets, coarserLevel, sumBuckets } from './sample-spans';
import { LEVEL_MS, type Level, type SpanPoint } from './sample-types';

// The store's read side: pick the level from the range, compose levels per target,
// put every target on one time grid (at most maxPoints buckets), add targets up for the fleet, then bound the size.

export type WorkerStatesHistory = z.infer<typeof WorkerStatesHistorySchema>;

export interface HashrateRow {
  at: string;
  accountId: string;
  group: string | null;
  worker: string | null;
  hashrateHps: number;
  resolution: Level;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function gridWidth(level: Level, spanMs: number, maxPoints: number, naturalMs: number): number {
  const wanted = spanMs / Math.max(1, maxPoints);
  if (level === 'raw') return Math.max(Math.ceil(wanted / 1000) * 1000, naturalMs, 1000);
  const unit = LEVEL_MS[level];
  return Math.max(1, Math.ceil(wanted / unit)) * unit;
}

/** Every target's points on one grid, added up. */
function gridded(source: SampleSource, scope: HistoryScope, fromMs: number, toMs: number, maxPoints: number): { level: Level; points: SpanPoint[] } {
  const level = levelForRange(toMs - fromMs);
  const composed = source.targets(scope).map((target) => composedLevel(source, target, level, fromMs, toMs));
  const natural = Math.max(0, ...composed.map((c) => c.naturalMs));
  const width = gridWidth(level, toMs - fromMs, maxPoints, natural);
  const points = sumBuckets(fromCommonStart(composed.map((c) => aggregateBuckets(c.points, width, 0, fromMs, toMs, 'raw'))));
  return { level, points };
}

/**
 * The fleet total starts at the first bucket where every account with data in the range has some: adding one
 * account's imported history to nothing would draw a line that jumps when the others' polls begin.
 */
function fromCommonStart(series: Array<Map<number, SpanPoint>>): Array<Map<number, SpanPoint>> {
  if (series.length < 2) return series;
  let start = -Infinity;
  for (const buckets of series) {
    const first = buckets.keys().next();
    if (!first.done) start = Math.max(start, first.value);
  }
  return series.map((buckets) => new Map([...buckets].filter(([at]) => at >= start)));
}

function resolutionOf(points: readonly SpanPoint[], fallback: Level): Level {
  return points.length === 0 ? fallback : points.map((p) => p.level).reduce(coarserLevel);
}

/** The stored resolutions the points come from, finest first. */
function levelsOf(points: readonly SpanPoint[]): Level[] {
  const present = new Set(points.map((p) => p.level));
  return (['raw', 'hour', 'day'] as const).filter((level) => present.has(level));
}

export function queryHashrate(source: SampleSource, scope: HistoryScope, fromMs: number, toMs: number, maxPoints: number): HashrateHistory {
  const { level, points } = gridded(source, scope, fromMs, toMs, maxPoints);
  const withHashrate = points.filter((p) => p.avg !== null);
  const ranges = withHashrate.map((p) => ({ at: p.at, min: p.min ?? p.avg!, avg: p.avg!, max: p.max ?? p.avg! }));
  return {
    resolution: resolutionOf(withHashrate, level),
    levels: levelsOf(withHashrate),
    points: downsampleMinMax(ranges, maxPoints).map((p) => ({ at: iso(p.at), min: p.min, avg: p.avg, max: p.max })),
  };
}

export function queryWorkerStates(source: SampleSource, scope: HistoryScope, fromMs: number, toMs: number, maxPoints: number): WorkerStatesHistory {
  const { level, points } = gridded(source, scope, fromMs, toMs, maxPoints);
  const withStates = points.filter((p) => p.states !== null);
  // LTTB on the not-online count keeps outages (and their extremes) visible; the chosen points keep their real mix.
  const chosen = lttb(
    withStates.map((p) => ({ x: p.at, y: p.states!.offline + p.states!.dead + p.states!.unknown, point: p })),
    maxPoints,
  );
  return {
    resolution: resolutionOf(withStates, level),
    levels: levelsOf(withStates),
    points: chosen.map(({ point }) => ({ at: iso(point.at), ...point.states! })),
  };
}

/** When a worker was read: its account's polls (raw), or each hour or day (rollups), in [fromMs, toMs). */
function readingTimes(source: SampleSource, target: SampleTarget & { kind: 'worker' }, level: Level, fromMs: number, toMs: number): number[] {
  if (level === 'raw') {
    const account = source.targets({ accountId: target.accountId }).find((candidate) => candidate.kind === 'series' && candidate.group === null);
    return account ? source.seriesRaw(account.id, fromMs, toMs).map((row) => row.at) : [];
  }
  const width = LEVEL_MS[level];
  const times: number[] = [];
  for (let at = Math.ceil(fromMs / width) * width; at < toMs; at += width) times.push(at);
  return times;
}

/** The value in force at each time: worker rows are stored only on change (and a keepalive), each holding as a step. */
function stepValuesAt(points: readonly SpanPoint[], times: readonly number[]): Array<{ at: number; point: SpanPoint }> {
  const out: Array<{ at: number; point: SpanPoint }> = [];
  let i = 0;
  for (const at of times) {
    while (i < points.length && points[i]!.at + points[i]!.span <= at) i += 1;
    const point = points[i];
    if (point && point.at <= at && point.avg !== null) out.push({ at, point });
  }
  return out;
}

/**
 * Rows for export, not downsampled: accounts and groups one per stored sample or rollup bucket starting in
 * [fromMs, toMs); a worker one per poll of its account (or per hour or day), with the value it had then.
 */
export function queryHashrateRows(source: SampleSource, scope: HistoryScope, fromMs: number, toMs: number): HashrateRow[] {
  const level = levelForRange(toMs - fromMs);
  const rows: Array<HashrateRow & { atMs: number }> = [];
  for (const target of source.targets(scope)) {
    const points = composedLevel(source, target, level, fromMs, toMs).points;
    const readings =
      target.kind === 'worker'
        ? stepValuesAt(points, readingTimes(source, target, level, fromMs, toMs))
        : points.filter((point) => point.avg !== null && point.at >= fromMs && point.at < toMs).map((point) => ({ at: point.at, point }));
    for (const { at, point } of readings) {
      rows.push({
        atMs: at,
        at: iso(at),
        accountId: target.accountId,
        group: target.group,
        worker: target.kind === 'worker' ? target.worker : null,
        hashrateHps: point.avg!,
        resolution: point.level,
      });
    }
  }
  return rows
    .sort((a, b) => a.atMs - b.atMs || a.accountId.localeCompare(b.accountId))
    .map(({ atMs: _atMs, ...row }) => row);
}
