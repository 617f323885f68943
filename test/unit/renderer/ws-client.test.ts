import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractError } from '../../../shared/contract';
import type { ConnectionState } from '../../../renderer/api/connection-state';
import { reconnectDelayMs } from '../../../renderer/api/reconnect-delay';
import {
  ConnectionLostError,
  createWsClient,
  type SocketHandlers,
  type SocketLike,
  type WsClient,
} from '../../../renderer/api/ws-client';
import { makeSummary } from './fixtures';

class FakeSocket implements SocketLike {
  readonly sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
    private readonly handlers: SocketHandlers,
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
  }
  serverOpens(): void {
    this.handlers.onOpen();
  }
  serverSends(message: unknown): void {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }
  serverCloses(code: number): void {
    this.handlers.onClose(code, '');
  }
}

interface Harness {
  client: WsClient;
  sockets: FakeSocket[];
  timers: { run: () => void; delayMs: number; cancelled: boolean }[];
  warnings: string[];
  states: ConnectionState[];
  now: { ms: number };
  socket(): FakeSocket;
}

function harness(): Harness {
  const sockets: FakeSocket[] = [];
  const timers: Harness['timers'] = [];
  const warnings: string[] = [];
  const states: ConnectionState[] = [];
  const now = { ms: 1_000_000 };
  const client = createWsClient({
    url: 'ws://127.0.0.1:4000/ws',
    token: 'abc123',
    createSocket: (url, protocols, handlers) => {
      const socket = new FakeSocket(url, protocols, handlers);
      sockets.push(socket);
      return socket;
    },
    schedule: (run, delayMs) => {
      const timer = { run, delayMs, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    nowMs: () => now.ms,
    warn: (message) => warnings.push(message),
  });
  client.onStateChange((state) => states.push(state));
  return {
    client,
    sockets,
    timers,
    warnings,
    states,
    now,
    socket() {
      const last = sockets.at(-1);
      assert.ok(last, 'a socket was created');
      return last;
    },
  };
}

function lastRequest(socket: FakeSocket): { type: string; id: number; channel: string; payload: unknown } {
  const message = socket.sent.at(-1) as { type: string; id: number; channel: string; payload: unknown } | undefined;
  assert.ok(message, 'a request was sent');
  return message;
}

describe('ws client: connecting', () => {
  it('opens the socket on /ws with the protocol and token subprotocols', () => {
    const h = harness();
    h.client.start();
    assert.equal(h.socket().url, 'ws://127.0.0.1:4000/ws');
    assert.deepEqual(h.socket().protocols, ['poolwatch.v1', 'token.abc123']);
    assert.equal(h.client.getState().status, 'connecting');
    h.socket().serverOpens();
    assert.equal(h.client.getState().status, 'open');
  });

  it('holds requests made while connecting and sends them once open', async () => {
    const h = harness();
    h.client.start();
    const answer = h.client.api.engine.setPaused({ paused: true });
    assert.equal(h.socket().sent.length, 0);
    h.socket().serverOpens();
    const request = lastRequest(h.socket());
    assert.deepEqual(
      { type: request.type, channel: request.channel, payload: request.payload },
      { type: 'request', channel: 'engine:set-paused', payload: { paused: true } },
    );
    h.socket().serverSends({ type: 'response', id: request.id, result: { ok: true, value: { paused: true } } });
    assert.deepEqual(await answer, { paused: true });
  });

  it('matches responses to requests by id, whatever the order', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const first = h.client.api.engine.pollNow({});
    const firstId = lastRequest(h.socket()).id;
    const second = h.client.api.engine.pollNow({ accountId: 'a' });
    const secondId = lastRequest(h.socket()).id;
    assert.notEqual(firstId, secondId);
    h.socket().serverSends({ type: 'response', id: secondId, result: { ok: true, value: { started: 1 } } });
    h.socket().serverSends({ type: 'response', id: firstId, result: { ok: true, value: { started: 3 } } });
    assert.deepEqual(await first, { started: 3 });
    assert.deepEqual(await second, { started: 1 });
  });
});

describe('ws client: validation', () => {
  it('rejects with the engine error, code and message intact', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const answer = h.client.api.accounts.save({ account: { pool: 'sbi', label: 'x', mode: 'api-key' }, secrets: {} });
    h.socket().serverSends({
      type: 'response',
      id: lastRequest(h.socket()).id,
      result: { ok: false, error: { code: 'keychain_unavailable', message: 'The system keychain is locked.' } },
    });
    await assert.rejects(answer, (error: unknown) => {
      assert.ok(error instanceof ContractError);
      assert.equal(error.code, 'keychain_unavailable');
      assert.equal(error.message, 'The system keychain is locked.');
      return true;
    });
  });

  it('rejects a response whose value does not match the channel schema', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const answer = h.client.api.engine.setPaused({ paused: false });
    h.socket().serverSends({ type: 'response', id: lastRequest(h.socket()).id, result: { ok: true, value: { paused: 'no' } } });
    await assert.rejects(answer, (error: unknown) => error instanceof ContractError && error.code === 'internal');
  });

  it('delivers valid events, drops invalid ones (an unreadable summary arrives as a notice), warning once per channel', () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const received: string[] = [];
    const paused: boolean[] = [];
    h.client.api.on('state:account', (summary) => received.push('unreadable' in summary ? `${summary.id} (unreadable)` : summary.id));
    h.client.api.on('state:paused', (event) => paused.push(event.paused));

    h.socket().serverSends({ type: 'event', channel: 'state:account', payload: makeSummary({ id: 'acc-1' }) });
    h.socket().serverSends({ type: 'event', channel: 'state:account', payload: { id: 'broken' } });
    h.socket().serverSends({ type: 'event', channel: 'state:account', payload: { id: 'broken-again' } });
    h.socket().serverSends({ type: 'event', channel: 'state:paused', payload: { paused: 'yes' } });
    h.socket().serverSends({ type: 'event', channel: 'state:paused', payload: { paused: true } });

    assert.deepEqual(received, ['acc-1', 'broken (unreadable)', 'broken-again (unreadable)']);
    assert.deepEqual(paused, [true]);
    assert.equal(h.warnings.filter((w) => w.includes('state:account')).length, 1);
    assert.equal(h.warnings.filter((w) => w.includes('state:paused')).length, 1);
  });

  it('ignores events on unknown channels and garbage frames without throwing', () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    h.socket().serverSends({ type: 'event', channel: 'state:nope', payload: {} });
    h.socket().serverSends('not json');
    h.socket().serverSends('[1,2]');
    assert.equal(h.warnings.length, 2);
  });

  it('stops delivering to a listener once it unsubscribes', () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const seen: boolean[] = [];
    const stop = h.client.api.on('state:paused', (event) => seen.push(event.paused));
    h.socket().serverSends({ type: 'event', channel: 'state:paused', payload: { paused: true } });
    stop();
    h.socket().serverSends({ type: 'event', channel: 'state:paused', payload: { paused: false } });
    assert.deepEqual(seen, [true]);
  });
});

describe('ws client: losing the connection', () => {
  it('rejects pending requests with a clear error when the socket closes', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const answer = h.client.api.state.get();
    h.socket().serverCloses(1006);
    await assert.rejects(answer, (error: unknown) => {
      assert.ok(error instanceof ConnectionLostError);
      assert.match(error.message, /Lost the connection.*state:get/);
      return true;
    });
  });

  it('rejects requests at once while waiting to reconnect', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverCloses(1006);
    await assert.rejects(h.client.api.state.get(), /Not connected/);
  });

  it('reconnects after 1 s, doubling to a 15 s ceiling, and resets after a successful open', () => {
    const h = harness();
    h.client.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      h.socket().serverCloses(1006);
      const timer = h.timers.at(-1);
      assert.ok(timer);
      delays.push(timer.delayMs);
      timer.run();
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 15000, 15000]);
    assert.equal(h.sockets.length, 7);

    h.socket().serverOpens();
    h.socket().serverCloses(1001);
    assert.equal(h.timers.at(-1)?.delayMs, 1000);
  });

  it('reports closed with the retry time, then connecting, then open', () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    h.socket().serverCloses(1006);
    assert.deepEqual(h.client.getState(), { status: 'closed', retryAtMs: h.now.ms + 1000, problem: null });
    h.timers.at(-1)?.run();
    assert.equal(h.client.getState().status, 'connecting');
    h.socket().serverOpens();
    assert.deepEqual(
      h.states.map((state) => state.status),
      ['connecting', 'open', 'closed', 'connecting', 'open'],
    );
  });

  it('tells open listeners whether this open is a reconnect', () => {
    const h = harness();
    const opens: boolean[] = [];
    h.client.onOpen(({ reconnected }) => opens.push(reconnected));
    h.client.start();
    h.socket().serverOpens();
    h.socket().serverCloses(1006);
    h.timers.at(-1)?.run();
    h.socket().serverOpens();
    assert.deepEqual(opens, [false, true]);
  });

  it('ignores frames from a socket it has already replaced', async () => {
    const h = harness();
    h.client.start();
    const old = h.socket();
    old.serverOpens();
    old.serverCloses(1006);
    h.timers.at(-1)?.run();
    h.socket().serverOpens();
    const answer = h.client.api.engine.setPaused({ paused: true });
    const id = lastRequest(h.socket()).id;
    old.serverSends({ type: 'response', id, result: { ok: true, value: { paused: false } } });
    h.socket().serverSends({ type: 'response', id, result: { ok: true, value: { paused: true } } });
    assert.deepEqual(await answer, { paused: true });
  });

  it('gives up and says the token was rejected on close code 4401', async () => {
    const h = harness();
    h.client.start();
    h.socket().serverOpens();
    const answer = h.client.api.state.get();
    h.socket().serverCloses(4401);
    await assert.rejects(answer, /rejected the access token/);
    assert.deepEqual(h.client.getState(), { status: 'closed', retryAtMs: null, problem: 'token-rejected' });
    assert.equal(h.timers.length, 0, 'no reconnect is scheduled');
    await assert.rejects(h.client.api.state.get(), /rejected the access token/);
  });

  it('stop() closes the socket and cancels a pending reconnect', () => {
    const h = harness();
    h.client.start();
    h.socket().serverCloses(1006);
    const timer = h.timers.at(-1);
    h.client.stop();
    assert.equal(timer?.cancelled, true);
    assert.equal(h.client.getState().status, 'closed');
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 1 s and stays at 15 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map(reconnectDelayMs), [1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});
