import type { HashrateSeries } from '../../shared/model';
import { DAY_MS } from '../base/time';
import { LEVEL_MS, floorTo, type RollupLevel } from './sample-types';

// The pools' own history (SBI observer ranges, Spider hourly and daily charts) as rollup rows, so charts are not
// empty on first run. Rows are inserted with INSERT OR IGNORE keyed by (series, level, bucket): running a backfill
// twice, or over our own rollups, changes nothing; our own rollups later replace pool rows for the same bucket.

export interface BackfillPoint {
  level: RollupLevel;
  at: number;
  min: number;
  avg: number;
  max: number;
}

export interface BackfillPlan {
  groups: Map<string, BackfillPoint[]>;
  workers: Array<{ group: string; worker: string; points: BackfillPoint[] }>;
  /** The account's own series: the sum of its groups where every group in this backfill has the bucket. */
  account: BackfillPoint[];
}

function bucketed(series: HashrateSeries): BackfillPoint[] {
  const width = LEVEL_MS[series.resolution];
  const byBucket = new Map<number, BackfillPoint>();
  for (const point of series.points) {
    const ms = Date.parse(point.at);
    if (!Number.isFinite(ms) || !Number.isFinite(point.hps) || point.hps < 0) continue;
    // SBI observer buckets are an hour wide but not on the hour: each is filed under the hour it starts in.
    const at = floorTo(ms, width);
    const hps = Math.round(point.hps);
    byBucket.set(at, { level: series.resolution, at, min: hps, avg: hps, max: hps });
  }
  return [...byBucket.values()].sort((a, b) => a.at - b.at);
}

/** Daily points from hourly ones, for days the daily rollup has already passed (dayMark) and so will not build. */
function dailyFromHourly(points: readonly BackfillPoint[], dayMark: number): BackfillPoint[] {
  const days = new Map<number, BackfillPoint[]>();
  for (const point of points) {
    if (point.level !== 'hour') continue;
    const day = floorTo(point.at, DAY_MS);
    if (day + DAY_MS > dayMark) continue;
    days.set(day, [...(days.get(day) ?? []), point]);
  }
  return [...days.entries()].map(([at, hours]) => ({
    level: 'day' as const,
    at,
    min: Math.min(...hours.map((h) => h.min)),
    avg: hours.reduce((sum, h) => sum + h.avg, 0) / hours.length,
    max: Math.max(...hours.map((h) => h.max)),
  }));
}

/** Pool points first, so a pool's own daily figure wins over one derived from its hours (both are inserted or ignored). */
function withDerivedDays(points: BackfillPoint[], dayMark: number): BackfillPoint[] {
  return [...points, ...dailyFromHourly(points, dayMark)];
}

function sumGroups(groupPoints: ReadonlyArray<readonly BackfillPoint[]>): BackfillPoint[] {
  const byKey = new Map<string, { point: BackfillPoint; count: number }>();
  const groupsPerLevel = new Map<RollupLevel, number>();
  for (const points of groupPoints) {
    for (const level of new Set(points.map((p) => p.level))) groupsPerLevel.set(level, (groupsPerLevel.get(level) ?? 0) + 1);
    for (const point of points) {
      const key = `${point.level}:${point.at}`;
      const current = byKey.get(key);
      if (!current) byKey.set(key, { point: { ...point }, count: 1 });
      else {
        current.point.min += point.min;
        current.point.avg += point.avg;
        current.point.max += point.max;
        current.count += 1;
      }
    }
  }
  return [...byKey.values()].filter(({ point, count }) => count === groupsPerLevel.get(point.level)).map(({ point }) => point);
}

export function planBackfill(series: readonly HashrateSeries[], dayMark: number): BackfillPlan {
  const byGroup = new Map<string, Map<string, BackfillPoint>>();
  const workers: BackfillPlan['workers'] = [];
  for (const one of series) {
    const points = bucketed(one);
    if (points.length === 0) continue;
    if (one.worker !== null) {
      workers.push({ group: one.group, worker: one.worker, points: withDerivedDays(points, dayMark) });
      continue;
    }
    const known = byGroup.get(one.group) ?? new Map<string, BackfillPoint>();
    for (const point of points) known.set(`${point.level}:${point.at}`, point);
    byGroup.set(one.group, known);
  }
  const groupPoints = [...byGroup.values()].map((points) => [...points.values()].sort((a, b) => a.at - b.at));
  const account = withDerivedDays(sumGroups(groupPoints), dayMark);
  const groups = new Map([...byGroup.keys()].map((group, i) => [group, withDerivedDays(groupPoints[i]!, dayMark)] as const));
  return { groups, workers, account };
}
