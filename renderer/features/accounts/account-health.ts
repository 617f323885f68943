import type { AccountStatus, AccountSummary } from '../../../shared/model';

/** Statuses that mean the last poll failed: the Accounts page shows their error and when it happened. */
const FAILING: ReadonlySet<AccountStatus> = new Set(['auth_error', 'unreachable', 'error']);

/** What the Accounts page says of an account's polling: whether it works, and if not, the last error with its time. */
export interface AccountHealth {
  status: AccountStatus | null;
  /** The last poll's error and its ISO time, when the last poll failed. */
  error: { message: string; at: string | null } | null;
  /** A note for working accounts (limitations) or none. */
  note: string | null;
  lastPollAt: string | null;
  /** ISO time of the last poll that brought data; null when none ever did. */
  lastGoodAt: string | null;
}

export function accountHealth(summary: AccountSummary | undefined): AccountHealth {
  if (summary === undefined) return { status: null, error: null, note: null, lastPollAt: null, lastGoodAt: null };
  const failing = FAILING.has(summary.status);
  return {
    status: summary.status,
    error: failing ? { message: summary.message ?? 'The last poll failed.', at: summary.lastPollAt } : null,
    note: !failing && summary.message !== null ? summary.message : null,
    lastPollAt: summary.lastPollAt,
    lastGoodAt: summary.lastGoodAt,
  };
}
