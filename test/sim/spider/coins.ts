// Coins the Spider simulator mines, lower case as on the wire, with per-worker hashrates and payout figures.
import type { SeededRandom } from '../common/seeded-random';

export type SpiderCoin = 'btc' | 'bch' | 'ltc' | 'fb';

export interface CoinSpec {
  /** H/s range of one worker */
  workerHps: { min: number; max: number };
  /** whole coins earned per H/s per day */
  coinPerHpsDay: number;
  /** a payment is made once the unpaid balance reaches this */
  minPayment: number;
  /** fb reports no estimate for today (docs) */
  hasDayEstimate: boolean;
  addressPrefix: string;
}

export const COINS: Record<SpiderCoin, CoinSpec> = {
  btc: { workerHps: { min: 80e12, max: 140e12 }, coinPerHpsDay: 5e-19, minPayment: 0.005, hasDayEstimate: true, addressPrefix: 'bc1q' },
  bch: { workerHps: { min: 80e12, max: 140e12 }, coinPerHpsDay: 7e-17, minPayment: 0.1, hasDayEstimate: true, addressPrefix: 'qz' },
  ltc: { workerHps: { min: 9e9, max: 17e9 }, coinPerHpsDay: 3.2e-12, minPayment: 1, hasDayEstimate: true, addressPrefix: 'ltc1q' },
  fb: { workerHps: { min: 80e12, max: 140e12 }, coinPerHpsDay: 3e-16, minPayment: 1, hasDayEstimate: false, addressPrefix: 'bc1p' },
};

export function isSpiderCoin(value: string): value is SpiderCoin {
  return Object.prototype.hasOwnProperty.call(COINS, value);
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

export function fakeAddress(coin: SpiderCoin, random: SeededRandom): string {
  let tail = '';
  while (tail.length < 38) tail += BECH32[random.int(0, BECH32.length)];
  return `${COINS[coin].addressPrefix}${tail}`;
}
