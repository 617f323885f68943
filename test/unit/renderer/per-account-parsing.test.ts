import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UnreadableAccount } from '../../../shared/contract';
import { unreadableAccountText, unreadableWorkersText } from '../../../renderer/components/unreadable-text';
import { createWsClient, type SocketHandlers, type SocketLike } from '../../../renderer/api/ws-client';
import { createAccountsStore } from '../../../renderer/state/accounts-store';
import { createConnectionStore } from '../../../renderer/state/connection-store';
import { loadWorkers } from '../../../renderer/state/loaders';
import { startSync, type AppStores } from '../../../renderer/state/sync';
import { createWorkersStore } from '../../../renderer/state/workers-store';
import { makeConfig, makeSummary, makeWorker } from './fixtures';

// The real WebSocket client and sync over a fake socket: the engine's answers are written as wire text,
// so numbers JSON cannot hold (1e309 reads as Infinity; the engine's JSON.stringify sends Infinity as null)
// reach the renderer exactly as they would from a pool that sent them.

/** JSON text of `value` with every "__INF__" string replaced by the literal 1e309. */
function wireText(value: unknown): string {
  return JSON.stringify(value).replaceAll('"__INF__"', '1e309');
}

const INF = '__INF__' as unknown as number;

class Wire {
  handlers: SocketHandlers | null = null;
  readonly sent: { id: number; channel: string; payload: unknown }[] = [];
  readonly socket: SocketLike = {
    send: (data) => this.sent.push(JSON.parse(data) as { id: number; channel: string; payload: unknown }),
    close: () => undefined,
  };
  /** Answers the oldest unanswered request on `channel` with `valueText` (raw JSON). */
  answer(channel: string, valueText: string): void {
    const index = this.sent.findIndex((request) => request.channel === channel);
    assert.notEqual(index, -1, `a ${channel} request was sent`);
    const [request] = this.sent.splice(index, 1);
    this.handlers?.onMessage(`{"type":"response","id":${request!.id},"result":{"ok":true,"value":${valueText}}}`);
  }
  push(channel: string, payloadText: string): void {
    this.handlers?.onMessage(`{"type":"event","channel":"${channel}","payload":${payloadText}}`);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function connected() {
  const wire = new Wire();
  const warnings: string[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:1/ws',
    token: 't',
    createSocket: (_url, _protocols, handlers) => {
      wire.handlers = handlers;
      return wire.socket;
    },
    schedule: () => () => undefined,
    warn: (message) => warnings.push(message),
  });
  const stores: AppStores = { accounts: createAccountsStore(), workers: createWorkersStore(), connection: createConnectionStore() };
  startSync(client.api, client, stores);
  wire.handlers?.onOpen();
  wire.answer('accounts:list', JSON.stringify([makeConfig({ id: 'good', label: 'Good farm' }), makeConfig({ id: 'bad', label: 'Bad farm' })]));
  return { wire, client, stores, warnings };
}

const good = makeSummary({ id: 'good', label: 'Good farm', hashrate: { h10m: 5e12, h1h: 5e12, h24h: 5e12 } });

describe('per-account reading of the engine state', () => {
  it('an account whose hashrate is 1e309 gets an error card; the other account renders', async () => {
    const { wire, stores } = await connected();
    const bad = makeSummary({ id: 'bad', label: 'Bad farm', hashrate: { h10m: INF, h1h: null, h24h: null } });
    wire.answer('state:get', wireText({ paused: false, accounts: [good, bad] }));
    await settle();

    const state = stores.accounts.getState();
    assert.equal(state.stateError, null);
    assert.equal(state.stateLoaded, true);
    assert.deepEqual(state.byId.good, good);
    assert.equal(state.byId.bad, undefined);
    assert.deepEqual(state.ids, ['bad', 'good'], 'both accounts keep their place, ordered by label');
    const notice = state.unreadable.bad;
    assert.equal(notice?.label, 'Bad farm');
    assert.equal(notice?.pool, 'sbi');
    assert.match(notice?.problem ?? '', /^hashrate\.h10m: .*Infinity/);
  });

  it('worker counts of 1e20 and Infinity sent as null are named with their fields', async () => {
    const { wire, stores } = await connected();
    const bad = { ...makeSummary({ id: 'bad', label: 'Bad farm' }), workers: { online: 1e20, offline: null, dead: 0, unknown: 0, total: 1 } };
    wire.answer('state:get', wireText({ paused: true, accounts: [bad, good] }));
    await settle();

    const state = stores.accounts.getState();
    assert.equal(state.paused, true);
    assert.deepEqual(Object.keys(state.byId), ['good']);
    assert.match(state.unreadable.bad?.problem ?? '', /workers\.online: .*9007199254740991/);
    assert.match(state.unreadable.bad?.problem ?? '', /workers\.offline: .*null/);
  });

  it('an entry without even an id still gets a card, under a name that cannot clash with an account id', async () => {
    const { wire, stores } = await connected();
    wire.answer('state:get', wireText({ paused: false, accounts: [good, { hashrate: INF }] }));
    await settle();
    const notices = Object.values(stores.accounts.getState().unreadable);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.id, '#2');
    assert.deepEqual(Object.keys(stores.accounts.getState().byId), ['good']);
  });

  it('a state whose frame does not read is still one error for the whole state', async () => {
    const { wire, stores } = await connected();
    wire.answer('state:get', wireText({ paused: 'maybe', accounts: [good] }));
    await settle();
    assert.match(stores.accounts.getState().stateError ?? '', /Invalid state:get response.*paused/);
  });
});

describe('per-account reading of pushed summaries', () => {
  it('an unreadable summary marks its account and keeps its last good data; the next good one clears the mark', async () => {
    const { wire, stores } = await connected();
    wire.answer('state:get', wireText({ paused: false, accounts: [good, makeSummary({ id: 'bad', label: 'Bad farm' })] }));
    await settle();

    wire.push('state:account', wireText({ ...good, label: 'Good farm', balances: [{ coin: 'BTC', unpaid: INF, unit: 'coin', group: null }] }));
    let state = stores.accounts.getState();
    assert.deepEqual(state.byId.good, good, 'the last good summary stays');
    assert.match(state.unreadable.good?.problem ?? '', /balances\.0\.unpaid/);
    assert.equal(state.unreadable.bad, undefined, 'the other account is untouched');

    const recovered = { ...good, status: 'unreachable' as const };
    wire.push('state:account', JSON.stringify(recovered));
    state = stores.accounts.getState();
    assert.equal(state.unreadable.good, undefined);
    assert.deepEqual(state.byId.good, recovered);
  });

  it('a summary that does not even name its account is dropped with a warning', async () => {
    const { wire, stores, warnings } = await connected();
    wire.answer('state:get', wireText({ paused: false, accounts: [good] }));
    await settle();
    const before = stores.accounts.getState();
    wire.push('state:account', wireText({ label: 'who?', hashrate: INF }));
    assert.equal(stores.accounts.getState().byId, before.byId);
    assert.deepEqual(stores.accounts.getState().unreadable, {});
    assert.match(warnings.join('\n'), /invalid "state:account"/);
  });

  it('an account removed after it was marked unreadable leaves no card behind', async () => {
    const { wire, stores } = await connected();
    wire.answer('state:get', wireText({ paused: false, accounts: [good, makeSummary({ id: 'bad', hashrate: { h10m: INF, h1h: null, h24h: null } })] }));
    await settle();
    wire.push('state:account-removed', JSON.stringify({ id: 'bad' }));
    assert.deepEqual(stores.accounts.getState().unreadable, {});
    assert.deepEqual(stores.accounts.getState().ids, ['good']);
  });
});

describe('per-worker reading of worker lists and deltas', () => {
  it('a list with one unreadable worker shows the others and counts the one it could not read', async () => {
    const { wire, client, stores } = await connected();
    const loading = loadWorkers(client.api, stores.workers, 'good');
    const broken = { ...makeWorker({ name: 'rig-broken' }), hashrate: { h10m: INF, h1h: null, h24h: null } };
    wire.answer('workers:get', wireText({ accountId: 'good', workers: [makeWorker({ name: 'rig-1' }), broken, makeWorker({ name: 'rig-2' })] }));
    await loading;

    const entry = stores.workers.getState().byAccount.good;
    assert.equal(entry?.status, 'ready');
    assert.deepEqual([...(entry?.workers.values() ?? [])].map((worker) => worker.name), ['rig-1', 'rig-2']);
    assert.equal(entry?.unreadable?.count, 1);
    assert.match(entry?.unreadable?.examples[0] ?? '', /“rig-broken”: hashrate\.h10m/);
  });

  it('a delta with an unreadable worker makes the list load again', async () => {
    const { wire, client, stores } = await connected();
    const loading = loadWorkers(client.api, stores.workers, 'good');
    wire.answer('workers:get', JSON.stringify({ accountId: 'good', workers: [makeWorker({ name: 'rig-1' })] }));
    await loading;

    const broken = { ...makeWorker({ name: 'rig-1' }), state: 'exploded' };
    wire.push('state:workers-delta', JSON.stringify({ accountId: 'good', upserted: [broken], removed: [], total: 1 }));
    assert.deepEqual(
      wire.sent.filter((request) => request.channel === 'workers:get').map((request) => request.payload),
      [{ accountId: 'good' }],
    );
  });
});

describe('unreadable-data sentences', () => {
  const notice: UnreadableAccount = { unreadable: true, id: 'bad', label: 'Bad farm', pool: 'sbi', problem: 'hashrate.h10m: Invalid input: expected number, received Infinity' };

  it('names the account and what was wrong', () => {
    assert.equal(
      unreadableAccountText(notice),
      'PoolWatch received data it could not read for Bad farm: hashrate.h10m: Invalid input: expected number, received Infinity.',
    );
  });

  it('counts the workers it could not read and names the first', () => {
    assert.equal(
      unreadableWorkersText('Bad farm', { count: 3, examples: ['“rig-7”: state: Invalid option'] }, { one: 'worker', many: 'workers' }),
      'PoolWatch received data it could not read for Bad farm: 3 workers (“rig-7”: state: Invalid option). The others are shown.',
    );
  });
});
