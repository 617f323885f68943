/**
 * 'coin' = whole coins (1.5 BTC). 'base-unit' = the coin's smallest unit as the pool sent it
 * (SBI earnings v1 send integers that look like satoshi; the docs do not say, so the unit stays explicit).
 */
export type AmountUnit = 'coin' | 'base-unit';

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
}

/** A pool's estimate of what a group earns in a day. */
export interface RevenueEstimate {
  /** UTC day, yyyy-mm-dd. */
  day: string;
  coin: string;
  amount: number;
  unit: AmountUnit;
  group: string | null;
}
