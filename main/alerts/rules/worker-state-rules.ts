import type { Worker } from '../../../shared/model';
import { formatAge } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import type { WorkerMemory } from '../worker-memory';
import { poolNouns, utcClock } from './alert-wording';
import { isLongDead, longDeadCutoff } from './retired-workers';
import { emptyResult, type RuleContext } from './rule-context';

function silence(worker: Worker, atMs: number): string {
  if (worker.lastShareAt === null) return '';
  const at = Date.parse(worker.lastShareAt);
  return Number.isFinite(at) ? ` since ${utcClock(at)} (last share ${formatAge(atMs - at)} ago)` : '';
}

/**
 * worker-offline (offline or dead) and worker-dead (dead only: an escalation). Only workers seen online
 * since the core started count: a restart must not alert on rigs that were already gone. Workers silent longer
 * than longDeadHours are retired, and workers of a group another key watches alert there: neither counts.
 */
/** `slots[i]` is workers[i]'s place in `memory` (WorkerMemory.slotsOf). */
export function workerStateRules(context: RuleContext, memory: WorkerMemory, slots: Int32Array): RuleResult[] {
  const { observation, verdict, settings } = context;
  const offline = emptyResult('worker-offline', verdict.open);
  const dead = emptyResult('worker-dead', verdict.open);
  if (!verdict.open || observation.workers === null) return [offline, dead];

  const workers = observation.workers;
  const tracked = context.tracksRule('worker-offline') || context.tracksRule('worker-dead');
  const skip = context.otherKeyGroups;
  const cutoff = longDeadCutoff(observation.atMs, settings.settingsFor(context.scope(null, null), 'worker-offline').longDeadHours);
  const words = poolNouns(observation.account.pool);
  const where = `${observation.account.label} (${words.poolName})`;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    if (worker.state === 'online') continue;
    // Keys are built only where they can matter: 100,000 workers are 200,000 keys a poll otherwise.
    const seen = worker.state !== 'unknown' && memory.slotSeenOnline(slots[index]!);
    if (!seen && !tracked) continue;
    // Retired (long dead) or watched through another key: an alert of it resolves, none starts.
    const retired = worker.state !== 'unknown' && (isLongDead(worker, cutoff) || (skip.size > 0 && skip.has(worker.group)));
    const seenOnline = seen && !retired;
    if (!seenOnline && !tracked) continue;
    const scope = context.scope(worker.group, worker.name);
    const offlineKey = alertKey('worker-offline', scope);
    const deadKey = alertKey('worker-dead', scope);
    if (worker.state === 'unknown') {
      offline.unknown.push(offlineKey);
      dead.unknown.push(deadKey);
      continue;
    }
    if (!seenOnline && (retired || (!context.isTracked(offlineKey) && !context.isTracked(deadKey)))) continue;
    const subject = `${words.worker.one[0]!.toUpperCase()}${words.worker.one.slice(1)} ${worker.name} (${words.group.one} ${worker.group}) of ${where}`;
    if (settings.settingsFor(scope, 'worker-offline').enabled) {
      const message = `${subject} stopped sending shares${silence(worker, observation.atMs)}.`;
      offline.active.push({ key: offlineKey, ruleId: 'worker-offline', scope, ref: null, message, severity: RULE_CATALOG['worker-offline'].severity });
    }
    if (worker.state === 'dead' && settings.settingsFor(scope, 'worker-dead').enabled) {
      const message = `${subject} has been silent long enough for the pool to call it dead${silence(worker, observation.atMs)}.`;
      dead.active.push({ key: deadKey, ruleId: 'worker-dead', scope, ref: null, message, severity: RULE_CATALOG['worker-dead'].severity });
    }
  }
  return [offline, dead];
}
