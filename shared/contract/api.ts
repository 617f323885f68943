import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels';

/**
 * The engine as the UI sees it: one named method per request channel and one subscription per event.
 * Implemented by the Electron preload bridge and by the headless WebSocket client.
 */
export interface PoolWatchApi {
  accounts: {
    list(): Promise<ResponseOf<'accounts:list'>>;
    save(request: RequestOf<'accounts:save'>): Promise<ResponseOf<'accounts:save'>>;
    remove(request: RequestOf<'accounts:remove'>): Promise<ResponseOf<'accounts:remove'>>;
    test(request: RequestOf<'accounts:test'>): Promise<ResponseOf<'accounts:test'>>;
  };
  state: { get(): Promise<ResponseOf<'state:get'>> };
  workers: { get(request: RequestOf<'workers:get'>): Promise<ResponseOf<'workers:get'>> };
  engine: {
    setPaused(request: RequestOf<'engine:set-paused'>): Promise<ResponseOf<'engine:set-paused'>>;
    pollNow(request: RequestOf<'engine:poll-now'>): Promise<ResponseOf<'engine:poll-now'>>;
  };
  /** Subscribes to an engine event; returns the function that unsubscribes. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void;
}

/** Builds the API from a function that sends one request; used by both transports' clients. */
export function buildApi(
  send: <C extends RequestChannel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>,
  on: PoolWatchApi['on'],
): PoolWatchApi {
  return {
    accounts: {
      list: () => send('accounts:list', {}),
      save: (request) => send('accounts:save', request),
      remove: (request) => send('accounts:remove', request),
      test: (request) => send('accounts:test', request),
    },
    state: { get: () => send('state:get', {}) },
    workers: { get: (request) => send('workers:get', request) },
    engine: {
      setPaused: (request) => send('engine:set-paused', request),
      pollNow: (request) => send('engine:poll-now', request),
    },
    on,
  };
}
