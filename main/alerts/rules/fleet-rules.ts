import { countWorkers, type Worker, type WorkerCounts } from '../../../shared/model';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type AlertScope, type RuleResult, type Severity } from '../alert-types';
import type { JudgedPoll } from '../observation';
import type { WorkerMemory } from '../worker-memory';
import { counted, firstNames, NAMES_LISTED, poolNouns, utcClock } from './alert-wording';
import { isLongDead, longDeadCutoff } from './retired-workers';
import { emptyResult, type RuleContext } from './rule-context';

/** At or above this share of newly stopped workers the fleet alert is critical; below, a warning. */
export const FLEET_CRITICAL_PERCENT = 50;

/** Per group (or the account): workers online, and the indexes of workers that stopped since this run saw them online. */
interface Tally {
  online: number;
  stopped: number[];
  /** Without a worker list: how many the pool counts offline (recently stopped; its dead ones are old news). */
  unnamed?: number;
}

/** A pool that gives counts but no worker list: its OFFLINE count is the news, DEAD is not. */
function tallyCounts(observation: JudgedPoll): { account: Tally; groups: Map<string, Tally> } {
  const { workers } = observation.account;
  const groups = new Map<string, Tally>();
  for (const group of observation.account.groups) groups.set(group.name, { online: group.workers.online, stopped: [], unnamed: group.workers.offline });
  return { account: { online: workers.online, stopped: [], unnamed: workers.offline }, groups };
}

function stoppedCount(tally: Tally): number {
  return tally.unnamed ?? tally.stopped.length;
}

function tallyOf(map: Map<string, Tally>, group: string): Tally {
  let tally = map.get(group);
  if (!tally) {
    tally = { online: 0, stopped: [] };
    map.set(group, tally);
  }
  return tally;
}

/**
 * Only news counts: a worker stopped since this run saw it online. Workers already offline or dead when first seen,
 * long dead ones, `unknown` ones and groups another key of the same pool account watches are left out of both sides
 * of the share. One pass, one Map lookup per change of group (lists come grouped), nothing built for healthy workers.
 */
function tallyWorkers(
  context: RuleContext,
  memory: WorkerMemory,
  slots: Int32Array,
  workers: readonly Worker[],
  retired: number[],
): { account: Tally; groups: Map<string, Tally> } {
  const account: Tally = { online: 0, stopped: [] };
  const groups = new Map<string, Tally>();
  const skip = context.otherKeyGroups;
  const probe = context.scope(null, null);
  const cutoff = longDeadCutoff(context.observation.atMs, context.settings.settingsFor(probe, 'fleet-offline').longDeadHours);
  let lastGroup: string | null = null;
  let tally: Tally = account;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    if (worker.state === 'unknown') continue;
    if (worker.group !== lastGroup) {
      lastGroup = worker.group;
      tally = tallyOf(groups, worker.group);
    }
    if (skip.size > 0 && skip.has(worker.group)) continue;
    if (worker.state === 'online') {
      tally.online += 1;
      account.online += 1;
    } else if (isLongDead(worker, cutoff)) {
      retired.push(index);
    } else if (memory.slotSeenOnline(slots[index]!)) {
      tally.stopped.push(index);
      account.stopped.push(index);
    }
  }
  return { account, groups };
}

function severityFor(percent: number): Severity {
  return percent >= FLEET_CRITICAL_PERCENT ? 'critical' : 'warning';
}

/** Earliest last share among the stopped workers: since when the fleet has been going quiet. */
function sinceText(workers: readonly Worker[], stopped: readonly number[], atMs: number): string {
  let earliest = atMs;
  for (const index of stopped) {
    const at = Date.parse(workers[index]?.lastShareAt ?? '');
    if (Number.isFinite(at) && at < earliest) earliest = at;
  }
  return utcClock(earliest);
}

function fleetMessage(observation: JudgedPoll, scope: AlertScope, tally: Tally, percent: number): string {
  const workers = observation.workers ?? [];
  const words = poolNouns(observation.account.pool);
  const names = tally.stopped.slice(0, NAMES_LISTED).map((index) => workers[index]!.name);
  const stopped = stoppedCount(tally);
  const watched = tally.online + stopped;
  const where = scope.group === null ? '' : ` in ${words.group.one} ${scope.group}`;
  const head = `${counted(stopped, words.worker)} of ${watched.toLocaleString('en-US')} (${Math.round(percent)}%) stopped${where} of ${observation.account.label} (${words.poolName})`;
  if (names.length === 0) return `${head}; the pool lists no names.`;
  return `${head} since ${sinceText(workers, tally.stopped, observation.atMs)}: ${firstNames(names, stopped)}.`;
}

/**
 * fleet-offline: at least fleetOfflinePercent of the watched workers AND at least fleetMinWorkers of them stopped
 * since this run saw them online. One alert per cause: the account's, or where the account as a whole is fine,
 * each group that is not (a group with fewer workers than the minimum never raises it alone).
 * Severity follows the share: warning below 50 %, critical from 50 %.
 */
/** `retired` receives the indexes of the long-dead workers this poll lists (judged polls with a worker list only). */
export function fleetRule(context: RuleContext, memory: WorkerMemory, slots: Int32Array, retired: number[] = []): RuleResult {
  const { observation, verdict, settings } = context;
  const fleet = emptyResult('fleet-offline', verdict.open);
  if (!verdict.open || observation.workers === null) return fleet;
  const { account, groups } = observation.workers.length > 0 ? tallyWorkers(context, memory, slots, observation.workers, retired) : tallyCounts(observation);

  const judge = (group: string | null, tally: Tally): boolean => {
    const scope = context.scope(group, null);
    const s = settings.settingsFor(scope, 'fleet-offline');
    const stopped = stoppedCount(tally);
    const watched = tally.online + stopped;
    if (!s.enabled || stopped < s.fleetMinWorkers || watched === 0) return false;
    const percent = (stopped * 100) / watched;
    if (percent < s.fleetOfflinePercent) return false;
    const message = fleetMessage(observation, scope, tally, percent);
    fleet.active.push({ key: alertKey('fleet-offline', scope), ruleId: 'fleet-offline', scope, ref: null, message, severity: severityFor(percent) });
    return true;
  };
  // The account's alert covers its groups; a group speaks alone only where the account as a whole is fine.
  if (judge(null, account) || groups.size < 2) return fleet;
  for (const [group, tally] of groups) judge(group, tally);
  return fleet;
}

/** Worker counts per group: from the worker list where the pool gives one, else from the pool's group totals. */
function groupCounts(observation: JudgedPoll, workers: readonly Worker[]): Map<string, WorkerCounts> {
  const counts = new Map<string, WorkerCounts>();
  if (workers.length === 0) {
    for (const group of observation.account.groups) counts.set(group.name, group.workers);
    return counts;
  }
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
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

function where(scope: AlertScope): string {
  return scope.group === null ? scope.accountLabel : `group ${scope.group} of ${scope.accountLabel}`;
}

/** expected-workers: fewer workers online than the user expects for the account or a group. */
export function expectedWorkersRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const expected = emptyResult('expected-workers', verdict.open);
  if (!verdict.open || observation.workers === null) return expected;
  const targets: Array<[string | null, number]> = [];
  const accountExpected = settings.expectedWorkers(observation.account.id, null);
  if (accountExpected !== null) targets.push([null, accountExpected]);
  for (const group of settings.groupsWithExpectedWorkers(observation.account.id)) {
    targets.push([group, settings.expectedWorkers(observation.account.id, group) ?? 0]);
  }
  if (targets.length === 0) return expected;
  const workers = observation.workers;
  const byGroup = groupCounts(observation, workers);
  for (const [group, want] of targets) {
    const scope = context.scope(group, null);
    if (!settings.settingsFor(scope, 'expected-workers').enabled) continue;
    const counts = group === null ? (workers.length > 0 ? countWorkers(workers) : observation.account.workers) : byGroup.get(group);
    const online = counts?.online ?? 0;
    if (online < want) {
      const message = `${online} of the ${want} expected workers are online in ${where(scope)}.`;
      expected.active.push({ key: alertKey('expected-workers', scope), ruleId: 'expected-workers', scope, ref: null, message, severity: RULE_CATALOG['expected-workers'].severity });
    }
  }
  return expected;
}
