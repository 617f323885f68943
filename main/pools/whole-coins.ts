import type { AmountUnit, Balance, PoolId } from '../../shared/model';
import { SBI_BASE_UNITS_PER_COIN } from './sbi/sbi-mapping';

/** Base units per whole coin, per pool, where its adapter knows them; only SBI's v1 earnings arrive in base units. */
const BASE_UNITS_PER_COIN: Readonly<Partial<Record<PoolId, Readonly<Record<string, number>>>>> = {
  sbi: SBI_BASE_UNITS_PER_COIN,
};

/** An amount in whole coins, or null when it is in base units whose size the pool's adapter does not know. */
export function wholeCoins(pool: PoolId, amount: { coin: string; unit: AmountUnit; value: number }): number | null {
  if (amount.unit === 'coin') return amount.value;
  const perCoin = BASE_UNITS_PER_COIN[pool]?.[amount.coin.toUpperCase()];
  return perCoin === undefined ? null : amount.value / perCoin;
}

/**
 * An account's unpaid balances in whole coins per coin, summed over its groups (in the pool's unit first, so 1208 + 792
 * satoshi is exactly 0.00002 BTC). Base units the adapter cannot size are left out, not guessed.
 */
export function unpaidWholeCoins(pool: PoolId, balances: readonly Balance[]): Map<string, number> {
  const raw = new Map<string, { coin: string; unit: AmountUnit; value: number }>();
  for (const balance of balances) {
    const key = `${balance.coin}\u0000${balance.unit}`;
    const total = raw.get(key) ?? { coin: balance.coin, unit: balance.unit, value: 0 };
    total.value += balance.unpaid;
    raw.set(key, total);
  }
  const coins = new Map<string, number>();
  for (const amount of raw.values()) {
    const whole = wholeCoins(pool, amount);
    if (whole !== null) coins.set(amount.coin, (coins.get(amount.coin) ?? 0) + whole);
  }
  return coins;
}
