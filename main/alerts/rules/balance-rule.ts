import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { emptyResult, type RuleContext } from './rule-context';

/**
 * balance-threshold: an unpaid balance at or above the user's threshold for its coin. The threshold applies
 * only to balances in the same unit (coins or the pool's base units): the core converts nothing it cannot know.
 */
export function balanceRule(context: RuleContext): RuleResult {
  const { observation, settings } = context;
  const judged = observation.workers !== null && context.verdict.judgeSource;
  const result = emptyResult('balance-threshold', judged);
  if (!judged) return result;
  for (const balance of observation.account.balances) {
    const scope = context.scope(balance.group, null);
    const coin = balance.coin.toUpperCase();
    const s = settings.settingsFor(scope, 'balance-threshold');
    const threshold = s.balanceThresholds[coin];
    if (!s.enabled || !threshold || threshold.unit !== balance.unit || balance.unpaid < threshold.amount) continue;
    const unit = balance.unit === 'coin' ? coin : `${coin} base units`;
    const where = balance.group ? ` in ${balance.group}` : '';
    result.active.push({
      key: alertKey('balance-threshold', scope, coin),
      ruleId: 'balance-threshold',
      scope,
      ref: coin,
      message: `Unpaid ${unit}${where} is ${balance.unpaid}, at or above ${threshold.amount}.`,
      severity: RULE_CATALOG['balance-threshold'].severity,
    });
  }
  return result;
}
