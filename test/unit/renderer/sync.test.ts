import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_APP_SETTINGS,
  buildApi,
  type EventChannel,
  type EventOf,
  type PoolWatchApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/contract';
import type { Worker } from '../../../shared/model';
import type { ConnectionSource, ConnectionState } from '../../../renderer/api/connection-state';
import { createAccountsStore } from '../../../renderer/state/accounts-store';
import { createConnectionStore } from '../../../renderer/state/connection-store';
import { loadWorkers } from '../../../renderer/state/loaders';
import { startSync, type AppStores } from '../../../renderer/state/sync';
import { createSettingsStore } from '../../../renderer/state/settings-store';
import { followSettingsChanges } from '../../../renderer/state/settings-events';
import { createWorkersStore } from '../../../renderer/state/workers-store';
import { makeConfig, makeSummary, makeWorker } from './fixtures';

/** A fake engine: answers requests from its fields and lets the test push events. */
class FakeEngine {
  paused = false;
  summaries = [makeSummary({ id: 'a', label: 'A' })];
  configs = [makeConfig({ id: 'a', label: 'A' })];
  workers: Record<string, Worker[]> = { a: [makeWorker({ name: 'rig-1' }), makeWorker({ name: 'rig-2' })] };
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

  private async handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push(channel);
    const answers: Partial<Record<RequestChannel, () => unknown>> = {
      'state:get': () => ({ paused: this.paused, accounts: this.summaries }),
      'accounts:list': () => this.configs,
      'workers:get': () => {
        const { accountId } = request as RequestOf<'workers:get'>;
        return { accountId, workers: this.workers[accountId] ?? [] };
      },
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
  state: ConnectionState = { status: 'connecting', retryAtMs: null, problem: null };
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly openListeners = new Set<(info: { reconnected: boolean }) => void>();
  started = false;
  getState = () => this.state;
  onStateChange(listener: (state: ConnectionState) => void) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  onOpen(listener: (info: { reconnected: boolean }) => void) {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }
  start() {
    this.started = true;
  }
  stop() {}
  open(reconnected: boolean) {
    this.state = { status: 'open', retryAtMs: null, problem: null };
    for (const listener of this.stateListeners) listener(this.state);
    for (const listener of this.openListeners) listener({ reconnected });
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const engine = new FakeEngine();
  const connection = new FakeConnection();
  const stores: AppStores = { accounts: createAccountsStore(), workers: createWorkersStore(), connection: createConnectionStore() };
  const stop = startSync(engine.api, connection, stores);
  return { engine, connection, stores, stop };
}

describe('startSync', () => {
  it('starts the connection and loads state and configs when it opens', async () => {
    const { engine, connection, stores } = setup();
    assert.equal(connection.started, true);
    assert.equal(stores.accounts.getState().stateLoaded, false);
    connection.open(false);
    await settle();
    assert.equal(stores.connection.getState().connection.status, 'open');
    assert.deepEqual(stores.accounts.getState().ids, ['a']);
    assert.equal(stores.accounts.getState().configs.length, 1);
    assert.deepEqual(engine.calls.sort(), ['accounts:list', 'state:get']);
  });

  it('applies account, removal and paused events', async () => {
    const { engine, connection, stores } = setup();
    connection.open(false);
    await settle();
    await loadWorkers(engine.api, stores.workers, 'a');

    engine.emit('state:account', makeSummary({ id: 'a', label: 'A', status: 'unreachable', stale: true }));
    assert.equal(stores.accounts.getState().byId.a?.status, 'unreachable');

    engine.emit('state:paused', { paused: true });
    assert.equal(stores.accounts.getState().paused, true);

    engine.emit('state:account-removed', { id: 'a' });
    assert.deepEqual(stores.accounts.getState().ids, []);
    assert.equal(stores.workers.getState().byAccount.a, undefined);
  });

  it('lists configs again when an account appears that it has not seen', async () => {
    const { engine, connection } = setup();
    connection.open(false);
    await settle();
    engine.calls.length = 0;
    engine.emit('state:account', makeSummary({ id: 'a', label: 'A' }));
    engine.emit('state:account', makeSummary({ id: 'new', label: 'New' }));
    await settle();
    assert.deepEqual(engine.calls, ['accounts:list']);
  });

  it('applies worker deltas, and reloads the list when the count drifts', async () => {
    const { engine, connection, stores } = setup();
    connection.open(false);
    await settle();
    await loadWorkers(engine.api, stores.workers, 'a');

    engine.emit('state:workers-delta', { accountId: 'a', upserted: [makeWorker({ name: 'rig-1', state: 'dead' })], removed: [], total: 2 });
    assert.equal(stores.workers.getState().byAccount.a?.workers.size, 2);
    engine.calls.length = 0;

    engine.workers.a = [makeWorker({ name: 'rig-1' }), makeWorker({ name: 'rig-2' }), makeWorker({ name: 'rig-3' }), makeWorker({ name: 'rig-4' })];
    engine.emit('state:workers-delta', { accountId: 'a', upserted: [makeWorker({ name: 'rig-3' })], removed: [], total: 4 });
    await settle();
    assert.deepEqual(engine.calls, ['workers:get']);
    assert.equal(stores.workers.getState().byAccount.a?.workers.size, 4);
  });

  it('on reconnect reloads state and every worker list it holds', async () => {
    const { engine, connection, stores } = setup();
    connection.open(false);
    await settle();
    await loadWorkers(engine.api, stores.workers, 'a');
    engine.calls.length = 0;
    engine.paused = true;
    engine.workers.a = [makeWorker({ name: 'only' })];

    connection.open(true);
    await settle();
    assert.deepEqual(engine.calls.sort(), ['accounts:list', 'state:get', 'workers:get']);
    assert.equal(stores.accounts.getState().paused, true);
    assert.equal(stores.workers.getState().byAccount.a?.workers.size, 1);
  });

  it('stops listening when stopped', async () => {
    const { engine, connection, stores, stop } = setup();
    connection.open(false);
    await settle();
    stop();
    engine.emit('state:paused', { paused: true });
    assert.equal(stores.accounts.getState().paused, false);
  });
});

describe('followSettingsChanges', () => {
  it('takes a settings change another window or tab made at once (settings:changed), not only at the next reconnect', async () => {
    const engine = new FakeEngine();
    const store = createSettingsStore();
    const stop = followSettingsChanges(engine.api, store);
    const dark = { ...DEFAULT_APP_SETTINGS, theme: 'dark' as const, pollIntervalSec: 120 };
    engine.emit('settings:changed', { settings: dark, desktop: false });
    await settle();
    assert.deepEqual(store.getState().view, { settings: dark, desktop: false });
    stop();
    engine.emit('settings:changed', { settings: DEFAULT_APP_SETTINGS, desktop: false });
    assert.deepEqual(store.getState().view?.settings, dark, 'nothing taken once stopped');
  });
});
