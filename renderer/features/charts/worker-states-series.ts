import type { WorkerStatesPoint } from '../../../shared/contract';
import { bucketSeries, withinBudget } from './point-budget';
import { withGaps } from './series-gaps';

export interface WorkerStatesDatum {
  atMs: number;
  online: number;
  offline: number;
  dead: number;
  unknown: number;
}

/** Nothing recorded here: the stacked areas stop instead of holding the last state across the gap. */
export interface WorkerStatesGap {
  atMs: number;
  online: null;
  offline: null;
  dead: null;
  unknown: null;
}

function notOnline(point: WorkerStatesPoint): number {
  return point.offline + point.dead + point.unknown;
}

/** Keeps the bucket's worst moment (most workers not online), so a short outage survives a year-long view. */
export function mergeWorkerStates(bucket: readonly WorkerStatesPoint[]): WorkerStatesPoint {
  const first = bucket[0];
  if (first === undefined) throw new Error('mergeWorkerStates needs at least one point.');
  const worst = bucket.reduce((found, point) => (notOnline(point) > notOnline(found) ? point : found), first);
  return { ...worst, at: first.at };
}

/** The engine's points, bounded to the chart's budget (breaks included), with times as numbers for a time axis. */
export function workerStatesChartData(points: readonly WorkerStatesPoint[], maxPoints: number): Array<WorkerStatesDatum | WorkerStatesGap> {
  const data = withinBudget(maxPoints, (budget) => {
    const drawn: WorkerStatesDatum[] = [];
    for (const point of bucketSeries(points, budget, mergeWorkerStates)) {
      const atMs = Date.parse(point.at);
      if (Number.isNaN(atMs)) continue;
      drawn.push({ atMs, online: point.online, offline: point.offline, dead: point.dead, unknown: point.unknown });
    }
    return withGaps<WorkerStatesDatum, WorkerStatesGap>(drawn, (atMs) => ({ atMs, online: null, offline: null, dead: null, unknown: null }));
  });
  return [...data];
}
