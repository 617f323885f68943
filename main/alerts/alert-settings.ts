import {
  BUILT_IN_DEFAULTS,
  BUILT_IN_RULE_DEFAULTS,
  type AlertSettings,
  type RulePatch,
  type RuleSettings,
} from '../../shared/contract/alert-settings';
import type { AlertScope, RuleId } from './alert-types';

export * from '../../shared/contract/alert-settings';

/** Minutes a hold of this many polls meant at the default 60 s interval: the first poll counts at once. */
function pollsAsMinutes(polls: number): number {
  return Math.max(0, polls - 1);
}

function applyPatch(target: RuleSettings, patch: RulePatch | undefined): void {
  if (!patch) return;
  // The old fields in polls are read where a level sets no minutes (see RuleSettingsSchema).
  if (patch.forPolls !== undefined && patch.forMinutes === undefined) target.forMinutes = pollsAsMinutes(patch.forPolls);
  if (patch.recoveryPolls !== undefined && patch.recoveryMinutes === undefined) target.recoveryMinutes = pollsAsMinutes(patch.recoveryPolls);
  const { balanceThresholds, ...rest } = patch;
  for (const [field, value] of Object.entries(rest)) {
    if (value !== undefined) (target as Record<string, unknown>)[field] = value;
  }
  // Thresholds merge per coin, so a worker override for BTC keeps the account's LTC threshold.
  if (balanceThresholds) target.balanceThresholds = { ...target.balanceThresholds, ...balanceThresholds };
}

type ScopeRef = Pick<AlertScope, 'accountId' | 'group' | 'worker'>;

/** The patches that apply to a scope and rule, least specific first. */
function layersFor(settings: AlertSettings, scope: ScopeRef, rule: RuleId): Array<RulePatch | undefined> {
  const account = settings.accounts[scope.accountId];
  const group = scope.group !== null ? account?.groups?.[scope.group] : undefined;
  const worker = scope.worker !== null ? group?.workers?.[scope.worker] : undefined;
  return [
    settings.defaults,
    BUILT_IN_RULE_DEFAULTS[rule],
    settings.rules[rule],
    account,
    account?.rules?.[rule],
    group,
    group?.rules?.[rule],
    worker,
    worker?.rules?.[rule],
  ];
}

/** Worker overrides group overrides account overrides rule overrides defaults. */
export function settingsFor(settings: AlertSettings, scope: ScopeRef, rule: RuleId): RuleSettings {
  const resolved: RuleSettings = { ...BUILT_IN_DEFAULTS, balanceThresholds: { ...BUILT_IN_DEFAULTS.balanceThresholds } };
  for (const layer of layersFor(settings, scope, rule)) applyPatch(resolved, layer);
  return resolved;
}

/** settingsFor with a cache: rules ask once per worker per poll, and 30,000 workers mostly share one answer. */
export class SettingsResolver {
  private readonly cache = new Map<string, RuleSettings>();
  private readonly byRule = new Map<RuleId, RuleSettings>();
  private readonly urgent: ReadonlySet<RuleId>;

  constructor(readonly settings: AlertSettings) {
    this.urgent = new Set(settings.urgentRules);
  }

  settingsFor(scope: ScopeRef, rule: RuleId): RuleSettings {
    const account = this.settings.accounts[scope.accountId];
    if (!account) return this.ruleDefaults(rule); // the common case, without building a cache key
    const group = scope.group !== null ? account?.groups?.[scope.group] : undefined;
    // Scopes without their own override share the answer of the nearest level that has one.
    const worker = scope.worker !== null && group?.workers?.[scope.worker] ? scope.worker : null;
    const groupName = group ? scope.group : null;
    const cacheKey = `${rule}\u0000${scope.accountId}\u0000${groupName ?? '\u0001'}\u0000${worker ?? '\u0001'}`;
    let resolved = this.cache.get(cacheKey);
    if (!resolved) {
      resolved = settingsFor(this.settings, { accountId: scope.accountId, group: groupName, worker }, rule);
      this.cache.set(cacheKey, resolved);
    }
    return resolved;
  }

  private ruleDefaults(rule: RuleId): RuleSettings {
    let resolved = this.byRule.get(rule);
    if (!resolved) {
      resolved = settingsFor(this.settings, { accountId: '', group: null, worker: null }, rule);
      this.byRule.set(rule, resolved);
    }
    return resolved;
  }

  isUrgent(rule: RuleId): boolean {
    return this.urgent.has(rule);
  }

  /** The worker count the user expects for an account (group null) or one group, where set. */
  expectedWorkers(accountId: string, group: string | null): number | null {
    const account = this.settings.accounts[accountId];
    const value = group === null ? account?.expectedWorkers : account?.groups?.[group]?.expectedWorkers;
    return value ?? null;
  }

  /** Groups of an account with an expected worker count: they are judged even when none of their workers shows up. */
  groupsWithExpectedWorkers(accountId: string): string[] {
    const groups = this.settings.accounts[accountId]?.groups ?? {};
    return Object.entries(groups).flatMap(([name, group]) => (group.expectedWorkers != null ? [name] : []));
  }
}
