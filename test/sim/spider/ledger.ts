// Profits and payments of one mine, derived from the data clock alone: every day's profit is a fixed function
// of the mine and the day, so advancing the clock settles new days and makes new payments, deterministically.
import { MS_PER_DAY, MS_PER_HOUR, utcDayStart } from '../common/iso-time';
import { unitHash } from '../common/seeded-random';
import { COINS } from './coins';
import type { Mine } from './world';

/** A day's profit settles this long after the day ends ("the scheduled task starts at 4:30"). */
export const SETTLE_DELAY_MS = 1 * MS_PER_HOUR;
/** Payments go out this long after the day ends, when the unpaid balance reached the minimum. */
export const PAYMENT_DELAY_MS = 2 * MS_PER_HOUR;
/** A payment's transaction id appears this long after the payment. */
export const TX_DELAY_MS = 1 * MS_PER_HOUR;

export interface SettledDay {
  /** UTC midnight of the day */
  dayMs: number;
  profit: number;
  avgHps: number;
}

export interface Payment {
  paymentDateMs: number;
  amount: number;
  address: string;
  txId: string | null;
}

export interface LedgerView {
  /** oldest first */
  days: SettledDay[];
  payments: Payment[];
  unpaid: number;
  total: number;
  /** today's profit so far; null for coins that do not report it */
  todayEstimate: number | null;
}

function round8(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

function variation(mine: Mine, dayMs: number): number {
  return 0.92 + 0.16 * unitHash(mine.seed, dayMs / MS_PER_DAY);
}

export function dayProfit(mine: Mine, dayMs: number): SettledDay {
  const factor = variation(mine, dayMs);
  return { dayMs, profit: round8(mine.nominalHps * factor * COINS[mine.coin].coinPerHpsDay), avgHps: mine.nominalHps * factor };
}

function txIdFor(mine: Mine, dayMs: number): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i += 1) hex += Math.floor(unitHash(mine.seed ^ i, dayMs / MS_PER_DAY) * 2 ** 32).toString(16).padStart(8, '0');
  return hex.slice(0, 64);
}

export function ledgerAt(mine: Mine, nowMs: number): LedgerView {
  const coin = COINS[mine.coin];
  const days: SettledDay[] = [];
  const payments: Payment[] = [];
  let unpaid = 0;
  let total = 0;
  for (let dayMs = mine.firstDayMs; dayMs + MS_PER_DAY + SETTLE_DELAY_MS <= nowMs; dayMs += MS_PER_DAY) {
    const day = dayProfit(mine, dayMs);
    days.push(day);
    unpaid = round8(unpaid + day.profit);
    total = round8(total + day.profit);
    const paymentDateMs = dayMs + MS_PER_DAY + PAYMENT_DELAY_MS;
    if (unpaid >= coin.minPayment && paymentDateMs <= nowMs) {
      payments.push({ paymentDateMs, amount: unpaid, address: mine.walletAddress, txId: paymentDateMs + TX_DELAY_MS <= nowMs ? txIdFor(mine, dayMs) : null });
      unpaid = 0;
    }
  }
  const todayMs = utcDayStart(nowMs);
  const todayEstimate = coin.hasDayEstimate ? round8(dayProfit(mine, todayMs).profit * ((nowMs - todayMs) / MS_PER_DAY)) : null;
  return { days, payments, unpaid, total, todayEstimate };
}
