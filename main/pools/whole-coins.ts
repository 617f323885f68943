import type { AmountUnit, Balance } from '../../shared/model';

/**
 * An amount in whole coins, or null when it is in base units: adapters convert every amount whose unit they know
 * (SBI's satoshi), so what is left in base units has no known size (SBI's v1 ETH) and is not guessed.
 */
function wholeCoins(amount: { coin: string; unit: AmountUnit; value: number }): number | null {
  return amount.unit === 'coin' ? amount.value : null;
}

/**
 * An account's unpaid balances in whole coins per coin, summed over its groups (in the pool's unit first, so 1208 + 792
 * satoshi is exactly 0.00002 BTC). Base units of unknown size are left out, not guessed.
 */
export function unpaidWholeCoins(balances: readonly Balance[]): Map<string, number> {
  const raw = new Map<string, { coin: string; unit: AmountUnit; value: number }>();
  for (const balance of balances) {
    const key = `${balance.coin}\u0000${balance.unit}`;
    const total = raw.get(key) ?? { coin: balance.coin, unit: balance.unit, value: 0 };
    total.value += balance.unpaid;
    raw.set(key, total);
  }
  const coins = new Map<string, number>();
  for (const amount of raw.values()) {
    const whole = wholeCoins(amount);
    if (whole !== null) coins.set(amount.coin, (coins.get(amount.coin) ?? 0) + whole);
  }
  return coins;
}
