import { addCounts, NO_WORKERS, type AccountSummary, type HashrateHps, type HashrateWindows, type Payout, type WorkerCounts } from '../../../shared/model';
import { unitSystemFor, type UnitPreference } from '../../../shared/units';

/** The hashrate an account counts for in totals: the 10-minute average, else the hourly one. */
export function currentHashrateHps(hashrate: HashrateWindows): HashrateHps | null {
  return hashrate.h10m ?? hashrate.h1h;
}

/** Sum over accounts of their current hashrate; null when no account reports one. */
export function totalHashrateHps(accounts: readonly Pick<AccountSummary, 'hashrate'>[]): HashrateHps | null {
  let total: number | null = null;
  for (const account of accounts) {
    const hps = currentHashrateHps(account.hashrate);
    if (hps !== null) total = (total ?? 0) + hps;
  }
  return total;
}

export function totalWorkerCounts(accounts: readonly Pick<AccountSummary, 'workers'>[]): WorkerCounts {
  return accounts.reduce((total, account) => addCounts(total, account.workers), NO_WORKERS);
}

/** The newest `count` payouts, newest first; undated (not yet paid) ones come first. */
export function recentPayouts(payouts: readonly Payout[], count: number): Payout[] {
  const time = (payout: Payout) => (payout.at === null ? Number.POSITIVE_INFINITY : Date.parse(payout.at) || 0);
  return [...payouts].sort((a, b) => time(b) - time(a)).slice(0, count);
}

/**
 * Why the fleet total reads differently from a Stratumsphere card: sums across pools stay in SI units,
 * while those cards use 1024-based ones. Null when no account uses another unit system.
 */
export function fleetTotalUnitNote(accounts: readonly Pick<AccountSummary, 'pool'>[], preference: UnitPreference = 'pool'): string | null {
  if (!accounts.some((account) => unitSystemFor(account.pool, preference) !== 'si')) return null;
  return 'Total in SI units (1 KH/s = 1000 H/s). Stratumsphere cards show 1024-based units (1 KH/s = 1024 H/s), as Stratumsphere does.';
}
