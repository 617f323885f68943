import type { EarningsHistory } from '../../../shared/contract';
import type { AmountUnit } from '../../../shared/model';
import type { TimeWindow } from './chart-range';
import { DAY_MS } from './chart-range';
import { bucketSeries } from './point-budget';

/** One UTC day of one coin: what was earned and what was paid out. */
export interface EarningsDay {
  /** yyyy-mm-dd (UTC); the first day when several were merged. */
  day: string;
  earned: number;
  paid: number;
  payouts: number;
  /** Some of the day's earnings are the pool's estimate, not a settled figure. */
  estimate: boolean;
}

/** One coin in one unit: its own chart, so whole coins and base units never share an axis. */
export interface EarningsPanel {
  key: string;
  coin: string;
  unit: AmountUnit;
  days: readonly EarningsDay[];
  totalEarned: number;
  totalPaid: number;
  payoutCount: number;
  /** Some day of the window holds an estimate. */
  hasEstimates: boolean;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every UTC day the window touches, so days without earnings show as gaps rather than vanish. */
export function utcDaysOf(timeWindow: TimeWindow): string[] {
  const days: string[] = [];
  const first = Math.floor(timeWindow.fromMs / DAY_MS) * DAY_MS;
  for (let ms = first; ms <= timeWindow.toMs; ms += DAY_MS) days.push(utcDay(ms));
  return days;
}

function mergeDays(bucket: readonly EarningsDay[]): EarningsDay {
  const first = bucket[0];
  if (first === undefined) throw new Error('mergeDays needs at least one day.');
  return bucket.reduce(
    (sum, day) => ({
      day: first.day,
      earned: sum.earned + day.earned,
      paid: sum.paid + day.paid,
      payouts: sum.payouts + day.payouts,
      estimate: sum.estimate || day.estimate,
    }),
    { day: first.day, earned: 0, paid: 0, payouts: 0, estimate: false },
  );
}

/** Failed payouts never reached the wallet: they are not counted as paid. */
function counts(status: string): boolean {
  return status !== 'failed';
}

/** Earnings and payouts per coin and unit, summed over accounts, one entry per day of the window. */
export function earningsPanels(history: EarningsHistory, timeWindow: TimeWindow, maxPoints: number): EarningsPanel[] {
  const windowDays = utcDaysOf(timeWindow);
  const byKey = new Map<string, { coin: string; unit: AmountUnit; days: Map<string, EarningsDay> }>();
  const panelFor = (coin: string, unit: AmountUnit) => {
    const key = `${coin}|${unit}`;
    let panel = byKey.get(key);
    if (panel === undefined) {
      panel = { coin, unit, days: new Map(windowDays.map((day) => [day, { day, earned: 0, paid: 0, payouts: 0, estimate: false }])) };
      byKey.set(key, panel);
    }
    return panel;
  };
  for (const entry of history.days) {
    const day = panelFor(entry.coin, entry.unit).days.get(entry.day);
    if (day === undefined) continue;
    day.earned += entry.amount;
    day.estimate ||= entry.estimate;
  }
  for (const payout of history.payouts) {
    const atMs = Date.parse(payout.at);
    if (Number.isNaN(atMs) || !counts(payout.status)) continue;
    const day = panelFor(payout.coin, payout.unit).days.get(utcDay(atMs));
    if (day === undefined) continue;
    day.paid += payout.amount;
    day.payouts += 1;
  }
  return [...byKey.entries()]
    .map(([key, panel]) => {
      const days = [...panel.days.values()];
      return {
        key,
        coin: panel.coin,
        unit: panel.unit,
        days: bucketSeries(days, maxPoints, mergeDays),
        totalEarned: days.reduce((sum, day) => sum + day.earned, 0),
        totalPaid: days.reduce((sum, day) => sum + day.paid, 0),
        payoutCount: days.reduce((sum, day) => sum + day.payouts, 0),
        hasEstimates: days.some((day) => day.estimate),
      };
    })
    .sort((a, b) => a.coin.localeCompare(b.coin) || a.unit.localeCompare(b.unit));
}

/** "BTC", or "BTC (base units)" where the pool counts in the coin's smallest unit. */
export function panelTitle(panel: Pick<EarningsPanel, 'coin' | 'unit'>): string {
  return panel.unit === 'base-unit' ? `${panel.coin} (base units)` : panel.coin;
}
