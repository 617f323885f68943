import type { Worker } from '../../../shared/model';
import { formatAge } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import type { WorkerMemory } from '../worker-memory';
import { emptyResult, type RuleContext } from './rule-context';

function silence(worker: Worker, atMs: number): string {
  if (worker.lastShareAt === null) return '';
  const at = Date.parse(worker.lastShareAt);
  return Number.isFinite(at) ? ` (last share ${formatAge(atMs - at)} ago)` : '';
}

/**
 * worker-offline (offline or dead) and worker-dead (dead only: an escalation). Only workers seen online
 * since the core started count: a restart must not alert on rigs that were already gone.
 */
/** `slots[i]` is workers[i]'s place in `memory` (WorkerMemory.slotsOf). */
export function workerStateRules(context: RuleContext, memory: WorkerMemory, slots: Int32Array): RuleResult[] {
  const { observation, verdict, settings } = context;
  const offline = emptyResult('worker-offline', verdict.open);
  const dead = emptyResult('worker-dead', verdict.open);
  if (!verdict.open || observation.workers === null) return [offline, dead];

  const workers = observation.workers;
  const tracked = context.tracksRule('worker-offline') || context.tracksRule('worker-dead');
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    if (worker.state === 'online') continue;
    // Keys are built only where they can matter: 100,000 workers are 200,000 keys a poll otherwise.
    const seenOnline = worker.state !== 'unknown' && memory.slotSeenOnline(slots[index]!);
    if (!seenOnline && !tracked) continue;
    const scope = context.scope(worker.group, worker.name);
    const offlineKey = alertKey('worker-offline', scope);
    const deadKey = alertKey('worker-dead', scope);
    if (worker.state === 'unknown') {
      offline.unknown.push(offlineKey);
      dead.unknown.push(deadKey);
      continue;
    }
    if (!seenOnline && !context.isTracked(offlineKey) && !context.isTracked(deadKey)) continue;
    const subject = `${worker.name} (${worker.group})`;
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
