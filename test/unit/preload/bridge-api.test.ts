import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContractError, type EventChannel, type PoolWatchApi } from '../../../shared/contract';
import { createBridgeApi, type IpcRendererLike, type IpcRendererListener } from '../../../main/preload/bridge-api';
import { makeSummary } from '../app/fakes';

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<[string, unknown]> = [];
  readonly listeners = new Map<string, Set<IpcRendererListener>>();
  reply: (channel: string, payload: unknown) => Promise<unknown> = async () => ({ ok: true, value: {} });

  invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push([channel, payload]);
    return this.reply(channel, payload);
  }
  on(channel: string, listener: IpcRendererListener): void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  off(channel: string, listener: IpcRendererListener): void {
    this.listeners.get(channel)?.delete(listener);
    if (this.listeners.get(channel)?.size === 0) this.listeners.delete(channel);
  }
  push(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipc-internals' }, payload);
  }
}

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractError, `expected a ContractError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

describe('createBridgeApi requests', () => {
  it('invokes the named channel and returns the validated value', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => ({ ok: true, value: { paused: true } });
    const api = createBridgeApi(ipc);
    assert.deepEqual(await api.engine.setPaused({ paused: true }), { paused: true });
    assert.deepEqual(ipc.invoked, [['engine:set-paused', { paused: true }]]);
  });

  it('rejects with a ContractError when the response does not match the schema', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => ({ ok: true, value: { paused: 'maybe' } });
    await rejectsWithCode(createBridgeApi(ipc).engine.setPaused({ paused: true }), 'internal');
  });

  it('rejects when the envelope itself is malformed', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => 'surprise';
    await rejectsWithCode(createBridgeApi(ipc).state.get(), 'internal');
  });

  it("rejects with the engine's own code and sentence on an error envelope", async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => ({ ok: false, error: { code: 'not_found', message: 'There is no account "x".' } });
    await assert.rejects(createBridgeApi(ipc).workers.get({ accountId: 'x' }), {
      name: 'ContractError',
      code: 'not_found',
      message: 'There is no account "x".',
    });
  });

  it('rejects with a plain sentence when the invoke itself fails', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = async () => {
      throw new Error("Error invoking remote method 'state:get': Error: No handler registered for 'state:get'");
    };
    await assert.rejects(createBridgeApi(ipc).state.get(), (error: unknown) => {
      assert.ok(error instanceof ContractError);
      assert.doesNotMatch(error.message, /handler/);
      return true;
    });
  });
});

describe('createBridgeApi events', () => {
  it('delivers valid payloads without the IPC event object', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBridgeApi(ipc);
    const received: unknown[][] = [];
    api.on('state:paused', (...args: unknown[]) => received.push(args));
    ipc.push('state:paused', { paused: true });
    assert.deepEqual(received, [[{ paused: true }]]);
  });

  it('drops payloads that fail the schema; a summary that names its account arrives as a notice', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBridgeApi(ipc);
    const received: unknown[] = [];
    api.on('state:account', (summary) => received.push(summary));
    ipc.push('state:account', { id: 'acc-1' });
    ipc.push('state:account', null);
    ipc.push('state:account', makeSummary());
    assert.equal(received.length, 2);
    assert.equal((received[0] as { unreadable?: unknown; id: string }).unreadable, true);
    assert.equal((received[0] as { id: string }).id, 'acc-1');
  });

  it('unsubscribes, and removes the IPC listener when the last page listener goes', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBridgeApi(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('state:paused', (payload) => a.push(payload));
    const offB = api.on('state:paused', (payload) => b.push(payload));
    assert.equal(ipc.listeners.get('state:paused')?.size, 1);
    offA();
    offA();
    ipc.push('state:paused', { paused: false });
    assert.equal(a.length, 0);
    assert.equal(b.length, 1);
    offB();
    assert.equal(ipc.listeners.has('state:paused'), false);
    const c: unknown[] = [];
    api.on('state:paused', (payload) => c.push(payload));
    ipc.push('state:paused', { paused: true });
    assert.equal(c.length, 1);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBridgeApi(ipc);
    const seen: unknown[] = [];
    const listener = (payload: unknown): void => {
      seen.push(payload);
    };
    const off1 = api.on('state:paused', listener);
    api.on('state:paused', listener);
    off1();
    ipc.push('state:paused', { paused: true });
    assert.equal(seen.length, 1);
  });

  it('accepts only event channels', () => {
    const ipc = new FakeIpcRenderer();
    const api = createBridgeApi(ipc);
    // The page is untrusted: it can pass any string at runtime whatever the types say.
    const on = api.on as (channel: string, listener: (payload: unknown) => void) => () => void;
    for (const channel of ['state:get', 'accounts:save', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString']) {
      assert.throws(() => on(channel, () => {}), ContractError, channel);
    }
    assert.equal(ipc.listeners.size, 0);
  });

  it('a throwing page listener does not starve the others', () => {
    const ipc = new FakeIpcRenderer();
    const errors: unknown[] = [];
    const api: PoolWatchApi = createBridgeApi(ipc, { reportListenerError: (error) => errors.push(error) });
    const seen: unknown[] = [];
    api.on('state:paused', () => {
      throw new Error('page bug');
    });
    api.on('state:paused', (payload) => seen.push(payload));
    ipc.push('state:paused', { paused: true });
    assert.equal(seen.length, 1);
    assert.equal(errors.length, 1);
  });

  it('exposes only the contract methods', () => {
    const api = createBridgeApi(new FakeIpcRenderer());
    assert.deepEqual(Object.keys(api).sort(), ['accounts', 'actions', 'alerts', 'channels', 'engine', 'history', 'on', 'settings', 'state', 'workers']);
    const channel: EventChannel = 'state:account-removed';
    assert.equal(typeof api.on(channel, () => {}), 'function');
  });
});
