import { formatAge } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import type { SettingsResolver } from '../alert-settings';
import { MACHINE_SCOPE } from '../observation';
import { emptyResult, type RuleContext } from './rule-context';

/**
 * source-failing: polls have failed for longer than sourceFailingMinutes. A rejected key (401) or a refused
 * one (403) has its own alert, so it does not count here: one data-source alert per account, not two.
 */
export function sourceFailingRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const result = emptyResult('source-failing', verdict.judgeSource);
  const { status } = observation.account;
  if (!verdict.judgeSource || !verdict.failed || verdict.failingForMs === null) return result;
  if (status === 'auth_error' || status === 'permission_limited' || context.poolDown) return result;
  const scope = context.scope(null, null);
  const s = settings.settingsFor(scope, 'source-failing');
  if (!s.enabled || verdict.failingForMs < s.sourceFailingMinutes * 60_000) return result;
  const why = observation.account.message ?? 'The pool API does not answer.';
  const message = `${observation.account.label} has failed to poll for ${formatAge(verdict.failingForMs)}: ${why}`;
  result.active.push({ key: alertKey('source-failing', scope), ruleId: 'source-failing', scope, ref: null, message, severity: RULE_CATALOG['source-failing'].severity });
  return result;
}

/**
 * machine-offline: this machine has had no network (every account fails at the network level, and the OS has no
 * route or the accounts span two or more pools: HostConnectivity) for longer than sourceFailingMinutes. Judged on every observation of any account; while it holds, the
 * gate keeps every account's own data-source rules quiet.
 */
export function machineOfflineRule(atMs: number, offlineSinceMs: number | null, settings: SettingsResolver): RuleResult {
  const result = emptyResult('machine-offline', true);
  if (offlineSinceMs === null) return result;
  const s = settings.settingsFor(MACHINE_SCOPE, 'machine-offline');
  const forMs = atMs - offlineSinceMs;
  if (!s.enabled || forMs < s.sourceFailingMinutes * 60_000) return result;
  const message = `This machine has had no network for ${formatAge(forMs)}: no account of any pool gets an answer at all. Pool alerts wait until it is back; check the cable, Wi-Fi, router or DNS.`;
  result.active.push({ key: alertKey('machine-offline', MACHINE_SCOPE), ruleId: 'machine-offline', scope: MACHINE_SCOPE, ref: null, message, severity: RULE_CATALOG['machine-offline'].severity });
  return result;
}

/** data-stale: polls succeed, but the newest share among online workers is older than staleMinutes. */
export function dataStaleRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const judged = verdict.judgeSource && !verdict.failed;
  const result = emptyResult('data-stale', judged);
  if (!judged || verdict.reason !== 'stale' || verdict.staleForMs === null) return result;
  const scope = context.scope(null, null);
  if (!settings.settingsFor(scope, 'data-stale').enabled) return result;
  const message = `${observation.account.label} answers, but its newest share is ${formatAge(verdict.staleForMs)} old while workers are reported online: the pool's data looks stuck.`;
  result.active.push({ key: alertKey('data-stale', scope), ruleId: 'data-stale', scope, ref: null, message, severity: RULE_CATALOG['data-stale'].severity });
  return result;
}
