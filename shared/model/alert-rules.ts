import type { RuleId, Severity } from './alerts';

/** Fixed facts about a rule: how it is named and how its alerts are notified. */
export interface RuleInfo {
  label: string;
  /** Plural phrase for a grouped notification: "12 workers offline in batchtest". */
  many: string;
  severity: Severity;
  /** Whether "resolved" is worth a notification (worker-offline resolves as a back-online event instead). */
  notifyResolved: boolean;
}

export const RULE_CATALOG: Record<RuleId, RuleInfo> = {
  'worker-offline': { label: 'Worker offline', many: 'workers offline', severity: 'warning', notifyResolved: false },
  'worker-dead': { label: 'Worker dead', many: 'workers dead', severity: 'critical', notifyResolved: false },
  'worker-back-online': { label: 'Worker back online', many: 'workers back online', severity: 'info', notifyResolved: false },
  'worker-not-producing': {
    label: 'Worker not producing',
    many: 'workers online but not hashing',
    severity: 'warning',
    notifyResolved: true,
  },
  'hashrate-drop': { label: 'Hashrate drop', many: 'workers with a hashrate drop', severity: 'warning', notifyResolved: true },
  'fleet-offline': { label: 'Many workers offline', many: 'fleets mostly offline', severity: 'critical', notifyResolved: true },
  // Its recovery is notified as a fleet-recovered event, with the count that came back.
  'expected-workers': { label: 'Fewer workers than expected', many: 'worker count alerts', severity: 'warning', notifyResolved: false },
  'reject-rate': { label: 'High reject rate', many: 'workers with a high reject rate', severity: 'warning', notifyResolved: true },
  'payout-new': { label: 'New payout', many: 'new payouts', severity: 'info', notifyResolved: false },
  'payout-confirmed': { label: 'Payout confirmed', many: 'payouts confirmed', severity: 'info', notifyResolved: false },
  'payout-failed': { label: 'Payout failed', many: 'payouts failed', severity: 'critical', notifyResolved: false },
  // The payout that brings the balance down is notified on its own; "below again" would be noise.
  'balance-threshold': { label: 'Balance above threshold', many: 'balances above threshold', severity: 'info', notifyResolved: false },
  'key-rejected': { label: 'API key rejected', many: 'keys rejected', severity: 'critical', notifyResolved: true },
  'permission-lost': { label: 'Permission lost', many: 'keys lost permissions', severity: 'warning', notifyResolved: true },
  'key-expiry': { label: 'API key expiring', many: 'keys expiring', severity: 'warning', notifyResolved: false },
  'source-failing': { label: 'Pool unreachable', many: 'pools unreachable', severity: 'critical', notifyResolved: true },
  'data-stale': { label: 'Pool data stale', many: 'pools with stale data', severity: 'warning', notifyResolved: true },
  // A change the user asked the pool for (SBI: clear inactive workers, switch coin), with the pool's answer.
  'pool-action': { label: 'Pool action', many: 'pool actions', severity: 'info', notifyResolved: false },
  // This computer lost its network: one alert instead of "pool unreachable" for every account.
  'machine-offline': { label: 'Machine offline', many: 'machines offline', severity: 'critical', notifyResolved: true },

  // Account and group rules (per account or group, never per worker); their recovery is the fleet-recovered event.
  'total-hashrate-low': { label: 'Hashrate below floor', many: 'accounts with low hashrate', severity: 'warning', notifyResolved: false },
  'fleet-recovered': { label: 'Account recovered', many: 'accounts recovered', severity: 'info', notifyResolved: false },
  // Payouts that should have happened.
  'payout-overdue': { label: 'Payout overdue', many: 'payouts overdue', severity: 'warning', notifyResolved: true },
  'payout-stuck': { label: 'Payout stuck', many: 'payouts stuck', severity: 'warning', notifyResolved: true },
  'earnings-stopped': { label: 'Earnings stopped', many: 'accounts without new earnings', severity: 'warning', notifyResolved: true },
  // Every account of one pool fails: one alert for the pool instead of "pool unreachable" for each account.
  'pool-down': { label: 'Pool API down', many: 'pool APIs down', severity: 'critical', notifyResolved: true },
};
