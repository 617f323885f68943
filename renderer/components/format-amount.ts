import type { AmountUnit } from '../../shared/model';

/** "0.00123456 BTC", or "123,456 BTC base units" when the pool's unit is its smallest one. */
export function formatAmount(amount: number, unit: AmountUnit, coin: string): string {
  if (unit === 'base-unit') return `${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${coin} base units`;
  return `${amount.toLocaleString('en-US', { maximumFractionDigits: 8 })} ${coin}`;
}

/** A short local date and time for an ISO string; the raw text when it does not parse. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toLocaleString();
}
