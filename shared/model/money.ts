/**
 * 'coin' = whole coins (1.5 BTC). 'base-unit' = the coin's smallest unit as the pool sent it, where the pool's
 * adapter does not know that unit (SBI v1 ETH amounts); known units are converted to coins by the adapter.
 */
export type AmountUnit = 'coin' | 'base-unit';

/** An amount exactly as the pool sent it, kept beside its conversion to whole coins (SBI v1: 448685 satoshi). */
export interface RawAmount {
  amount: number;
  /** The unit's name: 'satoshi'. */
  unit: string;
}

export const PAYOUT_STATUSES = ['pending', 'new', 'posted', 'confirmed', 'failed', 'unknown'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface Payout {
  id: string;
  coin: string;
  amount: number;
  unit: AmountUnit;
  status: PayoutStatus;
  txId: string | null;
  /** ISO time the payout was made, or was calculated when it is not paid yet. */
  at: string | null;
  /** Group (subaccount) the payout belongs to, where the pool says. */
  group: string | null;
  /** The pool's own figure where the adapter converted it to whole coins. */
  raw?: RawAmount | null;
}

export interface Balance {
  coin: string;
  unpaid: number;
  unit: AmountUnit;
  group: string | null;
  /** Everything earned so far, where the pool says (Spider totalProfit). */
  totalEarned?: number | null;
  /** What the unpaid amount is worth in BTC satoshi, where the pool gives a rate (WebMinePool). */
  valueSatoshi?: number | null;
  /** The pool's own figure where the adapter converted it to whole coins. */
  raw?: RawAmount | null;
}

/** A pool's estimate of what a group earns in a day. */
export interface RevenueEstimate {
  /** UTC day, yyyy-mm-dd. */
  day: string;
  coin: string;
  amount: number;
  unit: AmountUnit;
  group: string | null;
  /** The pool's own figure where the adapter converted it to whole coins. */
  raw?: RawAmount | null;
  /** True where the pool calls the figure an estimate (SBI revenue, Spider's today); false or absent for settled days. */
  estimate?: boolean;
}
