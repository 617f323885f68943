import {
  buildApi,
  isEventChannel,
  parseEvent,
  parseResponse,
  readServerFrame,
  requestFrame,
  type EventChannel,
  type PoolWatchApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract';
import type { ConnectionSource, ConnectionState } from './connection-state';
import { reconnectDelayMs } from './reconnect-delay';

export const WS_SUBPROTOCOL = 'poolwatch.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'token.';
/** Close code the headless server uses when the token is wrong. */
export const TOKEN_REJECTED_CLOSE_CODE = 4401;

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number, reason: string): void;
}

/** The part of a WebSocket the client uses; the browser one is adapted in browser-socket.ts. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, protocols: string[], handlers: SocketHandlers) => SocketLike;

/** Runs `run` after `delayMs`; returns the function that cancels it. */
export type Scheduler = (run: () => void, delayMs: number) => () => void;

export interface WsClientOptions {
  url: string;
  /** Null when the page is signed in by the server's session cookie alone (a second tab, a bookmark). */
  token: string | null;
  createSocket: SocketFactory;
  schedule?: Scheduler;
  nowMs?: () => number;
  warn?: (message: string) => void;
}

export interface WsClient extends ConnectionSource {
  api: PoolWatchApi;
}

/** A request that cannot be answered because the connection to the server is not there. */
export class ConnectionLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionLostError';
  }
}

interface PendingRequest {
  channel: RequestChannel;
  settle(result: unknown): void;
  fail(error: Error): void;
}

type AnyListener = (payload: unknown) => void;

const defaultScheduler: Scheduler = (run, delayMs) => {
  const handle = setTimeout(run, delayMs);
  return () => clearTimeout(handle);
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The headless transport: requests and events as JSON over one WebSocket, validated against the
 * shared contract, reconnecting with backoff. Requests made while connecting wait for the socket.
 */
export function createWsClient(options: WsClientOptions): WsClient {
  const schedule = options.schedule ?? defaultScheduler;
  const nowMs = options.nowMs ?? Date.now;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  let state: ConnectionState = { status: 'connecting', retryAtMs: null, problem: null };
  let socket: SocketLike | null = null;
  let generation = 0;
  let attempt = 0;
  let openedBefore = false;
  let started = false;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;
  let nextRequestId = 1;

  const pending = new Map<number, PendingRequest>();
  const waitingToSend: { id: number; message: string }[] = [];
  const eventListeners = new Map<EventChannel, Set<AnyListener>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const openListeners = new Set<(info: { reconnected: boolean }) => void>();
  const warned = new Set<string>();

  function warnOnce(key: string, message: string): void {
    if (warned.has(key)) return;
    warned.add(key);
    warn(message);
  }

  function setState(next: ConnectionState): void {
    state = next;
    for (const listener of stateListeners) listener(state);
  }

  function failAll(makeError: (channel: RequestChannel) => Error): void {
    const requests = [...pending.values()];
    pending.clear();
    waitingToSend.length = 0;
    for (const request of requests) request.fail(makeError(request.channel));
  }

  function connect(): void {
    cancelRetry = null;
    if (stopped) return;
    generation += 1;
    const mine = generation;
    const current = () => mine === generation && !stopped;
    setState({ status: 'connecting', retryAtMs: null, problem: null });
    try {
      const protocols = options.token === null ? [WS_SUBPROTOCOL] : [WS_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + options.token];
      socket = options.createSocket(options.url, protocols, {
        onOpen: () => current() && handleOpen(),
        onMessage: (data) => current() && handleMessage(data),
        onClose: (code) => current() && handleClose(code),
      });
    } catch (error) {
      warn(`Could not open the PoolWatch WebSocket: ${error instanceof Error ? error.message : String(error)}`);
      handleClose(1006);
    }
  }

  function handleOpen(): void {
    attempt = 0;
    setState({ status: 'open', retryAtMs: null, problem: null });
    const queued = waitingToSend.splice(0);
    for (const { id, message } of queued) transmit(id, message);
    const reconnected = openedBefore;
    openedBefore = true;
    for (const listener of openListeners) listener({ reconnected });
  }

  function handleClose(code: number): void {
    generation += 1;
    socket = null;
    if (code === TOKEN_REJECTED_CLOSE_CODE) {
      failAll(() => new ConnectionLostError('The PoolWatch server rejected the access token.'));
      setState({ status: 'closed', retryAtMs: null, problem: 'token-rejected' });
      return;
    }
    failAll(
      (channel) =>
        new ConnectionLostError(
          `Lost the connection to the PoolWatch server before it answered (${channel}). Reconnecting; please try again.`,
        ),
    );
    const delayMs = reconnectDelayMs(attempt);
    attempt += 1;
    setState({ status: 'closed', retryAtMs: nowMs() + delayMs, problem: null });
    cancelRetry = schedule(connect, delayMs);
  }

  function handleMessage(data: unknown): void {
    const frame = typeof data === 'string' ? readServerFrame(data) : null;
    if (frame === null) {
      warnOnce('malformed', 'Dropped a malformed message from the PoolWatch server.');
      return;
    }
    if (frame.type === 'event') {
      dispatchEvent(frame.channel, frame.payload);
      return;
    }
    const request = pending.get(frame.id);
    if (request === undefined) return;
    pending.delete(frame.id);
    request.settle(frame.result);
  }

  function dispatchEvent(channel: unknown, payload: unknown): void {
    if (!isEventChannel(channel)) {
      warnOnce(`unknown:${String(channel)}`, `Dropped an event on unknown channel "${String(channel)}".`);
      return;
    }
    const parsed = parseEvent(channel, payload);
    if (parsed === null) {
      warnOnce(`invalid:${channel}`, `Dropped invalid "${channel}" events from the PoolWatch server.`);
      return;
    }
    const received: unknown = parsed;
    if (isRecord(received) && received.unreadable !== undefined) {
      warnOnce(`invalid:${channel}`, `Some "${channel}" data from the PoolWatch server could not be read; the UI shows where.`);
    }
    for (const listener of eventListeners.get(channel) ?? []) {
      try {
        listener(parsed);
      } catch (error) {
        // One broken subscriber must not starve the others of events.
        console.error(error);
      }
    }
  }

  function transmit(id: number, message: string): void {
    try {
      if (socket === null) throw new Error('no socket');
      socket.send(message);
    } catch {
      const request = pending.get(id);
      pending.delete(id);
      request?.fail(new ConnectionLostError(`Could not send ${request.channel} to the PoolWatch server.`));
    }
  }

  function send<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      if (state.status === 'closed' || stopped) {
        reject(
          new ConnectionLostError(
            state.problem === 'token-rejected'
              ? 'The PoolWatch server rejected the access token.'
              : 'Not connected to the PoolWatch server; reconnecting. Please try again in a moment.',
          ),
        );
        return;
      }
      const id = nextRequestId++;
      pending.set(id, {
        channel,
        settle: (result) => {
          try {
            resolve(parseResponse(channel, result));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        fail: reject,
      });
      const message = requestFrame(id, channel, request);
      if (state.status === 'open') transmit(id, message);
      else waitingToSend.push({ id, message });
    });
  }

  const on: PoolWatchApi['on'] = (channel, listener) => {
    let listeners = eventListeners.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      eventListeners.set(channel, listeners);
    }
    const stored = listener as AnyListener;
    listeners.add(stored);
    return () => {
      listeners.delete(stored);
    };
  };

  return {
    api: buildApi(send, on),
    getState: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    start() {
      if (started) return;
      started = true;
      connect();
    },
    stop() {
      stopped = true;
      cancelRetry?.();
      cancelRetry = null;
      const closing = socket;
      socket = null;
      generation += 1;
      failAll(() => new ConnectionLostError('The PoolWatch client was stopped.'));
      closing?.close(1000, 'client stopped');
      setState({ status: 'closed', retryAtMs: null, problem: state.problem });
    },
  };
}
