import type { HashrateHistoryPoint } from '../../../shared/contract';
import { scaleHashrate, type UnitSystem } from '../../../shared/units';
import { bucketSeries, withinBudget } from './point-budget';
import { withGaps } from './series-gaps';

/** One point as the hashrate chart draws it: values in the axis unit, the exact H/s kept for the tooltip. */
export interface HashrateDatum {
  atMs: number;
  avg: number;
  /** The min–max band, in the axis unit. */
  band: [number, number];
  hps: { min: number; avg: number; max: number };
  /** No drawn neighbour on either side (gaps around it): a line cannot show it, so it gets a dot. */
  isolated?: boolean;
}

/** The unit every tick and point of one chart is drawn in, chosen by the series' highest value. */
export interface AxisUnit {
  unit: string;
  /** H/s per one of `unit`. */
  divisor: number;
}

const UNIT_PREFIXES = ['H', 'K', 'M', 'G', 'T', 'P', 'E'];

export function axisUnitFor(maxHps: number, system: UnitSystem): AxisUnit {
  const { unit } = scaleHashrate(Number.isFinite(maxHps) ? Math.abs(maxHps) : 0, system);
  const step = system === 'binary' ? 1024 : 1000;
  return { unit, divisor: step ** Math.max(0, UNIT_PREFIXES.indexOf(unit.charAt(0))) };
}

/** Merges a bucket into one point that keeps its whole band: lowest min, highest max, mean of the averages. */
export function mergeHashratePoints(bucket: readonly HashrateHistoryPoint[]): HashrateHistoryPoint {
  const first = bucket[0];
  if (first === undefined) throw new Error('mergeHashratePoints needs at least one point.');
  let min = first.min;
  let max = first.max;
  let sum = 0;
  for (const point of bucket) {
    min = Math.min(min, point.min);
    max = Math.max(max, point.max);
    sum += point.avg;
  }
  return { at: first.at, min, avg: sum / bucket.length, max };
}

/** A break in the line where nothing was recorded (the app was off, the pool down): recharts draws no line across null. */
export interface HashrateGap {
  atMs: number;
  avg: null;
  band: null;
}

export interface HashrateChartData {
  data: Array<HashrateDatum | HashrateGap>;
  axis: AxisUnit;
}


/** The engine's points, bounded to the chart's budget (breaks included) and scaled to one unit for the axis. */
export function hashrateChartData(points: readonly HashrateHistoryPoint[], system: UnitSystem, maxPoints: number): HashrateChartData {
  let axis = axisUnitFor(0, system);
  const data = withinBudget(maxPoints, (budget) => {
    const bounded = bucketSeries(points, budget, mergeHashratePoints);
    let highest = 0;
    for (const point of bounded) highest = Math.max(highest, point.max, point.avg);
    axis = axisUnitFor(highest, system);
    const drawn: HashrateDatum[] = [];
    for (const point of bounded) {
      const atMs = Date.parse(point.at);
      if (Number.isNaN(atMs)) continue;
      drawn.push({
        atMs,
        avg: point.avg / axis.divisor,
        band: [point.min / axis.divisor, point.max / axis.divisor],
        hps: { min: point.min, avg: point.avg, max: point.max },
      });
    }
    return withGaps<HashrateDatum, HashrateGap>(drawn, (atMs) => ({ atMs, avg: null, band: null }), (datum) => ({ ...datum, isolated: true }));
  });
  return { data: [...data], axis };
}

/** "1.5 PH/s" for a y-axis tick given in the axis unit. */
export function axisTickText(value: number, axis: AxisUnit): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${axis.unit}`;
}

/** "1.234 PH/s", to three decimals in the value's own unit. */
export function scaledHashrateText(hps: number, system: UnitSystem): string {
  const { value, unit } = scaleHashrate(hps, system);
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${unit}`;
}

/** "1.234 PH/s (1,234,000,000,000,000 H/s)": the readable figure and the exact one behind it. */
export function exactHashrateText(hps: number, system: UnitSystem): string {
  if (!Number.isFinite(hps)) return '—';
  const scaled = scaledHashrateText(hps, system);
  if (scaleHashrate(hps, system).unit === 'H/s') return scaled;
  return `${scaled} (${Math.round(hps).toLocaleString('en-US')} H/s)`;
}
