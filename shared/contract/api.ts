import type { EventChannel, ReceivedEventOf, RequestChannel, RequestOf, ResponseOf } from './channels';

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
  alerts: {
    active(): Promise<ResponseOf<'alerts:active'>>;
    retired(request?: RequestOf<'alerts:retired'>): Promise<ResponseOf<'alerts:retired'>>;
    history(request: RequestOf<'alerts:history'>): Promise<ResponseOf<'alerts:history'>>;
    snooze(request: RequestOf<'alerts:snooze'>): Promise<ResponseOf<'alerts:snooze'>>;
    unsnooze(request: RequestOf<'alerts:unsnooze'>): Promise<ResponseOf<'alerts:unsnooze'>>;
    snoozes(): Promise<ResponseOf<'alerts:snoozes'>>;
    getSettings(): Promise<ResponseOf<'alerts:get-settings'>>;
    saveSettings(request: RequestOf<'alerts:save-settings'>): Promise<ResponseOf<'alerts:save-settings'>>;
  };
  history: {
    hashrate(request: RequestOf<'history:hashrate'>): Promise<ResponseOf<'history:hashrate'>>;
    workerStates(request: RequestOf<'history:worker-states'>): Promise<ResponseOf<'history:worker-states'>>;
    earnings(request: RequestOf<'history:earnings'>): Promise<ResponseOf<'history:earnings'>>;
    exportCsv(request: RequestOf<'export:csv'>): Promise<ResponseOf<'export:csv'>>;
  };
  channels: {
    list(): Promise<ResponseOf<'channels:list'>>;
    save(request: RequestOf<'channels:save'>): Promise<ResponseOf<'channels:save'>>;
    remove(request: RequestOf<'channels:remove'>): Promise<ResponseOf<'channels:remove'>>;
    test(request: RequestOf<'channels:test'>): Promise<ResponseOf<'channels:test'>>;
  };
  settings: {
    get(): Promise<ResponseOf<'settings:get'>>;
    save(request: RequestOf<'settings:save'>): Promise<ResponseOf<'settings:save'>>;
  };
  actions: {
    offer(request: RequestOf<'actions:offer'>): Promise<ResponseOf<'actions:offer'>>;
    run(request: RequestOf<'actions:run'>): Promise<ResponseOf<'actions:run'>>;
  };
  /** Subscribes to an engine event; returns the function that unsubscribes. */
  on<C extends EventChannel>(channel: C, listener: (payload: ReceivedEventOf<C>) => void): () => void;
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
    alerts: {
      active: () => send('alerts:active', {}),
      retired: (request = {}) => send('alerts:retired', request),
      history: (request) => send('alerts:history', request),
      snooze: (request) => send('alerts:snooze', request),
      unsnooze: (request) => send('alerts:unsnooze', request),
      snoozes: () => send('alerts:snoozes', {}),
      getSettings: () => send('alerts:get-settings', {}),
      saveSettings: (request) => send('alerts:save-settings', request),
    },
    history: {
      hashrate: (request) => send('history:hashrate', request),
      workerStates: (request) => send('history:worker-states', request),
      earnings: (request) => send('history:earnings', request),
      exportCsv: (request) => send('export:csv', request),
    },
    channels: {
      list: () => send('channels:list', {}),
      save: (request) => send('channels:save', request),
      remove: (request) => send('channels:remove', request),
      test: (request) => send('channels:test', request),
    },
    settings: {
      get: () => send('settings:get', {}),
      save: (request) => send('settings:save', request),
    },
    actions: {
      offer: (request) => send('actions:offer', request),
      run: (request) => send('actions:run', request),
    },
    on,
  };
}
