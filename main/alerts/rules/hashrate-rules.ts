import { formatHashrate, unitSystemFor } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { currentHashrate } from '../observation';
import type { WorkerMemory } from '../worker-memory';
import { emptyResult, type RuleContext, type SettingsProbe } from './rule-context';

/**
 * worker-not-producing (online but near zero) and hashrate-drop (below a floor or below N% of the
 * worker's own trailing 24 h average). Only online workers are judged: offline ones freeze, since their
 * zero hashrate belongs to worker-offline.
 */
/** `slots[i]` is workers[i]'s place in `memory` (WorkerMemory.slotsOf). */
export function hashrateRules(context: RuleContext, memory: WorkerMemory, slots: Int32Array): RuleResult[] {
  const { observation, verdict, settings } = context;
  const notProducing = emptyResult('worker-not-producing', verdict.open);
  const drop = emptyResult('hashrate-drop', verdict.open);
  if (!verdict.open || observation.workers === null) return [notProducing, drop];
  const units = unitSystemFor(observation.account.pool);
  const format = (hps: number | null): string => formatHashrate(hps, units);

  const workers = observation.workers;
  const tracked = context.tracksRule('worker-not-producing') || context.tracksRule('hashrate-drop');
  const probe: SettingsProbe = { accountId: observation.account.id, group: null, worker: null };
  const skip = context.otherKeyGroups;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    if (skip.size > 0 && skip.has(worker.group)) continue; // another key of the pool account judges it
    const current = currentHashrate(worker);
    if (worker.state !== 'online' || current === null) {
      if (!tracked) continue; // nothing to keep as it is
      const scope = context.scope(worker.group, worker.name);
      notProducing.unknown.push(alertKey('worker-not-producing', scope));
      drop.unknown.push(alertKey('hashrate-drop', scope));
      continue;
    }
    // Our own trailing average first; the pool's 24 h figure until we have an hour of history.
    const own = memory.slotAverage(slots[index]!, observation.atMs);
    const reference = own ?? (worker.hashrate.h24h !== null && worker.hashrate.h24h > 0 ? worker.hashrate.h24h : null);
    probe.group = worker.group;
    probe.worker = worker.name;

    const np = settings.settingsFor(probe, 'worker-not-producing');
    const nearZero = Math.max(np.notProducingHps, reference === null ? 0 : (reference * np.notProducingPercent) / 100);
    const isNotProducing = np.enabled && current <= nearZero;
    const dr = settings.settingsFor(probe, 'hashrate-drop');
    const belowFloor = dr.enabled && dr.hashrateFloorHps !== null && current < dr.hashrateFloorHps;
    const belowShare = dr.enabled && reference !== null && current < (reference * dr.hashrateDropPercent) / 100;
    if (!isNotProducing && !belowFloor && !belowShare) continue; // the usual case: no scope, key or message built
    const scope = context.scope(worker.group, worker.name);
    const subject = `${worker.name} (${worker.group})`;
    if (isNotProducing) {
      const message = `${subject} is reported online but hashes at ${format(current)}.`;
      notProducing.active.push({ key: alertKey('worker-not-producing', scope), ruleId: 'worker-not-producing', scope, ref: null, message, severity: RULE_CATALOG['worker-not-producing'].severity });
    }
    if (belowFloor || belowShare) {
      const why = belowShare
        ? `${Math.round((current / (reference ?? 1)) * 100)}% of its 24 h average ${format(reference)}`
        : `below the floor of ${format(dr.hashrateFloorHps)}`;
      const message = `${subject} hashes at ${format(current)}, ${why}.`;
      drop.active.push({ key: alertKey('hashrate-drop', scope), ruleId: 'hashrate-drop', scope, ref: null, message, severity: RULE_CATALOG['hashrate-drop'].severity });
    }
  }
  return [notProducing, drop];
}
