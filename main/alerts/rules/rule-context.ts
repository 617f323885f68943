import type { AlertScope, ConditionRuleId, RuleResult } from '../alert-types';
import type { SettingsResolver } from '../alert-settings';
import type { GateVerdict } from '../data-source-gate';
import type { JudgedPoll } from '../observation';

/** Everything a rule may read for one observation; rules never change it. */
export interface RuleContext {
  observation: JudgedPoll;
  verdict: GateVerdict;
  settings: SettingsResolver;
  scope(group: string | null, worker: string | null): AlertScope;
  /** Whether an alert with this key exists (pending, firing or resolving): it may outlive what made it possible. */
  isTracked(key: string): boolean;
  /**
   * Whether any alert of this rule exists for the account. Without one, a rule need not name the workers it cannot
   * judge (`unknown` only keeps existing alerts as they are), nor build keys for workers that are fine.
   */
  tracksRule(ruleId: ConditionRuleId): boolean;
  /** Groups of this account that another key of the same pool account already watches: their workers alert there. */
  otherKeyGroups: ReadonlySet<string>;
  /** Every account of this account's pool fails: the pool-down alert speaks, not this account's source-failing. */
  poolDown: boolean;
}

/** A scope to look settings up with, one object reused for every worker (the resolver keeps none of it). */
export interface SettingsProbe {
  accountId: string;
  group: string | null;
  worker: string | null;
}

export function emptyResult(ruleId: ConditionRuleId, judged: boolean): RuleResult {
  return { ruleId, judged, active: [], unknown: [] };
}
