import type { Balance, RevenueEstimate } from '../../../shared/model';

/** Which optional balance columns to show: only those some balance of the account has a value for. */
export function balanceExtras(balances: readonly Balance[]): { totalEarned: boolean; valueSatoshi: boolean } {
  return {
    totalEarned: balances.some((balance) => balance.totalEarned != null),
    valueSatoshi: balances.some((balance) => balance.valueSatoshi != null),
  };
}

/** "≈ 1,234 sat": what an unpaid amount is worth in BTC satoshi; an em dash when unknown. */
export function formatSatoshi(valueSatoshi: number | null | undefined): string {
  if (valueSatoshi == null || !Number.isFinite(valueSatoshi)) return '—';
  // Small balances (WebMinePool) are worth fractions of a satoshi: keep two decimals below 100.
  const digits = Math.abs(valueSatoshi) < 100 ? 2 : 0;
  return `≈ ${valueSatoshi.toLocaleString('en-US', { maximumFractionDigits: digits })} sat`;
}

/** Newest day first, then by group and coin, so today's estimates lead and each day reads the same way. */
export function sortRevenue(revenue: readonly RevenueEstimate[]): RevenueEstimate[] {
  const text = (value: string | null) => value ?? '';
  return [...revenue].sort(
    (a, b) => b.day.localeCompare(a.day) || text(a.group).localeCompare(text(b.group)) || a.coin.localeCompare(b.coin),
  );
}
