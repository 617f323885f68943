import { formatHashrate } from '../../../shared/units';
import type { HashrateWindows } from '../../../shared/model';
import { DAY_MS, MINUTE_MS } from '../../base/time';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type AlertScope, type RuleResult } from '../alert-types';
import { median } from './median';
import { emptyResult, type RuleContext } from './rule-context';

/** One sample per this long is enough for a 24 h median, and keeps the memory at 288 numbers per account or group. */
export const TOTAL_SAMPLE_STEP_MS = 5 * MINUTE_MS;
/** The median needs this much history before a share of it means anything (a fresh start has none). */
export const MEDIAN_MIN_SPAN_MS = 2 * 60 * MINUTE_MS;

/** Per-poll totals of one account or group over the last 24 h, oldest first. */
interface TotalSeries {
  atMs: number[];
  hps: number[];
}

/** Each account's and group's recent totals, keyed by group name ('' = the account). */
export type TotalHashrateMemory = Map<string, TotalSeries>;

export function newTotalHashrateMemory(): TotalHashrateMemory {
  return new Map();
}

function totalOf(hashrate: HashrateWindows): number | null {
  return hashrate.h10m ?? hashrate.h1h;
}

/** The 24 h median of a series, or null while it covers less than MEDIAN_MIN_SPAN_MS. */
function medianOf(series: TotalSeries | undefined): number | null {
  if (!series || series.atMs.length < 2) return null;
  if (series.atMs[series.atMs.length - 1]! - series.atMs[0]! < MEDIAN_MIN_SPAN_MS) return null;
  return median(series.hps);
}

function remember(memory: TotalHashrateMemory, name: string, atMs: number, hps: number): void {
  let series = memory.get(name);
  if (!series) {
    series = { atMs: [], hps: [] };
    memory.set(name, series);
  }
  const last = series.atMs[series.atMs.length - 1];
  if (last !== undefined && atMs - last < TOTAL_SAMPLE_STEP_MS) return;
  series.atMs.push(atMs);
  series.hps.push(hps);
  let drop = 0;
  while (drop < series.atMs.length && series.atMs[drop]! < atMs - DAY_MS) drop += 1;
  if (drop > 0) {
    series.atMs.splice(0, drop);
    series.hps.splice(0, drop);
  }
}

function where(scope: AlertScope): string {
  return scope.group === null ? scope.accountLabel : `group ${scope.group} of ${scope.accountLabel}`;
}

interface Line {
  /** Below this the total is low. */
  line: number;
  /** A firing alert resolves only above this: floor x (1 + margin %), or (X + margin) % of the median. */
  recoverAt: number;
  what: string;
}

/** The line a total must stay above, and the reason in words; null when no line is set or known yet. */
function lineFor(floor: number | null, percent: number, marginPercent: number, medianHps: number | null): Line | null {
  const byMedian = percent > 0 && medianHps !== null && medianHps > 0 ? (medianHps * percent) / 100 : null;
  if (floor !== null && (byMedian === null || floor >= byMedian)) {
    return { line: floor, recoverAt: floor * (1 + marginPercent / 100), what: `the floor of ${formatHashrate(floor)}` };
  }
  if (byMedian === null || medianHps === null) return null;
  return { line: byMedian, recoverAt: (medianHps * Math.min(100, percent + marginPercent)) / 100, what: `${percent}% of its 24 h median (${formatHashrate(medianHps)})` };
}

/**
 * total-hashrate-low: an account's or group's total hashrate below a floor, or below X % of its own 24 h median.
 * Hysteresis: a firing alert holds until the total is back above floor x 1.1 or (X + 10) % of the median (with the
 * default recoveryMarginPercent of 10). Costs one check per account and group, whatever the number of workers.
 * Mutates `memory` with this poll's totals.
 */
export function totalHashrateRule(context: RuleContext, memory: TotalHashrateMemory): RuleResult {
  const { observation, verdict, settings } = context;
  const result = emptyResult('total-hashrate-low', verdict.open);
  if (!verdict.open || observation.workers === null) return result;
  const { account } = observation;
  const totals: Array<[string | null, number | null]> = [[null, totalOf(account.hashrate)]];
  // With one group the account alert says it all.
  if (account.groups.length > 1) for (const group of account.groups) totals.push([group.name, totalOf(group.hashrate)]);

  for (const [group, hps] of totals) {
    if (hps === null) continue; // the pool gave no total: nothing to judge, nothing to learn
    const scope = context.scope(group, null);
    const s = settings.settingsFor(scope, 'total-hashrate-low');
    const name = group ?? '';
    const line = s.enabled ? lineFor(s.totalHashrateFloorHps, s.totalHashrateMedianPercent, s.recoveryMarginPercent, medianOf(memory.get(name))) : null;
    const key = alertKey('total-hashrate-low', scope);
    const firing = context.isTracked(key);
    if (line === null && firing && s.enabled) {
      // A median alert restored after a restart: the median is not known again yet, so nothing is judged.
      result.unknown.push(key);
      remember(memory, name, observation.atMs, hps);
      continue;
    }
    const low = line !== null && (hps < line.line || (firing && hps < line.recoverAt));
    if (low) {
      const message =
        hps < line.line
          ? `Total hashrate of ${where(scope)} is ${formatHashrate(hps)}, below ${line.what}.`
          : `Total hashrate of ${where(scope)} is ${formatHashrate(hps)}, back above ${line.what} but not yet above ${formatHashrate(line.recoverAt)}.`;
      result.active.push({ key, ruleId: 'total-hashrate-low', scope, ref: null, message, severity: RULE_CATALOG['total-hashrate-low'].severity });
    } else {
      // A low total does not lower its own baseline: the median learns only from totals that raise no alert.
      remember(memory, name, observation.atMs, hps);
    }
  }
  // Groups gone for a day are forgotten.
  for (const [name, series] of memory) if (series.atMs[series.atMs.length - 1]! < observation.atMs - DAY_MS) memory.delete(name);
  return result;
}
