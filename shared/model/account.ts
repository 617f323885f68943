import type { HashrateWindows } from './hashrate';
import type { Group } from './group';
import type { Balance, Payout, RevenueEstimate } from './money';
import type { WorkerCounts } from './worker';

export const POOL_IDS = ['sbi', 'spider', 'webminepool', 'stratumsphere'] as const;
export type PoolId = (typeof POOL_IDS)[number];

/**
 * pending: not polled yet. ok: the last poll worked. permission_limited: the key works but may not read
 * everything (403 on some endpoints). auth_error: the key was rejected (401). unreachable: no answer
 * (network, timeout, 5xx, 429). error: anything else, with a specific message.
 */
export const ACCOUNT_STATUSES = ['pending', 'ok', 'permission_limited', 'auth_error', 'unreachable', 'error'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What the UI and the CLI show of one account: everything but the worker list. */
export interface AccountSummary {
  id: string;
  pool: PoolId;
  label: string;
  status: AccountStatus;
  /** Why the status is what it is, and what the user can do; null when all is well. */
  message: string | null;
  /** Things this key may not read, one sentence each (permission_limited). */
  limitations: string[];
  /** True when the data shown is from an earlier poll because the latest one failed. */
  stale: boolean;
  /** ISO time of the last poll that produced data, null if none yet. */
  lastGoodAt: string | null;
  /** ISO time of the last poll attempt. */
  lastPollAt: string | null;
  /** ISO time of the next scheduled poll, null while paused. */
  nextPollAt: string | null;
  /** Name the pool knows the account by (e-mail, user name), where it says. */
  poolAccountName: string | null;
  hashrate: HashrateWindows;
  workers: WorkerCounts;
  groups: Group[];
  balances: Balance[];
  payouts: Payout[];
  revenue: RevenueEstimate[];
  /** Where miners point their rigs (SBI subpools), where the pool says. */
  stratumServers: StratumServerGroup[];
}

export interface StratumServerGroup {
  name: string;
  coins: string[];
  /** stratum+tcp://host:port */
  urls: string[];
}
