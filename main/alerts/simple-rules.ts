import { workerKey, type AccountStatus, type AccountSummary, type WorkerState } from '../../shared/model';
import type { WorkersDelta } from '../../shared/contract';

/** One desktop notification, before it is shown. */
export interface SimpleAlert {
  title: string;
  body: string;
  accountId: string;
}

/** Statuses that mean the account cannot be read right now. */
export const FAILING_STATUSES: ReadonlySet<AccountStatus> = new Set(['auth_error', 'unreachable', 'error']);
/** Worker states that mean the worker stopped sending shares. */
const SILENT_STATES: ReadonlySet<WorkerState> = new Set(['offline', 'dead']);
/** Names listed in a grouped worker notification before "and N more". */
const MAX_NAMES_LISTED = 5;

const STATUS_WORDS: Record<AccountStatus, string> = {
  pending: 'not polled yet',
  ok: 'OK',
  permission_limited: 'working with limited permissions',
  auth_error: 'key rejected',
  unreachable: 'pool unreachable',
  error: 'error',
};

/** An account that was readable (or not polled yet) and now fails; staying failed or recovering says nothing. */
export function accountStatusAlerts(previous: AccountSummary | undefined, next: AccountSummary): SimpleAlert[] {
  const before = previous?.status ?? 'pending';
  if (!FAILING_STATUSES.has(next.status) || FAILING_STATUSES.has(before)) return [];
  return [
    {
      accountId: next.id,
      title: `${next.label}: ${STATUS_WORDS[next.status]}`,
      body: next.message ?? 'PoolWatch cannot read this account; it keeps trying.',
    },
  ];
}

function listNames(names: readonly string[]): string {
  if (names.length <= MAX_NAMES_LISTED) return names.join(', ');
  return `${names.slice(0, MAX_NAMES_LISTED).join(', ')} and ${names.length - MAX_NAMES_LISTED} more`;
}

/**
 * Workers that were online before this delta and are offline or dead in it, as one notification per account.
 * Workers never seen online (first poll, new workers) do not notify: a restart must not flood the desktop.
 */
export function workerStateAlerts(
  account: { id: string; label: string },
  delta: WorkersDelta,
  previousStates: ReadonlyMap<string, WorkerState>,
): SimpleAlert[] {
  const silenced = delta.upserted.filter(
    (worker) => SILENT_STATES.has(worker.state) && previousStates.get(workerKey(worker)) === 'online',
  );
  const [only] = silenced;
  if (only === undefined) return [];
  if (silenced.length === 1) {
    return [
      {
        accountId: account.id,
        title: `Worker offline in ${account.label}`,
        body: `${only.group ? `${only.name} (${only.group})` : only.name} stopped sending shares.`,
      },
    ];
  }
  return [
    {
      accountId: account.id,
      title: `${silenced.length} workers offline in ${account.label}`,
      body: `${listNames(silenced.map((worker) => worker.name))} stopped sending shares.`,
    },
  ];
}
