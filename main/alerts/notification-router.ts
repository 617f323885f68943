import type { PoolId } from '../../shared/model';
import { HOUR_MS } from '../base/time';
import { accountOfKey, alertKey, type AlertEvent, type AlertTransition, type RuleId } from './alert-types';
import type { AlertSettings } from './alert-settings';
import type { AlertRecord } from './alert-state-machine';
import { buildNotification, groupBy, type Notification, type NotificationItem, type NotificationKind } from './notification-format';
import { isQuietAt } from './quiet-hours';
import { RULE_CATALOG } from './rule-catalog';
import type { SnoozeRegistry } from './snoozes';

/** Held items beyond this are counted, not kept: a night of 30,000 flapping workers must not grow without end. */
export const MAX_HELD_ITEMS = 10_000;

/** What the router may ask about the alerts and settings. */
export interface RouterView {
  settings: AlertSettings;
  firingAlerts(): Iterable<AlertRecord>;
  isFiring(key: string): boolean;
  reminderHours(record: AlertRecord): number;
  /** The account's pool (for its word in titles); null when not known (this machine, an account not polled yet). */
  poolOf(accountId: string): PoolId | null;
}

/** What the router keeps between evaluations; plain data so it can be saved. */
export interface RouterState {
  /** Alert key -> when it was last notified (firing, reminder, summary). */
  delivered: Array<[string, number]>;
  held: NotificationItem[];
  heldDropped: number;
  seq: number;
}

type ItemSource = Pick<NotificationItem, 'key' | 'ruleId' | 'scope' | 'ref' | 'message' | 'severity' | 'atMs'>;

const WORKER_SILENCE: ReadonlySet<RuleId> = new Set(['worker-offline', 'worker-dead']);

/**
 * Turns transitions and events into notifications: snooze, folding (fleet over workers, dead over offline,
 * not-producing over drop), quiet hours, reminders, grouping and a per-evaluation cap.
 */
export class NotificationRouter {
  private delivered = new Map<string, number>();
  private held: NotificationItem[] = [];
  private heldDropped = 0;
  private seq = 0;

  constructor(private readonly snoozes: SnoozeRegistry) {}

  route(atMs: number, transitions: readonly AlertTransition[], events: readonly AlertEvent[], view: RouterView): Notification[] {
    this.snoozes.prune(atMs);
    const { settings } = view;
    const wasDelivered = new Set<string>();
    const heldKeys = new Set(this.held.map((item) => item.key));
    const items: NotificationItem[] = [];

    for (const step of transitions) {
      if (step.to === 'resolved') {
        const told = this.delivered.has(step.key) || heldKeys.has(step.key);
        if (told) wasDelivered.add(step.key);
        this.delivered.delete(step.key);
        // A resolution nobody was told about the start of is no news either.
        if (told && step.cause === 'condition' && RULE_CATALOG[step.ruleId].notifyResolved) items.push(this.item(step, 'resolved', false, view));
      } else if (step.from === 'pending' && step.to === 'firing') {
        items.push(this.item(step, 'firing', step.urgent, view));
      }
    }
    for (const event of events) {
      if (event.ruleId === 'worker-back-online' && !wasDelivered.has(alertKey('worker-offline', event.scope))) continue;
      // A recovery is news only to whoever was told of the alert it ends (its rule is the event's ref).
      if (event.ruleId === 'fleet-recovered' && !(event.ref !== null && wasDelivered.has(alertKey(event.ref as RuleId, event.scope)))) continue;
      items.push(this.item(event, 'event', event.urgent, view));
    }

    const covered = new Map<string, string[]>();
    const immediate = this.fold(items.filter((item) => !this.snoozes.isSnoozed(item, atMs)), covered, view, atMs);

    const quiet = isQuietAt(atMs, settings.quietHours);
    const now = quiet ? immediate.filter((item) => item.urgent) : immediate;
    if (quiet) this.hold(immediate.filter((item) => !item.urgent));

    const justNotified = new Set(items.map((item) => item.key));
    let reminders = this.dueReminders(atMs, quiet, justNotified, view);

    const notifications: Notification[] = [];
    if (!quiet && (this.held.length > 0 || this.heldDropped > 0)) {
      // Quiet hours are over: what was held and what is due goes out as one summary.
      const summary = [...this.held.filter((item) => !this.snoozes.isSnoozed(item, atMs)), ...reminders];
      this.held = [];
      this.heldDropped = 0;
      reminders = [];
      if (summary.length > 0) notifications.push(this.notify(atMs, 'quiet-summary', summary));
    }

    const byKind = groupBy(now, (item) => `${item.scope.accountId}\u0000${item.change}\u0000${item.ruleId}`);
    for (const group of byKind.values()) {
      const kind = kindOf(group[0]?.change ?? 'firing');
      const coveredKeys = group.flatMap((item) => covered.get(item.key) ?? []);
      if (group.length >= settings.groupingThreshold) notifications.push(this.notify(atMs, kind, group, coveredKeys));
      else for (const item of group) notifications.push(this.notify(atMs, kind, [item], covered.get(item.key) ?? []));
    }
    for (const group of groupBy(reminders, (item) => item.scope.accountId).values()) notifications.push(this.notify(atMs, 'reminder', group));

    const out =
      notifications.length > settings.maxNotificationsPerEvaluation
        ? [this.notify(atMs, 'digest', notifications.flatMap((notification) => notification.items), notifications.flatMap((n) => n.alertKeys))]
        : notifications;
    for (const notification of out) {
      for (const key of notification.alertKeys) if (view.isFiring(key)) this.delivered.set(key, atMs);
    }
    return out;
  }

  /** Forgets what was told about an account's alerts (the account was removed). */
  forgetAccount(accountId: string): void {
    for (const key of [...this.delivered.keys()]) if (accountOfKey(key) === accountId) this.delivered.delete(key);
    this.held = this.held.filter((item) => item.scope.accountId !== accountId);
  }

  saveState(): RouterState {
    return { delivered: [...this.delivered], held: [...this.held], heldDropped: this.heldDropped, seq: this.seq };
  }

  loadState(state: RouterState): void {
    this.delivered = new Map(state.delivered);
    this.held = [...state.held];
    this.heldDropped = state.heldDropped;
    this.seq = state.seq;
  }

  private item(source: ItemSource, change: NotificationItem['change'], urgent: boolean, view: RouterView): NotificationItem {
    const { key, ruleId, scope, ref, message, severity, atMs } = source;
    return { key, ruleId, scope, pool: view.poolOf(scope.accountId), ref, change, atMs, message, severity, urgent };
  }

  /**
   * Drops firing items that a stronger alert of the same moment already says: worker alerts under a firing fleet
   * alert ("reported as one alert"), offline under dead, hashrate drop under not producing. Dropped keys count
   * as told, and join the stronger item's alertKeys when it is in this batch.
   */
  private fold(items: NotificationItem[], covered: Map<string, string[]>, view: RouterView, atMs: number): NotificationItem[] {
    const firing = new Map(items.filter((item) => item.change === 'firing').map((item) => [item.key, item]));
    const cover = (item: NotificationItem, strongerKey: string): boolean => {
      if (!firing.has(strongerKey) && !view.isFiring(strongerKey)) return false;
      if (firing.has(strongerKey)) {
        const list = covered.get(strongerKey);
        if (list) list.push(item.key);
        else covered.set(strongerKey, [item.key]);
      }
      this.delivered.set(item.key, atMs);
      return true;
    };
    return items.filter((item) => {
      if (item.change !== 'firing' || item.scope.worker === null) return true;
      const { scope } = item;
      if (WORKER_SILENCE.has(item.ruleId)) {
        if (cover(item, alertKey('fleet-offline', { ...scope, group: null, worker: null }))) return false;
        if (cover(item, alertKey('fleet-offline', { ...scope, worker: null }))) return false;
        if (item.ruleId === 'worker-offline' && firing.has(alertKey('worker-dead', scope))) return !cover(item, alertKey('worker-dead', scope));
      }
      if (item.ruleId === 'hashrate-drop' && firing.has(alertKey('worker-not-producing', scope))) return !cover(item, alertKey('worker-not-producing', scope));
      return true;
    });
  }

  private hold(items: readonly NotificationItem[]): void {
    const room = Math.max(0, MAX_HELD_ITEMS - this.held.length);
    this.held.push(...items.slice(0, room));
    this.heldDropped += Math.max(0, items.length - room);
  }

  /**
   * Firing alerts to repeat: never notified yet (they fired while snoozed) or last notified reminderHours ago.
   * Worker alerts under a firing fleet alert are left to the fleet alert's reminder.
   */
  private dueReminders(atMs: number, quiet: boolean, skip: ReadonlySet<string>, view: RouterView): NotificationItem[] {
    const heldKeys = new Set(this.held.map((item) => item.key));
    const due: NotificationItem[] = [];
    for (const record of view.firingAlerts()) {
      if (record.state !== 'firing' || skip.has(record.key) || heldKeys.has(record.key)) continue;
      const urgent = view.settings.urgentRules.includes(record.ruleId);
      if (quiet && !urgent) continue;
      const last = this.delivered.get(record.key);
      const hours = view.reminderHours(record);
      if (last !== undefined && (hours <= 0 || atMs - last < hours * HOUR_MS)) continue;
      if (WORKER_SILENCE.has(record.ruleId) && this.underFiringFleet(record, view)) continue;
      const item = this.item({ ...record, atMs }, 'reminder', urgent, view);
      if (this.snoozes.isSnoozed(item, atMs)) continue;
      due.push(item);
    }
    return due;
  }

  private underFiringFleet(record: AlertRecord, view: RouterView): boolean {
    return (
      view.isFiring(alertKey('fleet-offline', { ...record.scope, group: null, worker: null })) ||
      view.isFiring(alertKey('fleet-offline', { ...record.scope, worker: null }))
    );
  }

  private notify(atMs: number, kind: NotificationKind, items: NotificationItem[], coveredKeys: readonly string[] = []): Notification {
    this.seq += 1;
    return buildNotification(`alert-${atMs}-${this.seq}`, atMs, kind, items, coveredKeys);
  }
}

function kindOf(change: NotificationItem['change']): NotificationKind {
  return change === 'firing' ? 'alert' : change === 'reminder' ? 'reminder' : change;
}
