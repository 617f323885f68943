import { keyExpiryMs, RETIRED_LISTED, type ActiveAlertView, type AlertHistoryQuery, type AlertNotificationView, type RetiredWorkersView, type SnoozeView } from '../../shared/contract';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { runStepsInTurns } from '../base/steps';
import type { PollObservation } from '../base/poll-observation';
import { createUiEventBus, type UiEvent, type UiEventBus } from '../base/ui-events';
import type { AlertHistoryStore } from '../store/alert-history';
import { settingsRequest, type SettingsStore } from '../store/settings-store';
import { AlertEvaluator, type AlertEvaluation } from './alert-evaluator';
import { parseAlertSettings, type AlertSettings } from './alert-settings';
import { parseAlertSnapshot } from './alert-snapshot';
import { alertKey, type AlertEvent, type AlertScope, type Severity } from './alert-types';
import { RULE_CATALOG } from './rule-catalog';
import type { Notification } from './notification-format';
import type { SnoozeTarget } from './snoozes';

/** Quiet-hours summaries and reminders are released by a tick this often, polls or not. */
export const ALERT_TICK_MS = 60_000;
/** Worker lists this long are judged in steps (AlertEvaluator.judgeInSteps), so the API and UI answer in between. */
const WORKERS_JUDGED_AT_ONCE = 5_000;
/** Firing alerts and snoozes are saved at most this often, and on stop, so they survive a restart. */
const SNAPSHOT_EVERY_MS = 30_000;
const SNAPSHOT_NAME = 'alert-engine';

/** Something that delivers notifications: native desktop notifications, outgoing webhooks. */
export type NotificationSink = (notification: Notification) => void;

export interface AlertServiceDeps {
  settings: SettingsStore;
  history: AlertHistoryStore;
  clock: Clock;
  logger: Logger;
  sinks?: NotificationSink[];
  /** Whether this machine has a network at all (HostConnectivity); offline, one machine-offline alert speaks and nothing about pools is judged. */
  hostOnline?: () => boolean;
  /** The UI events' bus, shared with the engine and history (default: the service's own). */
  events?: UiEventBus;
}

export function toNotificationView(notification: Notification): AlertNotificationView {
  return {
    id: notification.id,
    at: new Date(notification.atMs).toISOString(),
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    severity: notification.severity,
    urgent: notification.urgent,
    accountId: notification.accountId,
    alertKeys: notification.alertKeys,
    items: notification.items.map((item) => ({ ruleId: item.ruleId, scope: item.scope, message: item.message })),
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Runs the alert core inside the app: feeds it polls and time, keeps its history, delivers its notifications. */
export class AlertService {
  private evaluator: AlertEvaluator;
  private readonly events: UiEventBus;
  private readonly sinks: NotificationSink[];
  private timer: unknown = null;
  private lastSnapshotMs = 0;
  /** Judgements in steps not yet handled, and the last of them: a short one waits behind them too. */
  private judgementsWaiting = 0;
  private lastJudgement: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AlertServiceDeps) {
    this.sinks = [...(deps.sinks ?? [])];
    this.events = deps.events ?? createUiEventBus(deps.logger);
    this.evaluator = new AlertEvaluator(this.currentSettings(), { ...this.restoredSnapshot() });
    // Rules edited by hand in the config file apply once the file is read again; removed accounts close their alerts.
    deps.settings.onReloaded((previous, next) => {
      this.evaluator.updateSettings(this.currentSettings());
      const kept = new Set(next.accounts.map((account) => account.id));
      for (const account of previous.accounts) if (!kept.has(account.id)) this.removeAccount(account.id);
    });
  }

  addSink(sink: NotificationSink): void {
    this.sinks.push(sink);
  }

  /** Starts the tick; call after the config is loaded so the user's settings apply. */
  start(): void {
    this.evaluator.updateSettings(this.currentSettings());
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.saveSnapshot(true);
  }

  subscribe(listener: (event: UiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * One poll attempt of one account. A long worker list is judged one pass at a time, each in its own turn of the
   * event loop (the promise settles when it is done); judgements are handled in the order their polls came.
   */
  observe(observation: PollObservation): void | Promise<void> {
    const hostOffline = this.deps.hostOnline ? !this.deps.hostOnline() : false;
    const judged = { ...observation, hostOffline, keyExpiresAtMs: this.keyExpiryOf(observation.account.id) };
    const long = (observation.workers?.length ?? 0) >= WORKERS_JUDGED_AT_ONCE;
    if (!long && this.judgementsWaiting === 0) return this.handle(this.evaluator.observe(judged));
    this.judgementsWaiting += 1;
    const judgement = this.lastJudgement.then(async () => this.handle(await runStepsInTurns(this.evaluator.judgeInSteps(judged))));
    this.lastJudgement = judgement
      .catch(() => undefined) // the caller (the engine's bus) logs it; the next judgement still runs
      .finally(() => (this.judgementsWaiting -= 1));
    return judgement;
  }

  /** When the account's key expires, from the date entered for it; null (no expiry known) closes a key-expiry alert. */
  private keyExpiryOf(accountId: string): number | null {
    const date = this.deps.settings.current().accounts.find((account) => account.id === accountId)?.keyExpiresOn;
    return date === undefined ? null : keyExpiryMs(date);
  }

  /** Lets time pass without a poll (quiet hours ending, reminders). */
  tick(): void {
    this.handle(this.evaluator.tick(this.deps.clock.now()));
  }

  /** A change the user asked the pool for (SBI actions), kept in the alert history as an event with the pool's answer. */
  recordPoolAction(scope: AlertScope, message: string, ok: boolean): void {
    const atMs = this.deps.clock.now();
    const event: AlertEvent = {
      // One event per request: the time keeps two clears of one subaccount apart.
      key: alertKey('pool-action', scope, String(atMs)),
      atMs,
      ruleId: 'pool-action',
      scope,
      ref: null,
      message,
      severity: ok ? RULE_CATALOG['pool-action'].severity : 'warning',
      urgent: false,
    };
    this.handle({ transitions: [], events: [event], notifications: [] });
    // The history table reloads on this.
    this.changed(false);
  }

  removeAccount(accountId: string): void {
    const transitions = this.evaluator.removeAccount(accountId, this.deps.clock.now());
    this.handle({ transitions, events: [], notifications: [] });
  }

  active(): ActiveAlertView[] {
    return this.evaluator.activeAlerts().map((alert) => ({
      key: alert.key,
      ruleId: alert.ruleId,
      scope: alert.scope,
      ref: alert.ref,
      state: alert.state,
      since: new Date(alert.sinceMs).toISOString(),
      firedAt: iso(alert.firedAtMs),
      message: alert.message,
      severity: alert.severity,
      urgent: alert.urgent,
      snoozed: alert.snoozed,
    }));
  }

  /**
   * Per account, its retired (long-dead) workers, the first `limit` named: they never alert; the Alerts screen lists
   * them to mute, the Overview's cards count them. Answered once the judgements already queued are done: the UI asks
   * when a poll's data arrives, which is before that poll is judged.
   */
  async retired({ limit = RETIRED_LISTED }: { limit?: number } = {}): Promise<RetiredWorkersView[]> {
    await this.lastJudgement;
    return this.evaluator.retiredWorkers(limit).map(({ accountId, accountLabel, count, workers }) => ({
      accountId,
      accountLabel,
      count,
      workers: workers.map((worker) => ({ group: worker.group, name: worker.name, lastShareAt: worker.lastShareAt })),
    }));
  }

  /** The most severe alert now firing and not snoozed, for the tray; null when none. */
  worstFiring(): Severity | null {
    const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
    let worst: Severity | null = null;
    for (const alert of this.evaluator.activeAlerts()) {
      if (alert.state !== 'firing' || alert.snoozed) continue;
      if (worst === null || rank[alert.severity] > rank[worst]) worst = alert.severity;
    }
    return worst;
  }

  history(query: AlertHistoryQuery) {
    return this.deps.history.query(query);
  }

  snooze(target: SnoozeTarget, minutes: number | null): SnoozeView[] {
    this.evaluator.snooze(target, minutes === null ? null : this.deps.clock.now() + minutes * 60_000);
    this.changed(true);
    return this.snoozes();
  }

  unsnooze(target: SnoozeTarget): SnoozeView[] {
    this.evaluator.unsnooze(target);
    this.changed(true);
    return this.snoozes();
  }

  snoozes(): SnoozeView[] {
    return this.evaluator.snoozes().map((snooze) => ({ target: snooze.target, until: iso(snooze.untilMs) }));
  }

  settings(): AlertSettings {
    return this.currentSettings();
  }

  async saveSettings(settings: AlertSettings): Promise<AlertSettings> {
    await settingsRequest(this.deps.settings, (store) => store.update((config) => ({ ...config, alerts: settings })));
    this.evaluator.updateSettings(settings);
    return settings;
  }

  private currentSettings(): AlertSettings {
    return parseAlertSettings(this.deps.settings.current().alerts ?? {});
  }

  private restoredSnapshot(): { snapshot?: ReturnType<typeof parseAlertSnapshot> } {
    const saved = this.deps.history.readState(SNAPSHOT_NAME);
    if (!saved) return {};
    try {
      return { snapshot: parseAlertSnapshot(JSON.parse(saved)) };
    } catch (error) {
      this.deps.logger.warn(`alerts: the saved alert state could not be read (${(error as Error).message}); starting fresh`);
      return {};
    }
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.tick();
      this.schedule();
    }, ALERT_TICK_MS);
  }

  private handle(result: AlertEvaluation): void {
    const { transitions, events, notifications } = result;
    if (transitions.length > 0 || events.length > 0) {
      try {
        this.deps.history.append(transitions, events);
      } catch (error) {
        this.deps.logger.error(`alerts: could not write alert history (${(error as Error).message})`);
      }
    }
    for (const notification of notifications) {
      this.emit({ channel: 'alerts:notification', payload: toNotificationView(notification) });
      for (const sink of this.sinks) {
        try {
          sink(notification);
        } catch (error) {
          this.deps.logger.error(`alerts: a notification channel failed (${(error as Error).message})`);
        }
      }
    }
    if (transitions.length > 0) this.changed(false);
    else this.saveSnapshot(false);
  }

  private changed(force: boolean): void {
    const active = this.evaluator.activeAlerts();
    this.emit({
      channel: 'alerts:changed',
      payload: { active: active.length, firing: active.filter((alert) => alert.state === 'firing').length },
    });
    this.saveSnapshot(force);
  }

  private saveSnapshot(force: boolean): void {
    const now = this.deps.clock.now();
    if (!force && now - this.lastSnapshotMs < SNAPSHOT_EVERY_MS) return;
    this.lastSnapshotMs = now;
    try {
      this.deps.history.writeState(SNAPSHOT_NAME, JSON.stringify(this.evaluator.snapshot()), now);
    } catch (error) {
      this.deps.logger.error(`alerts: could not save the alert state (${(error as Error).message})`);
    }
  }

  private emit(event: UiEvent): void {
    this.events.emit(event);
  }
}
