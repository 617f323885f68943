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
}

export function emptyResult(ruleId: ConditionRuleId, judged: boolean): RuleResult {
  return { ruleId, judged, active: [], unknown: [] };
}
