import type { AmountUnit, PoolId } from '../../shared/model';
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
