import type { AlertHistoryEntry } from '../../shared/contract';

export const ALERTS_SCHEMA_VERSION = 1;

/**
 * The alert history document printed by `poolwatch alerts --json` and served at GET /api/alerts, newest first.
 * Public shape (README, "Alerts JSON"): add fields, never rename or remove them without a new schemaVersion.
 */
export function buildAlertsJson(entries: readonly AlertHistoryEntry[]) {
  return {
    schemaVersion: ALERTS_SCHEMA_VERSION,
    alerts: entries.map((entry) => ({
      at: entry.at,
      kind: entry.kind,
      rule: entry.ruleId,
      scope: {
        accountId: entry.scope.accountId,
        account: entry.scope.accountLabel,
        group: entry.scope.group,
        worker: entry.scope.worker,
      },
      from: entry.from,
      to: entry.to,
      message: entry.message,
      severity: entry.severity,
    })),
  };
}
