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
] as const;
export type ConditionRuleId = (typeof CONDITION_RULE_IDS)[number];

/** Rules that report something that happened once: no state, no resolution. */
export const EVENT_RULE_IDS = ['worker-back-online', 'payout-new', 'payout-confirmed', 'payout-failed'] as const;
export type EventRuleId = (typeof EVENT_RULE_IDS)[number];

export const RULE_IDS = [...CONDITION_RULE_IDS, ...EVENT_RULE_IDS] as const;
export type RuleId = ConditionRuleId | EventRuleId;

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
