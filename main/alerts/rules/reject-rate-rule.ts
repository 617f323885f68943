import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { emptyResult, type RuleContext, type SettingsProbe } from './rule-context';

/** reject-rate: an online worker's rejected share above the threshold, where the pool reports it. */
export function rejectRateRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const result = emptyResult('reject-rate', verdict.open);
  if (!verdict.open || observation.workers === null) return result;
  const tracked = context.tracksRule('reject-rate');
  const probe: SettingsProbe = { accountId: observation.account.id, group: null, worker: null };
  const skip = context.otherKeyGroups;
  const workers = observation.workers;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    if (skip.size > 0 && skip.has(worker.group)) continue; // another key of the pool account judges it
    // Offline workers keep their last figure frozen: it is neither confirmed nor cleared.
    if (worker.rejectRate === null || worker.state !== 'online') {
      if (tracked) result.unknown.push(alertKey('reject-rate', context.scope(worker.group, worker.name)));
      continue;
    }
    probe.group = worker.group;
    probe.worker = worker.name;
    const s = settings.settingsFor(probe, 'reject-rate');
    const percent = worker.rejectRate * 100;
    if (s.enabled && percent > s.rejectRatePercent) {
      const scope = context.scope(worker.group, worker.name);
      const message = `${worker.name} (${worker.group}) rejects ${percent.toFixed(1)}% of its shares (threshold ${s.rejectRatePercent}%).`;
      result.active.push({ key: alertKey('reject-rate', scope), ruleId: 'reject-rate', scope, ref: null, message, severity: RULE_CATALOG['reject-rate'].severity });
    }
  }
  return result;
}
