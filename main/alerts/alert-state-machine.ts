import type { AlertScope, AlertTransition, ConditionRuleId, RuleResult, Severity, TransitionCause } from './alert-types';
import type { SettingsResolver } from './alert-settings';
import { RULE_CATALOG } from './rule-catalog';
import { scopeSubject } from './alert-types';

/** A live alert. Resolved ones leave the machine; their story is in the transitions. */
export interface AlertRecord {
  key: string;
  ruleId: ConditionRuleId;
  scope: AlertScope;
  ref: string | null;
  state: 'pending' | 'firing' | 'resolving';
  /** Judged observations in a row in the current state (condition true while pending, false while resolving). */
  count: number;
  /** When the condition was first seen true. */
  sinceMs: number;
  firedAtMs: number | null;
  changedAtMs: number;
  message: string;
  severity: Severity;
}

function closingMessage(record: AlertRecord, to: 'resolving' | 'resolved', cause: TransitionCause): string {
  const subject = scopeSubject(record.scope) || record.scope.accountLabel;
  const what = `${RULE_CATALOG[record.ruleId].label}${record.ref ? ` (${record.ref})` : ''}`;
  if (cause === 'rule-disabled') return `${subject}: ${what} closed, the rule is turned off here.`;
  if (cause === 'account-removed') return `${subject}: ${what} closed, the account was removed.`;
  return to === 'resolving' ? `${subject}: ${what} no longer seen; confirming.` : `${subject}: ${what} resolved.`;
}

/** Polls are jittered by up to 10 %: a hold this much short of its minutes is met (60 s polls, 1 min hold: the second poll). */
const HOLD_TOLERANCE = 0.1;

function held(sinceMs: number, atMs: number, minutes: number): boolean {
  return atMs - sinceMs >= minutes * 60_000 * (1 - HOLD_TOLERANCE);
}

/**
 * Every alert's pending -> firing -> resolving -> resolved life, held in minutes (forMinutes, recoveryMinutes) of
 * judged observations, so the delay does not change with the poll interval or backoff.
 * A pending alert whose condition clears is dropped without a trace: nothing is resolved that never fired.
 */
export class AlertStateMachine {
  private readonly byKey = new Map<string, AlertRecord>();
  /** account -> rule -> key, so a rule's missing keys are found without scanning every alert. */
  private readonly byAccount = new Map<string, Map<ConditionRuleId, Map<string, AlertRecord>>>();

  constructor(private resolver: SettingsResolver) {}

  setResolver(resolver: SettingsResolver): void {
    this.resolver = resolver;
  }

  get(key: string): AlertRecord | undefined {
    return this.byKey.get(key);
  }

  /** Whether the account has any alert (pending, firing or resolving) of this rule: lets rules skip 100,000 keys. */
  hasRule(accountId: string, ruleId: ConditionRuleId): boolean {
    return (this.byAccount.get(accountId)?.get(ruleId)?.size ?? 0) > 0;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  records(): IterableIterator<AlertRecord> {
    return this.byKey.values();
  }

  /** Applies one observation's rule results for one account and returns the transitions, in order. */
  apply(accountId: string, results: readonly RuleResult[], atMs: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    for (const result of results) {
      if (!result.judged) continue; // nothing known: every alert of the rule keeps its state
      const seen = new Set<string>(result.unknown);
      for (const condition of result.active) {
        seen.add(condition.key);
        let record = this.byKey.get(condition.key);
        if (!record) {
          record = {
            key: condition.key,
            ruleId: condition.ruleId,
            scope: condition.scope,
            ref: condition.ref,
            state: 'pending',
            count: 0,
            sinceMs: atMs,
            firedAtMs: null,
            changedAtMs: atMs,
            message: condition.message,
            severity: condition.severity,
          };
          this.insert(accountId, record);
        }
        // The latest words win: the label may have changed, an expiry may have come closer.
        record.scope = condition.scope;
        record.message = condition.message;
        record.severity = condition.severity;
        this.onTrue(record, atMs, transitions);
      }
      const ofRule = this.byAccount.get(accountId)?.get(result.ruleId);
      if (!ofRule) continue;
      for (const record of [...ofRule.values()]) if (!seen.has(record.key)) this.onFalse(record, atMs, transitions);
    }
    return transitions;
  }

  /** After a gap, polls before and after it are not "in a row": pending alerts start counting again. */
  resetPending(accountId: string, rules: ReadonlySet<ConditionRuleId>): void {
    for (const [ruleId, ofRule] of this.byAccount.get(accountId) ?? []) {
      if (!rules.has(ruleId)) continue;
      for (const record of [...ofRule.values()]) if (record.state === 'pending') this.remove(record);
    }
  }

  /** Closes every alert of an account (it was removed), returning the transitions for history. */
  removeAccount(accountId: string, atMs: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    for (const ofRule of this.byAccount.get(accountId)?.values() ?? []) {
      for (const record of ofRule.values()) {
        if (record.state !== 'pending') transitions.push(this.transition(record, 'resolved', atMs, closingMessage(record, 'resolved', 'account-removed'), 'account-removed'));
        this.byKey.delete(record.key);
      }
    }
    this.byAccount.delete(accountId);
    return transitions;
  }

  /** Puts back an alert saved before a restart. */
  restore(record: AlertRecord): void {
    if (!this.byKey.has(record.key)) this.insert(record.scope.accountId, { ...record });
  }

  private onTrue(record: AlertRecord, atMs: number, out: AlertTransition[]): void {
    const settings = this.resolver.settingsFor(record.scope, record.ruleId);
    if (record.state === 'pending') {
      record.count += 1;
      if (held(record.sinceMs, atMs, settings.forMinutes)) {
        out.push(this.transition(record, 'firing', atMs, record.message, 'condition'));
        record.firedAtMs = atMs;
      }
    } else if (record.state === 'resolving') {
      out.push(this.transition(record, 'firing', atMs, record.message, 'condition'));
    }
  }

  private onFalse(record: AlertRecord, atMs: number, out: AlertTransition[]): void {
    const settings = this.resolver.settingsFor(record.scope, record.ruleId);
    if (record.state === 'pending') {
      this.remove(record);
      return;
    }
    if (!settings.enabled) {
      out.push(this.transition(record, 'resolved', atMs, closingMessage(record, 'resolved', 'rule-disabled'), 'rule-disabled'));
      this.remove(record);
      return;
    }
    if (record.state === 'firing') {
      out.push(this.transition(record, 'resolving', atMs, closingMessage(record, 'resolving', 'condition'), 'condition'));
    } else {
      record.count += 1;
    }
    if (held(record.changedAtMs, atMs, settings.recoveryMinutes)) {
      out.push(this.transition(record, 'resolved', atMs, closingMessage(record, 'resolved', 'condition'), 'condition'));
      this.remove(record);
    }
  }

  /** Records the step, moves the record and restarts its count. */
  private transition(record: AlertRecord, to: 'firing' | 'resolving' | 'resolved', atMs: number, message: string, cause: TransitionCause): AlertTransition {
    const step: AlertTransition = {
      key: record.key,
      atMs,
      ruleId: record.ruleId,
      scope: record.scope,
      ref: record.ref,
      from: record.state,
      to,
      message,
      severity: record.severity,
      urgent: this.resolver.isUrgent(record.ruleId),
      cause,
    };
    if (to !== 'resolved') record.state = to;
    record.count = to === 'resolving' ? 1 : 0;
    record.changedAtMs = atMs;
    return step;
  }

  private insert(accountId: string, record: AlertRecord): void {
    this.byKey.set(record.key, record);
    let ofAccount = this.byAccount.get(accountId);
    if (!ofAccount) {
      ofAccount = new Map();
      this.byAccount.set(accountId, ofAccount);
    }
    let ofRule = ofAccount.get(record.ruleId);
    if (!ofRule) {
      ofRule = new Map();
      ofAccount.set(record.ruleId, ofRule);
    }
    ofRule.set(record.key, record);
  }

  private remove(record: AlertRecord): void {
    this.byKey.delete(record.key);
    this.byAccount.get(record.scope.accountId)?.get(record.ruleId)?.delete(record.key);
  }
}
