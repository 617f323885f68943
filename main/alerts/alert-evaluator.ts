import { workerKey, workerKeysOf, type PoolId, type Worker } from '../../shared/model';
import { alertKey, type AlertEvent, type AlertScope, type AlertTransition, type ConditionRuleId, type Severity } from './alert-types';
import { DEFAULT_ALERT_SETTINGS, SettingsResolver, type AlertSettings } from './alert-settings';
import type { AlertEvaluatorSnapshot } from './alert-snapshot';
import { AlertStateMachine, type AlertRecord } from './alert-state-machine';
import { newGateState, stepGate, type GateState } from './data-source-gate';
import type { Notification } from './notification-format';
import { NotificationRouter, type RouterView } from './notification-router';
import { currentHashrate, MACHINE_SCOPE, scopeOf, type JudgedPoll } from './observation';
import { RULE_CATALOG } from './rule-catalog';
import { balanceRule } from './rules/balance-rule';
import { keyExpiryRule, keyRejectedRule, newPermissionMemory, permissionLostRule, type PermissionMemory } from './rules/credential-rules';
import { expectedWorkersRule, fleetRule } from './rules/fleet-rules';
import { hashrateRules } from './rules/hashrate-rules';
import { PoolOutages } from './rules/pool-down-rule';
import { newPayoutMemory, payoutEvents, type PayoutMemory } from './rules/payout-rules';
import {
  earningsStoppedRule,
  newEarningsMemory,
  payoutOverdueRule,
  payoutStuckRule,
  type EarningsMemory,
} from './rules/payout-condition-rules';
import { recoveryEvents } from './rules/recovery-events';
import { newTotalHashrateMemory, totalHashrateRule, type TotalHashrateMemory } from './rules/total-hashrate-rule';
import { rejectRateRule } from './rules/reject-rate-rule';
import type { RuleContext } from './rules/rule-context';
import { dataStaleRule, machineOfflineRule, sourceFailingRule } from './rules/source-rules';
import { workerStateRules } from './rules/worker-state-rules';
import { SharedPoolAccounts } from './shared-pool-accounts';
import { SnoozeRegistry, type Snooze, type SnoozeTarget } from './snoozes';
import { WorkerMemory } from './worker-memory';
import { runSteps } from '../base/steps';
import { appendAll } from '../base/arrays';

/** What one observe() or tick() produced: transitions and events for history, notifications to show. */
export interface AlertEvaluation {
  transitions: AlertTransition[];
  events: AlertEvent[];
  notifications: Notification[];
}

/** An alert as the app lists it. */
export interface ActiveAlert {
  key: string;
  ruleId: ConditionRuleId;
  scope: AlertScope;
  ref: string | null;
  state: 'pending' | 'firing' | 'resolving';
  sinceMs: number;
  firedAtMs: number | null;
  message: string;
  severity: Severity;
  urgent: boolean;
  snoozed: boolean;
}

/** Rules that need fresh worker data: they wait behind the data-source gate. */
const GATED_RULES: ReadonlySet<ConditionRuleId> = new Set([
  'worker-offline',
  'worker-dead',
  'worker-not-producing',
  'hashrate-drop',
  'fleet-offline',
  'expected-workers',
  'reject-rate',
  'total-hashrate-low',
]);

/** An account's long-dead workers as its latest judged poll listed them (retired: they never alert). */
export interface RetiredWorkers {
  accountId: string;
  accountLabel: string;
  workers: Worker[];
}

interface AccountState {
  pool: PoolId;
  /** The latest judged poll's list and the indexes of its long-dead workers (no copy of 100,000 workers). */
  retired: { label: string; workers: readonly Worker[]; indexes: number[] } | null;
  gate: GateState;
  memory: WorkerMemory;
  payouts: PayoutMemory;
  permissions: PermissionMemory;
  totals: TotalHashrateMemory;
  earnings: EarningsMemory;
}

const EMPTY: AlertEvaluation = { transitions: [], events: [], notifications: [] };

/**
 * The alert core: pure state, fed poll observations and times by the alert service; no timers, files or network.
 * Per observation: data-source gate -> rules -> state machine (+ back-online events) -> notification router.
 * The caller stores transitions and events as history, shows notifications, and calls tick() about once a minute.
 */
export class AlertEvaluator {
  private resolver: SettingsResolver;
  private readonly machine: AlertStateMachine;
  private readonly snoozeRegistry = new SnoozeRegistry();
  private readonly router = new NotificationRouter(this.snoozeRegistry);
  private readonly accounts = new Map<string, AccountState>();
  private readonly sharedPoolAccounts = new SharedPoolAccounts();
  private readonly poolOutages = new PoolOutages();
  private nowMs = 0;
  /** Since when observations say this machine is offline; null while it is online. */
  private machineOfflineSinceMs: number | null = null;

  constructor(settings: AlertSettings = DEFAULT_ALERT_SETTINGS, options: { snapshot?: AlertEvaluatorSnapshot } = {}) {
    this.resolver = new SettingsResolver(settings);
    this.machine = new AlertStateMachine(this.resolver);
    if (options.snapshot) this.restore(options.snapshot);
  }

  updateSettings(settings: AlertSettings): void {
    this.resolver = new SettingsResolver(settings);
    this.machine.setResolver(this.resolver);
  }

  /** Judges one poll attempt of one account, at once. */
  observe(observation: JudgedPoll): AlertEvaluation {
    return runSteps(this.judgeInSteps(observation));
  }

  /**
   * The same judgement as observe(), pausing (yield) after each pass over the worker list, so a caller with 100,000
   * workers can let the event loop in between. Meanwhile only this account must not be observed again; if it is
   * removed, the judgement ends with nothing.
   */
  *judgeInSteps(observation: JudgedPoll): Generator<void, AlertEvaluation, void> {
    const { account, atMs } = observation;
    this.nowMs = Math.max(this.nowMs, atMs);
    if (account.status === 'pending') return EMPTY; // not polled yet: nothing to judge
    const state = this.accountState(account.id, account.pool);
    const { settings } = this.resolver;
    const stale = this.resolver.settingsFor(scopeOf(account, null, null), 'data-stale');
    const { state: gate, verdict } = stepGate(state.gate, observation, {
      sleepGapFactor: settings.sleepGapFactor,
      settlePolls: settings.settlePolls,
      staleMs: stale.enabled ? stale.staleMinutes * 60_000 : Number.POSITIVE_INFINITY,
    });
    state.gate = gate;
    // Polls on either side of a blind spot are not "in a row": pending worker alerts count again from zero.
    if (verdict.resume) this.machine.resetPending(account.id, GATED_RULES);

    const otherKeyGroups = this.sharedPoolAccounts.observe(account.id, account.groups, verdict.fresh);
    this.poolOutages.record(account, verdict, atMs);
    const context: RuleContext = {
      observation,
      verdict,
      settings: this.resolver,
      scope: (group, worker) => scopeOf(account, group, worker),
      isTracked: (key) => this.machine.has(key),
      tracksRule: (ruleId) => this.machine.hasRule(account.id, ruleId),
      otherKeyGroups,
      poolDown: this.poolOutages.downSinceMs(account.pool) !== null,
    };
    const perWorker = observation.workers !== null && observation.workers.length > 0;
    if (perWorker) yield;
    // Each listed worker's place in the per-worker memory, found once for every rule of this poll.
    const slots = observation.workers ? yield* state.memory.slotsInSteps(workerKeysOf(observation.workers)) : new Int32Array(0);
    if (perWorker) yield;
    const retired: number[] = [];
    const permissions = permissionLostRule(context, state.permissions);
    state.permissions = permissions.memory;
    const results = [sourceFailingRule(context), dataStaleRule(context), keyRejectedRule(context), permissions.result, keyExpiryRule(context)];
    results.push(...workerStateRules(context, state.memory, slots));
    if (perWorker) yield;
    results.push(...hashrateRules(context, state.memory, slots));
    if (perWorker) yield;
    results.push(
      fleetRule(context, state.memory, slots, retired),
      expectedWorkersRule(context),
      rejectRateRule(context),
      balanceRule(context),
      totalHashrateRule(context, state.totals),
      payoutOverdueRule(context),
      payoutStuckRule(context),
      earningsStoppedRule(context, state.earnings),
    );
    // Removed while this judgement paused: its alerts are closed and must not come back.
    if (this.accounts.get(account.id) !== state) return EMPTY;
    if (verdict.open && observation.workers && observation.workers.length > 0) state.retired = { label: account.label, workers: observation.workers, indexes: retired };
    const events = payoutEvents(context, state.payouts);
    const transitions = [...this.judgeMachine(observation), ...this.machine.apply(account.id, results, atMs)];
    // After the account's own rules: a source-failing it just closed is not told after the pool's alert.
    transitions.push(...this.machine.apply(MACHINE_SCOPE.accountId, [this.poolOutages.rule(atMs, this.resolver, observation.hostOffline === true)], atMs));
    // One per worker when a whole farm comes back: appended one by one (a call takes about 125,000 arguments).
    appendAll(events, this.backOnline(transitions, observation));
    appendAll(events, recoveryEvents(transitions, account, this.resolver));
    const notifications = this.router.route(atMs, transitions, events, this.view());
    if (verdict.fresh && observation.workers) {
      if (perWorker) yield;
      this.remember(state.memory, slots, observation.workers, observation);
    }
    return { transitions, events, notifications };
  }

  /** Lets time pass without a poll: releases the quiet-hours summary and due reminders. */
  tick(nowMs: number): AlertEvaluation {
    this.nowMs = Math.max(this.nowMs, nowMs);
    return { transitions: [], events: [], notifications: this.router.route(nowMs, [], [], this.view()) };
  }

  /** Silences matching alerts and events until untilMs, or until unsnooze() when null. */
  snooze(target: SnoozeTarget, untilMs: number | null): void {
    this.snoozeRegistry.snooze(target, untilMs);
  }

  /** A snooze without an end. */
  mute(target: SnoozeTarget): void {
    this.snoozeRegistry.snooze(target, null);
  }

  unsnooze(target: SnoozeTarget): boolean {
    return this.snoozeRegistry.unsnooze(target);
  }

  snoozes(): Snooze[] {
    return this.snoozeRegistry.list(this.nowMs);
  }

  /** Every live alert (pending, firing, resolving), most recent first. */
  activeAlerts(): ActiveAlert[] {
    return [...this.machine.records()]
      .map((record) => ({
        key: record.key,
        ruleId: record.ruleId,
        scope: record.scope,
        ref: record.ref,
        state: record.state,
        sinceMs: record.sinceMs,
        firedAtMs: record.firedAtMs,
        message: record.message,
        severity: record.severity,
        urgent: this.resolver.isUrgent(record.ruleId),
        snoozed: this.snoozeRegistry.isSnoozed(record, this.nowMs),
      }))
      .sort((a, b) => (b.firedAtMs ?? b.sinceMs) - (a.firedAtMs ?? a.sinceMs));
  }

  /** Per account, its retired (long-dead) workers, at most `limit` named each. */
  retiredWorkers(limit: number): Array<RetiredWorkers & { count: number }> {
    const out: Array<RetiredWorkers & { count: number }> = [];
    for (const [accountId, state] of this.accounts) {
      if (!state.retired || state.retired.indexes.length === 0) continue;
      const { label, workers, indexes } = state.retired;
      out.push({ accountId, accountLabel: label, count: indexes.length, workers: indexes.slice(0, limit).map((index) => workers[index]!) });
    }
    return out;
  }

  /** Forgets an account; its open alerts close with cause 'account-removed' (returned for history). */
  removeAccount(accountId: string, atMs: number): AlertTransition[] {
    this.accounts.delete(accountId);
    this.sharedPoolAccounts.forget(accountId);
    this.poolOutages.forget(accountId);
    this.router.forgetAccount(accountId);
    return this.machine.removeAccount(accountId, atMs);
  }

  snapshot(): AlertEvaluatorSnapshot {
    const alerts = [...this.machine.records()].flatMap((record) => (record.state === 'pending' ? [] : [{ ...record, state: record.state }]));
    return { version: 1, alerts, snoozes: this.snoozeRegistry.list(this.nowMs), router: this.router.saveState() };
  }

  private restore(snapshot: AlertEvaluatorSnapshot): void {
    for (const alert of snapshot.alerts) this.machine.restore(alert);
    for (const snooze of snapshot.snoozes) this.snoozeRegistry.snooze(snooze.target, snooze.untilMs);
    this.router.loadState(snapshot.router);
  }

  private accountState(accountId: string, pool: PoolId): AccountState {
    let state = this.accounts.get(accountId);
    if (!state) {
      state = {
        pool,
        retired: null,
        gate: newGateState(this.resolver.settings.settlePolls),
        memory: new WorkerMemory(),
        payouts: newPayoutMemory(),
        permissions: newPermissionMemory(),
        totals: newTotalHashrateMemory(),
        earnings: newEarningsMemory(),
      };
      this.accounts.set(accountId, state);
    }
    return state;
  }

  /** The machine-offline alert, judged with every observation of any account. */
  private judgeMachine(observation: JudgedPoll): AlertTransition[] {
    if (!observation.hostOffline) this.machineOfflineSinceMs = null;
    else this.machineOfflineSinceMs ??= observation.atMs;
    const result = machineOfflineRule(observation.atMs, this.machineOfflineSinceMs, this.resolver);
    return this.machine.apply(MACHINE_SCOPE.accountId, [result], observation.atMs);
  }

  /** worker-back-online: a worker whose offline alert fired, resolved, and that is online now. */
  private backOnline(transitions: readonly AlertTransition[], observation: JudgedPoll): AlertEvent[] {
    const resolved = transitions.filter((step) => step.ruleId === 'worker-offline' && step.to === 'resolved' && step.cause === 'condition');
    if (resolved.length === 0 || observation.workers === null) return [];
    const online = new Map<string, Worker>();
    for (const worker of observation.workers) if (worker.state === 'online') online.set(workerKey(worker), worker);
    return resolved.flatMap((step): AlertEvent[] => {
      const { group, worker: name } = step.scope;
      if (group === null || name === null || !online.has(workerKey({ group, name }))) return [];
      if (!this.resolver.settingsFor(step.scope, 'worker-back-online').enabled) return [];
      return [
        {
          key: alertKey('worker-back-online', step.scope),
          atMs: step.atMs,
          ruleId: 'worker-back-online',
          scope: step.scope,
          ref: null,
          message: `${name} (${group}) is sending shares again.`,
          severity: RULE_CATALOG['worker-back-online'].severity,
          urgent: this.resolver.isUrgent('worker-back-online'),
        },
      ];
    });
  }

  /** Feeds fresh data to the per-worker memory; a worker under a hashrate alert adds nothing to its own baseline. */
  private remember(memory: WorkerMemory, slots: Int32Array, workers: readonly Worker[], observation: JudgedPoll): void {
    const accountId = observation.account.id;
    const underAlert = this.machine.hasRule(accountId, 'hashrate-drop') || this.machine.hasRule(accountId, 'worker-not-producing');
    for (let index = 0; index < workers.length; index += 1) {
      const worker = workers[index]!;
      const slot = slots[index]!;
      const online = worker.state === 'online';
      memory.touchSlot(slot, observation.atMs, online);
      const hps = online ? currentHashrate(worker) : null;
      if (hps === null) continue;
      if (underAlert) {
        const scope = { accountId, group: worker.group, worker: worker.name };
        if (this.machine.has(alertKey('hashrate-drop', scope)) || this.machine.has(alertKey('worker-not-producing', scope))) continue;
      }
      memory.addSampleToSlot(slot, observation.atMs, hps);
    }
    memory.sweep(observation.atMs);
  }

  private view(): RouterView {
    return {
      settings: this.resolver.settings,
      firingAlerts: () => this.machine.records(),
      isFiring: (key) => {
        const state = this.machine.get(key)?.state;
        return state === 'firing' || state === 'resolving';
      },
      reminderHours: (record: AlertRecord) => this.resolver.settingsFor(record.scope, record.ruleId).reminderHours,
      poolOf: (accountId) => this.accounts.get(accountId)?.pool ?? null,
    };
  }
}
