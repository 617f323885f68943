import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { emptyResult, type RuleContext } from './rule-context';

/** reject-rate: an online worker's rejected share above the threshold, where the pool reports it. */
export function rejectRateRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const result = emptyResult('reject-rate', verdict.open);
  if (!verdict.open || observation.workers === null) return result;
  for (const worker of observation.workers) {
    const scope = context.scope(worker.group, worker.name);
    const key = alertKey('reject-rate', scope);
    // Offline workers keep their last figure frozen: it is neither confirmed nor cleared.
    if (worker.rejectRate === null || worker.state !== 'online') {
      result.unknown.push(key);
      continue;
    }
    const s = settings.settingsFor(scope, 'reject-rate');
    const percent = worker.rejectRate * 100;
    if (s.enabled && percent > s.rejectRatePercent) {
      const message = `${worker.name} (${worker.group}) rejects ${percent.toFixed(1)}% of its shares (threshold ${s.rejectRatePercent}%).`;
      result.active.push({ key, ruleId: 'reject-rate', scope, ref: null, message, severity: RULE_CATALOG['reject-rate'].severity });
    }
  }
  return result;
}
