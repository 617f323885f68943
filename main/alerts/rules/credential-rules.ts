import { DAY_MS } from '../../base/time';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { emptyResult, type RuleContext } from './rule-context';


/** What the key could read at its best: limitations seen on every successful poll so far. null = none yet. */
export interface PermissionMemory {
  baseline: ReadonlySet<string> | null;
}

export function newPermissionMemory(): PermissionMemory {
  return { baseline: null };
}

/** key-rejected: the pool answers 401. */
export function keyRejectedRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const { status } = observation.account;
  // An unreachable pool says nothing about the key either way: the alert freezes.
  const judged = verdict.judgeSource && (observation.workers !== null || status === 'auth_error' || status === 'permission_limited');
  const result = emptyResult('key-rejected', judged);
  if (!judged || status !== 'auth_error') return result;
  const scope = context.scope(null, null);
  if (!settings.settingsFor(scope, 'key-rejected').enabled) return result;
  const message = observation.account.message ?? 'The pool rejected the API key.';
  result.active.push({ key: alertKey('key-rejected', scope), ruleId: 'key-rejected', scope, ref: null, message, severity: RULE_CATALOG['key-rejected'].severity });
  return result;
}

/**
 * permission-lost: the key reads less than it did before: a 403 on the whole poll after a successful one, or
 * limitations that an earlier successful poll did not have. A key limited from the start never alerts.
 */
export function permissionLostRule(context: RuleContext, memory: PermissionMemory): { result: RuleResult; memory: PermissionMemory } {
  const { observation, verdict, settings } = context;
  const { account } = observation;
  const judged = verdict.judgeSource && (observation.workers !== null || account.status === 'permission_limited');
  const result = emptyResult('permission-lost', judged);
  if (!judged) return { result, memory };
  const current = new Set(account.limitations);
  let lost: string[] = [];
  let next = memory;
  if (observation.workers === null) {
    if (account.status === 'permission_limited' && memory.baseline !== null) lost = [account.message ?? 'The pool refused access (403).'];
  } else {
    lost = memory.baseline === null ? [] : [...current].filter((limitation) => !memory.baseline?.has(limitation));
    // The baseline only shrinks: a limitation that appears later is a loss, not the new normal.
    const baseline = memory.baseline === null ? current : new Set([...memory.baseline].filter((limitation) => current.has(limitation)));
    next = { baseline };
  }
  const scope = context.scope(null, null);
  if (lost.length > 0 && settings.settingsFor(scope, 'permission-lost').enabled) {
    const message = `The key can no longer read everything it could: ${lost.join(' ')}`;
    result.active.push({ key: alertKey('permission-lost', scope), ruleId: 'permission-lost', scope, ref: null, message, severity: RULE_CATALOG['permission-lost'].severity });
  }
  return { result, memory: next };
}

/** key-expiry: the pool says when the key expires, and that is less than keyExpiryWarnDays away. */
export function keyExpiryRule(context: RuleContext): RuleResult {
  const { observation, verdict, settings } = context;
  const expiresAt = observation.keyExpiresAtMs;
  const judged = verdict.judgeSource && expiresAt !== undefined;
  const result = emptyResult('key-expiry', judged);
  if (!judged || expiresAt === null || expiresAt === undefined) return result;
  const scope = context.scope(null, null);
  const s = settings.settingsFor(scope, 'key-expiry');
  const leftMs = expiresAt - observation.atMs;
  if (!s.enabled || leftMs > s.keyExpiryWarnDays * DAY_MS) return result;
  const date = new Date(expiresAt).toISOString().slice(0, 10);
  const message =
    leftMs <= 0 ? `The API key expired on ${date}.` : `The API key expires in ${Math.max(1, Math.round(leftMs / DAY_MS))} day(s), on ${date}.`;
  result.active.push({
    key: alertKey('key-expiry', scope),
    ruleId: 'key-expiry',
    scope,
    ref: null,
    message,
    severity: leftMs <= DAY_MS ? 'critical' : RULE_CATALOG['key-expiry'].severity,
  });
  return result;
}
