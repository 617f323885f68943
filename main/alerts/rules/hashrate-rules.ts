import { workerKey } from '../../../shared/model';
import { formatHashrate, unitSystemFor } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { currentHashrate } from '../observation';
import type { WorkerMemory } from '../worker-memory';
import { emptyResult, type RuleContext } from './rule-context';

/**
 * worker-not-producing (online but near zero) and hashrate-drop (below a floor or below N% of the
 * worker's own trailing 24 h average). Only online workers are judged: offline ones freeze, since their
 * zero hashrate belongs to worker-offline.
 */
export function hashrateRules(context: RuleContext, memory: WorkerMemory): RuleResult[] {
  const { observation, verdict, settings } = context;
  const notProducing = emptyResult('worker-not-producing', verdict.open);
  const drop = emptyResult('hashrate-drop', verdict.open);
  if (!verdict.open || observation.workers === null) return [notProducing, drop];
  const units = unitSystemFor(observation.account.pool);
  const format = (hps: number | null): string => formatHashrate(hps, units);

  for (const worker of observation.workers) {
    const scope = context.scope(worker.group, worker.name);
    const npKey = alertKey('worker-not-producing', scope);
    const dropKey = alertKey('hashrate-drop', scope);
    const current = currentHashrate(worker);
    if (worker.state !== 'online' || current === null) {
      notProducing.unknown.push(npKey);
      drop.unknown.push(dropKey);
      continue;
    }
    // Our own trailing average first; the pool's 24 h figure until we have an hour of history.
    const own = memory.average(workerKey(worker), observation.atMs);
    const reference = own ?? (worker.hashrate.h24h !== null && worker.hashrate.h24h > 0 ? worker.hashrate.h24h : null);
    const subject = `${worker.name} (${worker.group})`;

    const np = settings.settingsFor(scope, 'worker-not-producing');
    const nearZero = Math.max(np.notProducingHps, reference === null ? 0 : (reference * np.notProducingPercent) / 100);
    if (np.enabled && current <= nearZero) {
      const message = `${subject} is reported online but hashes at ${format(current)}.`;
      notProducing.active.push({ key: npKey, ruleId: 'worker-not-producing', scope, ref: null, message, severity: RULE_CATALOG['worker-not-producing'].severity });
    }

    const dr = settings.settingsFor(scope, 'hashrate-drop');
    if (!dr.enabled) continue;
    const belowFloor = dr.hashrateFloorHps !== null && current < dr.hashrateFloorHps;
    const belowShare = reference !== null && current < (reference * dr.hashrateDropPercent) / 100;
    if (belowFloor || belowShare) {
      const why = belowShare
        ? `${Math.round((current / (reference ?? 1)) * 100)}% of its 24 h average ${format(reference)}`
        : `below the floor of ${format(dr.hashrateFloorHps)}`;
      const message = `${subject} hashes at ${format(current)}, ${why}.`;
      drop.active.push({ key: dropKey, ruleId: 'hashrate-drop', scope, ref: null, message, severity: RULE_CATALOG['hashrate-drop'].severity });
    }
  }
  return [notProducing, drop];
}
