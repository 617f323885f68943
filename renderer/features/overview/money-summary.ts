import type { AccountSummary, AmountUnit, Payout } from '../../../shared/model';

/** A day's earnings of one coin over every account; `estimate` when any part is the pool's estimate. */
export interface DayFigure {
  amount: number;
  estimate: boolean;
}

/** The next payout of a coin: one the pools list as not yet confirmed, or when the usual rhythm expects one. */
export type NextPayout =
  | { kind: 'pending'; amount: number; at: string | null }
  | { kind: 'expected'; atMs: number; accountLabel: string };

/** One coin (in one unit) across all accounts: the Overview's money line. */
export interface CoinMoney {
  coin: string;
  unit: AmountUnit;
  today: DayFigure | null;
  yesterday: DayFigure | null;
  unpaid: number | null;
  next: NextPayout | null;
}

const DAY_MS = 86_400_000;
const NOT_PAID_YET = new Set<Payout['status']>(['new', 'pending', 'posted']);
/** Fewer payouts than this say nothing about a rhythm. */
const RHYTHM_MIN_PAYOUTS = 3;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDay(figure: DayFigure | null, amount: number, estimate: boolean): DayFigure {
  return { amount: (figure?.amount ?? 0) + amount, estimate: (figure?.estimate ?? false) || estimate };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** When an account's next payout of a coin is due, from the median gap between its paid payouts; null without a rhythm. */
export function expectedPayoutMs(payouts: readonly Payout[]): number | null {
  const times = payouts
    .filter((payout) => !NOT_PAID_YET.has(payout.status) && payout.status !== 'failed' && payout.at !== null)
    .map((payout) => Date.parse(payout.at!))
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
  if (times.length < RHYTHM_MIN_PAYOUTS) return null;
  const gaps = times.slice(1).map((ms, index) => ms - times[index]!);
  const gap = median(gaps);
  return gap > 0 ? times[times.length - 1]! + gap : null;
}

/** Today's and yesterday's earnings (UTC days, the pools' own), unpaid balance and next payout, per coin over every account. */
export function moneySummary(accounts: readonly AccountSummary[], nowMs: number): CoinMoney[] {
  const today = utcDay(nowMs);
  const yesterday = utcDay(nowMs - DAY_MS);
  const byCoin = new Map<string, CoinMoney>();
  const entry = (coin: string, unit: AmountUnit): CoinMoney => {
    const key = `${coin}|${unit}`;
    let found = byCoin.get(key);
    if (found === undefined) {
      found = { coin, unit, today: null, yesterday: null, unpaid: null, next: null };
      byCoin.set(key, found);
    }
    return found;
  };
  for (const account of accounts) {
    for (const row of account.revenue) {
      const coin = entry(row.coin, row.unit);
      if (row.day === today) coin.today = addDay(coin.today, row.amount, row.estimate === true);
      else if (row.day === yesterday) coin.yesterday = addDay(coin.yesterday, row.amount, row.estimate === true);
    }
    for (const balance of account.balances) {
      const coin = entry(balance.coin, balance.unit);
      coin.unpaid = (coin.unpaid ?? 0) + balance.unpaid;
    }
    const payoutCoins = new Map<string, Payout[]>();
    for (const payout of account.payouts) {
      const key = `${payout.coin}|${payout.unit}`;
      payoutCoins.set(key, [...(payoutCoins.get(key) ?? []), payout]);
    }
    for (const payouts of payoutCoins.values()) {
      const first = payouts[0]!;
      const coin = entry(first.coin, first.unit);
      coin.next = nextOf(coin.next, payouts, account.label);
    }
  }
  return [...byCoin.values()].sort((a, b) => a.coin.localeCompare(b.coin) || a.unit.localeCompare(b.unit));
}

/** A payout under way wins over an expected one; among expected ones the soonest. */
function nextOf(current: NextPayout | null, payouts: readonly Payout[], accountLabel: string): NextPayout | null {
  const pending = payouts.filter((payout) => NOT_PAID_YET.has(payout.status));
  if (pending.length > 0) {
    const amount = pending.reduce((sum, payout) => sum + payout.amount, 0) + (current?.kind === 'pending' ? current.amount : 0);
    const dates = pending.map((payout) => payout.at).filter((at): at is string => at !== null).sort();
    return { kind: 'pending', amount, at: dates[0] ?? (current?.kind === 'pending' ? current.at : null) };
  }
  if (current?.kind === 'pending') return current;
  const atMs = expectedPayoutMs(payouts);
  if (atMs === null) return current;
  return current === null || atMs < current.atMs ? { kind: 'expected', atMs, accountLabel } : current;
}
