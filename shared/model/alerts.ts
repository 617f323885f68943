// The alert vocabulary shared by the engine and the UI: rule ids, severities, states, scopes.
/** Rules that hold a state over time (pending -> firing -> resolving -> resolved). */
export const CONDITION_RULE_IDS = [
  'worker-offline',
  'worker-dead',
  'worker-not-producing',
  'hashrate-drop',
  'fleet-offline',
  'expected-workers',
  'reject-rate',
  'balance-threshold',
  'key-rejected',
  'permission-lost',
  'key-expiry',
  'source-failing',
  'data-stale',
  'machine-offline',
  'total-hashrate-low',
  'payout-overdue',
  'payout-stuck',
  'earnings-stopped',
  'pool-down',
] as const;
export type ConditionRuleId = (typeof CONDITION_RULE_IDS)[number];

/** Rules that report something that happened once: no state, no resolution. */
export const EVENT_RULE_IDS = [
  'worker-back-online',
  'payout-new',
  'payout-confirmed',
  'payout-failed',
  'pool-action',
  'fleet-recovered',
] as const;
export type EventRuleId = (typeof EVENT_RULE_IDS)[number];

/** Events kept in the history only (a change the user made on the pool): never notified, so nothing to switch on or off. */
export const RECORD_ONLY_RULE_IDS: readonly RuleId[] = ['pool-action'];

export const RULE_IDS = [...CONDITION_RULE_IDS, ...EVENT_RULE_IDS] as const;
export type RuleId = ConditionRuleId | EventRuleId;

/** Rules the user can switch, snooze or set numbers for. */
export const SETTABLE_RULE_IDS: readonly RuleId[] = RULE_IDS.filter((rule) => !RECORD_ONLY_RULE_IDS.includes(rule));

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function maxSeverity(severities: Iterable<Severity>): Severity {
  let best: Severity = 'info';
  for (const severity of severities) if (SEVERITY_RANK[severity] > SEVERITY_RANK[best]) best = severity;
  return best;
}

/** What an alert is about. group and worker are null for account-wide (or group-wide) alerts. */
export interface AlertScope {
  accountId: string;
  accountLabel: string;
  group: string | null;
  worker: string | null;
}

export type AlertState = 'pending' | 'firing' | 'resolving' | 'resolved';

// What the engine records of an alert's life (main/alerts writes, main/store keeps); times in ms since the epoch.

/** Why a transition happened: the condition itself, or the alert being closed from outside. */
export type TransitionCause = 'condition' | 'rule-disabled' | 'account-removed';

/** One step of an alert's life; the history stores every one. */
export interface AlertTransition {
  key: string;
  atMs: number;
  ruleId: ConditionRuleId;
  scope: AlertScope;
  /** What inside the scope the alert is about, where the scope is not enough (a coin for balances). */
  ref: string | null;
  from: AlertState;
  to: AlertState;
  message: string;
  severity: Severity;
  urgent: boolean;
  cause: TransitionCause;
}

/** Something that happened once (a payout, a worker back online); stored in history next to transitions. */
export interface AlertEvent {
  key: string;
  atMs: number;
  ruleId: EventRuleId;
  scope: AlertScope;
  /** The payout id for payout events, null otherwise. */
  ref: string | null;
  message: string;
  severity: Severity;
  urgent: boolean;
}
