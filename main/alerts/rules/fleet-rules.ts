import { countWorkers, type Worker, type WorkerCounts } from '../../../shared/model';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type AlertScope, type RuleResult } from '../alert-types';
import type { JudgedPoll } from '../observation';
import { emptyResult, type RuleContext } from './rule-context';

/** Worker counts per group: from the worker list where the pool gives one, else from the pool's group totals. */
function groupCounts(observation: JudgedPoll, workers: readonly Worker[]): Map<string, WorkerCounts> {
  const counts = new Map<string, WorkerCounts>();
  if (workers.length === 0) {
    for (const group of observation.account.groups) counts.set(group.name, group.workers);
    return counts;
  }
  for (const worker of workers) {
    let group = counts.get(worker.group);
    if (!group) {
      group = { online: 0, offline: 0, dead: 0, unknown: 0, total: 0 };
      counts.set(worker.group, group);
    }
    group[worker.state] += 1;
    group.total += 1;
  }
  return counts;
}

function accountCounts(observation: JudgedPoll, workers: readonly Worker[]): WorkerCounts {
  return workers.length > 0 ? countWorkers(workers) : observation.account.workers;
}

function where(scope: AlertScope): string {
  return scope.group === null ? scope.accountLabel : `group ${scope.group} of ${scope.accountLabel}`;
}

/**
 * fleet-offline (more than N% of an account's or group's workers offline or dead: one alert for all of them)
 * and expected-workers (fewer workers online than the user expects).
 */
export function fleetRules(context: RuleContext): RuleResult[] {
  const { observation, verdict, settings } = context;
  const fleet = emptyResult('fleet-offline', verdict.open);
  const expected = emptyResult('expected-workers', verdict.open);
  if (!verdict.open || observation.workers === null) return [fleet, expected];

  const byGroup = groupCounts(observation, observation.workers);
  // With one group the account alert says it all; a second alert for the same workers would be noise.
  const judged: Array<[string | null, WorkerCounts]> = [[null, accountCounts(observation, observation.workers)]];
  if (byGroup.size > 1) judged.push(...byGroup);

  for (const [group, counts] of judged) {
    const scope = context.scope(group, null);
    const s = settings.settingsFor(scope, 'fleet-offline');
    const known = counts.total - counts.unknown;
    const silent = counts.offline + counts.dead;
    if (!s.enabled || known < s.fleetMinWorkers) continue;
    const percent = (silent * 100) / known;
    if (percent > s.fleetOfflinePercent) {
      const message = `${silent} of ${known} workers (${Math.round(percent)}%) are offline in ${where(scope)}.`;
      fleet.active.push({ key: alertKey('fleet-offline', scope), ruleId: 'fleet-offline', scope, ref: null, message, severity: RULE_CATALOG['fleet-offline'].severity });
    }
  }

  const targets: Array<[string | null, number]> = [];
  const accountExpected = settings.expectedWorkers(observation.account.id, null);
  if (accountExpected !== null) targets.push([null, accountExpected]);
  for (const group of settings.groupsWithExpectedWorkers(observation.account.id)) {
    targets.push([group, settings.expectedWorkers(observation.account.id, group) ?? 0]);
  }
  for (const [group, want] of targets) {
    const scope = context.scope(group, null);
    if (!settings.settingsFor(scope, 'expected-workers').enabled) continue;
    const counts = group === null ? accountCounts(observation, observation.workers) : byGroup.get(group);
    const online = counts?.online ?? 0;
    if (online < want) {
      const message = `${online} of the ${want} expected workers are online in ${where(scope)}.`;
      expected.active.push({ key: alertKey('expected-workers', scope), ruleId: 'expected-workers', scope, ref: null, message, severity: RULE_CATALOG['expected-workers'].severity });
    }
  }
  return [fleet, expected];
}
