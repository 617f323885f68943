import type { AlertScope, ConditionRuleId, RuleId, Severity } from '../../shared/model/alerts';

export * from '../../shared/model/alerts';

/** A rule's verdict on one thing: true = the condition holds now. */
export interface Condition {
  key: string;
  ruleId: ConditionRuleId;
  scope: AlertScope;
  ref: string | null;
  message: string;
  severity: Severity;
}

/**
 * One rule's output for one observation. judged=false freezes every alert of the rule for the account
 * (nothing known). When judged, keys in `active` hold, keys in `unknown` freeze, every other alert is false.
 */
export interface RuleResult {
  ruleId: ConditionRuleId;
  judged: boolean;
  active: Condition[];
  unknown: string[];
}

const SEP = '\u0000';
const NONE = '\u0001';

/**
 * A stable key from rule and scope (plus ref). NUL separates the parts as in the model's workerKey (names
 * never contain it) and SOH stands for null; plain concatenation because it runs for every worker on every poll.
 */
export function alertKey(ruleId: RuleId, scope: Pick<AlertScope, 'accountId' | 'group' | 'worker'>, ref: string | null = null): string {
  const key = ruleId + SEP + scope.accountId + SEP + (scope.group ?? NONE) + SEP + (scope.worker ?? NONE);
  return ref === null ? key : key + SEP + ref;
}

/** The account id inside an alert key. */
export function accountOfKey(key: string): string {
  return key.split(SEP)[1] ?? '';
}

/** The rule, account and group inside an alert key (group null for an account-wide alert). */
export function partsOfKey(key: string): { ruleId: string; accountId: string; group: string | null } {
  const [ruleId = '', accountId = '', group = NONE] = key.split(SEP);
  return { ruleId, accountId, group: group === NONE ? null : group };
}

/** "rig-01 (main)", "group main", or "" for the account itself. */
export function scopeSubject(scope: Pick<AlertScope, 'group' | 'worker'>): string {
  if (scope.worker !== null) return scope.group ? `${scope.worker} (${scope.group})` : scope.worker;
  if (scope.group !== null) return `group ${scope.group}`;
  return '';
}

/** "rig-01 (main) in batchtest", "group main in batchtest", "batchtest". */
export function describeScope(scope: AlertScope): string {
  const subject = scopeSubject(scope);
  return subject ? `${subject} in ${scope.accountLabel}` : scope.accountLabel;
}
