import { addCounts, NO_WORKERS, type AccountSummary, type HashrateHps, type HashrateWindows, type Payout, type WorkerCounts } from '../../../shared/model';

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
