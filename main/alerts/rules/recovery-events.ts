import { formatHashrate } from '../../../shared/units';
import type { AccountSummary } from '../../../shared/model';
import { RULE_CATALOG } from '../rule-catalog';
import type { SettingsResolver } from '../alert-settings';
import { alertKey, type AlertEvent, type AlertTransition, type ConditionRuleId } from '../alert-types';

/** Account and group rules whose end is worth telling as news: the "recovered" counterpart of worker-back-online. */
const RECOVERING_RULES: ReadonlySet<ConditionRuleId> = new Set(['total-hashrate-low', 'expected-workers']);

function whereOf(group: string | null, account: AccountSummary): string {
  return group === null ? account.label : `group ${group} of ${account.label}`;
}

/** What the account or group has now, in the words of the rule that resolved. */
function nowText(ruleId: ConditionRuleId, group: string | null, account: AccountSummary): string {
  const source = group === null ? account : account.groups.find((g) => g.name === group);
  if (!source) return '';
  if (ruleId === 'expected-workers') return ` ${source.workers.online} workers are online.`;
  const hps = source.hashrate.h10m ?? source.hashrate.h1h;
  return hps === null ? '' : ` Total hashrate is ${formatHashrate(hps)}.`;
}

/**
 * fleet-recovered: an account or group whose low-hashrate or expected-workers alert fired and has now resolved by
 * itself (not by a rule switched off or an account removed). One event per resolved alert.
 */
export function recoveryEvents(transitions: readonly AlertTransition[], account: AccountSummary, settings: SettingsResolver): AlertEvent[] {
  const events: AlertEvent[] = [];
  for (const step of transitions) {
    if (step.to !== 'resolved' || step.cause !== 'condition' || !RECOVERING_RULES.has(step.ruleId)) continue;
    if (!settings.settingsFor(step.scope, 'fleet-recovered').enabled) continue;
    const label = RULE_CATALOG[step.ruleId].label.toLowerCase();
    events.push({
      key: alertKey('fleet-recovered', step.scope, step.ruleId),
      atMs: step.atMs,
      ruleId: 'fleet-recovered',
      scope: step.scope,
      ref: step.ruleId,
      message: `${whereOf(step.scope.group, account)} recovered (${label}).${nowText(step.ruleId, step.scope.group, account)}`,
      severity: RULE_CATALOG['fleet-recovered'].severity,
      urgent: settings.isUrgent('fleet-recovered'),
    });
  }
  return events;
}
