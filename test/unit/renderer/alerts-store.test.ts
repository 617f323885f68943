import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildApi,
  type EventChannel,
  type EventOf,
  type PoolWatchApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/contract';
import type { ConnectionSource } from '../../../renderer/api/connection-state';
import { countFiring, RECENT_NOTIFICATIONS_MAX, withRecentNotification } from '../../../renderer/state/alerts-reducers';
import { createAlertsStore } from '../../../renderer/state/alerts-store';
import { startAlertSync } from '../../../renderer/state/alerts-sync';
import { makeActiveAlert, makeNotification } from './alert-fixtures';

describe('alerts reducers', () => {
  it('keeps the last notifications, newest first, each id once', () => {
    let recent = withRecentNotification([], makeNotification({ id: 'a' }));
    recent = withRecentNotification(recent, makeNotification({ id: 'b' }));
    recent = withRecentNotification(recent, makeNotification({ id: 'a', title: 'again' }));
    assert.deepEqual(
      recent.map((notification) => notification.id),
      ['a', 'b'],
    );
    for (let index = 0; index < 30; index += 1) recent = withRecentNotification(recent, makeNotification({ id: `n${index}` }));
    assert.equal(recent.length, RECENT_NOTIFICATIONS_MAX);
    assert.equal(recent[0]?.id, 'n29');
  });

  it('counts firing alerts only', () => {
    assert.equal(countFiring([{ state: 'firing' }, { state: 'pending' }, { state: 'firing' }, { state: 'resolving' }]), 2);
  });
});

describe('alerts store', () => {
  it('ignores an answer older than the latest request', () => {
    const store = createAlertsStore();
    const first = store.getState().beginActive();
    const second = store.getState().beginActive();
    store.getState().finishActive(second, [makeActiveAlert({ key: 'new' })], { countFiring: true });
    store.getState().finishActive(first, [makeActiveAlert({ key: 'old' }), makeActiveAlert({ key: 'old-2' })], { countFiring: true });
    store.getState().failActive(first, 'late failure');
    assert.deepEqual(
      store.getState().active.map((alert) => alert.key),
      ['new'],
    );
    assert.equal(store.getState().firing, 1);
    assert.equal(store.getState().activeStatus, 'ready');
  });

  it('counts watchers, and an unwatch runs once', () => {
    const store = createAlertsStore();
    const stop = store.getState().watch();
    store.getState().watch();
    stop();
    stop();
    assert.equal(store.getState().watchers, 1);
  });
});

/** A fake engine for the alert channels: answers from its fields and lets the test push events. */
class FakeEngine {
  active = [makeActiveAlert({ key: 'k1' }), makeActiveAlert({ key: 'k2', state: 'pending' }), makeActiveAlert({ key: 'k3' })];
  readonly calls: string[] = [];
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  readonly api: PoolWatchApi = buildApi(
    <C extends RequestChannel>(channel: C, request: RequestOf<C>) => this.handle(channel, request),
    (channel, listener) => {
      const set = this.listeners.get(channel) ?? new Set();
      this.listeners.set(channel, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  );

  private async handle<C extends RequestChannel>(channel: C, _request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push(channel);
    const answers: Partial<Record<RequestChannel, () => unknown>> = {
      'alerts:active': () => this.active,
      'alerts:snoozes': () => [{ target: { accountId: 'acc-1' }, until: null }],
    };
    const answer = answers[channel];
    if (answer === undefined) throw new Error(`unexpected ${channel}`);
    return answer() as ResponseOf<C>;
  }

  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void {
    for (const listener of this.listeners.get(channel) ?? []) (listener as (payload: EventOf<C>) => void)(payload);
  }
}

class FakeConnection implements ConnectionSource {
  private readonly openListeners = new Set<(info: { reconnected: boolean }) => void>();
  getState = () => ({ status: 'open' as const, retryAtMs: null, problem: null });
  onStateChange() {
    return () => {};
  }
  onOpen(listener: (info: { reconnected: boolean }) => void) {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }
  start() {}
  stop() {}
  open(reconnected: boolean) {
    for (const listener of this.openListeners) listener({ reconnected });
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const engine = new FakeEngine();
  const connection = new FakeConnection();
  const store = createAlertsStore();
  const notified: string[] = [];
  const stop = startAlertSync(engine.api, connection, store, { notify: (notification) => notified.push(notification.id) });
  return { engine, connection, store, notified, stop };
}

describe('startAlertSync', () => {
  it('loads the lists on open and counts firing alerts for the badge', async () => {
    const { engine, connection, store } = setup();
    connection.open(false);
    await settle();
    assert.deepEqual(engine.calls.sort(), ['alerts:active', 'alerts:snoozes']);
    assert.equal(store.getState().firing, 2);
    assert.equal(store.getState().active.length, 3);
    assert.equal(store.getState().snoozes.length, 1);
  });

  it('takes the badge count from alerts:changed, reloading the lists only while a screen shows them', async () => {
    const { engine, connection, store } = setup();
    connection.open(false);
    await settle();
    engine.calls.length = 0;
    const revision = store.getState().historyRevision;

    engine.emit('alerts:changed', { active: 4, firing: 4 });
    await settle();
    assert.equal(store.getState().firing, 4);
    assert.deepEqual(engine.calls, []);
    assert.equal(store.getState().historyRevision, revision + 1);

    const unwatch = store.getState().watch();
    engine.emit('alerts:changed', { active: 3, firing: 2 });
    await settle();
    assert.deepEqual(engine.calls.sort(), ['alerts:active', 'alerts:snoozes']);
    // The event's count stands: the reload feeds the list, not the badge.
    assert.equal(store.getState().firing, 2);
    unwatch();
  });

  it('keeps notifications, hands them to the notifier and reloads history', async () => {
    const { engine, store, notified } = setup();
    const revision = store.getState().historyRevision;
    engine.emit('alerts:notification', makeNotification({ id: 'n1' }));
    engine.emit('alerts:notification', makeNotification({ id: 'n2' }));
    assert.deepEqual(
      store.getState().recent.map((notification) => notification.id),
      ['n2', 'n1'],
    );
    assert.deepEqual(notified, ['n1', 'n2']);
    assert.equal(store.getState().historyRevision, revision + 2);
  });

  it('keeps the in-app list when the notifier throws', () => {
    const engine = new FakeEngine();
    const store = createAlertsStore();
    const warn = console.warn;
    console.warn = () => {};
    try {
      startAlertSync(engine.api, new FakeConnection(), store, {
        notify: () => {
          throw new Error('Illegal constructor');
        },
      });
      engine.emit('alerts:notification', makeNotification({ id: 'n1' }));
    } finally {
      console.warn = warn;
    }
    assert.equal(store.getState().recent.length, 1);
  });

  it('reloads history after a reconnect, and stops listening when stopped', async () => {
    const { engine, connection, store, stop } = setup();
    connection.open(false);
    await settle();
    const revision = store.getState().historyRevision;
    connection.open(true);
    await settle();
    assert.equal(store.getState().historyRevision, revision + 1);
    stop();
    engine.emit('alerts:changed', { active: 0, firing: 0 });
    assert.notEqual(store.getState().firing, 0);
  });
});
