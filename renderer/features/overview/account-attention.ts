import type { ActiveAlertView } from '../../../shared/contract';
import { SEVERITY_RANK, type AccountStatus, type AccountSummary, type Severity } from '../../../shared/model';
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUS_TONES, type Tone } from '../../components/tones';
import { sortActiveAlerts } from '../alerts/active-alerts';

/** Statuses where the latest poll read nothing: the key was rejected, the pool did not answer, or its answer was unusable. */
const FAILING_STATUSES: ReadonlySet<AccountStatus> = new Set(['auth_error', 'unreachable', 'error']);

export function isFailing(account: Pick<AccountSummary, 'status'>): boolean {
  return FAILING_STATUSES.has(account.status);
}

/** Alerts firing now and not snoozed: what the user has not yet chosen to ignore. */
export function firingAlerts(alerts: readonly ActiveAlertView[]): ActiveAlertView[] {
  return alerts.filter((alert) => alert.state === 'firing' && !alert.snoozed);
}

/** The worst firing alert's severity per account id. */
export function worstFiringByAccount(alerts: readonly ActiveAlertView[]): Map<string, { severity: Severity; count: number }> {
  const worst = new Map<string, { severity: Severity; count: number }>();
  for (const alert of firingAlerts(alerts)) {
    const before = worst.get(alert.scope.accountId);
    const severity = before === undefined || SEVERITY_RANK[alert.severity] > SEVERITY_RANK[before.severity] ? alert.severity : before.severity;
    worst.set(alert.scope.accountId, { severity, count: (before?.count ?? 0) + 1 });
  }
  return worst;
}

/** What an account's badge says: its API health, raised by the alerts firing on it. */
export interface AccountBadge {
  tone: Tone;
  text: string;
  firing: number;
}

// Unlike the alert list's badges, an info alert (a payout, a balance) leaves the account green.
const BADGE_TONE_BY_SEVERITY: Record<Severity, Tone> = { info: 'ok', warning: 'warning', critical: 'problem' };
const TONE_RANK: Record<Tone, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };

/** The badge of an account: "ok" only when the pool answers and no warning or critical alert fires on it. */
export function accountBadge(account: Pick<AccountSummary, 'status' | 'stale'>, firing: { severity: Severity; count: number } | undefined): AccountBadge {
  const statusTone = ACCOUNT_STATUS_TONES[account.status];
  const alertTone = firing === undefined ? 'ok' : BADGE_TONE_BY_SEVERITY[firing.severity];
  const tone = TONE_RANK[alertTone] < TONE_RANK[statusTone] ? alertTone : statusTone;
  const count = firing?.count ?? 0;
  const alertText = count === 0 ? null : `${count} ${firing?.severity === 'critical' ? 'critical ' : ''}alert${count === 1 ? '' : 's'} firing`;
  const statusText = ACCOUNT_STATUS_LABELS[account.status];
  // "ok · 2 critical alerts firing" would contradict itself: a healthy API with firing alerts shows the alerts.
  const text = alertText === null ? statusText : account.status === 'ok' ? alertText : `${statusText} · ${alertText}`;
  return { tone, text, firing: count };
}

/** Accounts worst first: failing or with critical alerts, then warnings, then waiting, then healthy; by label within each. */
export function sortAccountsByAttention<T extends Pick<AccountSummary, 'id' | 'label' | 'status' | 'stale'>>(
  accounts: readonly T[],
  alerts: readonly ActiveAlertView[],
): T[] {
  const worst = worstFiringByAccount(alerts);
  const rank = (account: T): number => {
    const badge = accountBadge(account, worst.get(account.id));
    // A stale account is behind a healthy one even when its badge is amber for another reason.
    return TONE_RANK[badge.tone] * 2 + (account.stale ? 0 : 1);
  };
  return [...accounts].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}

/** "4 of 6 accounts failing", or null when none is. */
export function failingCountText(accounts: readonly Pick<AccountSummary, 'status'>[]): string | null {
  const failing = accounts.filter(isFailing).length;
  if (failing === 0) return null;
  return `${failing} of ${accounts.length} account${accounts.length === 1 ? '' : 's'} failing`;
}

/** One line of the "Needs attention" list. */
export type AttentionItem =
  | { kind: 'alert'; key: string; severity: Severity; alert: ActiveAlertView }
  | { kind: 'failing'; key: string; severity: Severity; account: AccountSummary }
  | { kind: 'stale'; key: string; severity: Severity; account: AccountSummary };

const KIND_ORDER: Record<AttentionItem['kind'], number> = { failing: 0, alert: 1, stale: 2 };

/**
 * What needs the user: firing alerts (not snoozed), failing accounts, and accounts whose figures are stale for
 * another reason. Critical first; within a severity, failing accounts before alerts before stale data.
 */
export function attentionItems(accounts: readonly AccountSummary[], alerts: readonly ActiveAlertView[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const account of accounts) {
    if (isFailing(account)) {
      const severity: Severity = ACCOUNT_STATUS_TONES[account.status] === 'problem' ? 'critical' : 'warning';
      items.push({ kind: 'failing', key: `failing:${account.id}`, severity, account });
    } else if (account.stale) {
      items.push({ kind: 'stale', key: `stale:${account.id}`, severity: 'warning', account });
    }
  }
  for (const alert of sortActiveAlerts(firingAlerts(alerts))) items.push({ kind: 'alert', key: `alert:${alert.key}`, severity: alert.severity, alert });
  return items.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}
