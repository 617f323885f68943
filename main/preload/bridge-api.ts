import {
  ContractError,
  buildApi,
  isEventChannel,
  isRequestChannel,
  parseEvent,
  parseResponse,
  type EventChannel,
  type PoolWatchApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract';

/** The name under which the preload exposes the API: `window.poolwatch`. */
export const BRIDGE_GLOBAL_NAME = 'poolwatch';

/** What the renderer finds at `window.poolwatch` in Electron. */
export type PoolWatchBridge = PoolWatchApi;

/** Electron's IpcRendererEvent is deliberately typed unknown: it must never reach the page (it exposes ipcRenderer). */
export type IpcRendererListener = (event: unknown, payload: unknown) => void;

/** The three ipcRenderer calls the bridge needs; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: IpcRendererListener): void;
  off(channel: string, listener: IpcRendererListener): void;
}

export interface BridgeOptions {
  /** Where a page listener's exception goes; one failing listener must not starve the others. */
  reportListenerError?: (error: unknown) => void;
}

type PayloadListener = (payload: unknown) => void;

/**
 * Builds `window.poolwatch`: one named method per request channel, responses and events validated on receipt.
 * One ipcRenderer listener per event channel fans out to the page's listeners, so each payload is parsed once.
 */
export function createBridgeApi(ipc: IpcRendererLike, options: BridgeOptions = {}): PoolWatchBridge {
  const reportListenerError = options.reportListenerError ?? ((error: unknown) => console.error(error));
  const listeners = new Map<EventChannel, { fanOut: IpcRendererListener; targets: Set<PayloadListener> }>();

  const send = async <C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    if (!isRequestChannel(channel)) throw new ContractError('invalid_request', `Unknown channel "${String(channel)}".`);
    let envelope: unknown;
    try {
      envelope = await ipc.invoke(channel, request);
    } catch {
      // Electron's own message here names internals ("No handler registered for ..."): give a sentence instead.
      throw new ContractError('internal', 'The PoolWatch engine did not answer; restart the app if this persists.');
    }
    return parseResponse(channel, envelope);
  };

  const on: PoolWatchApi['on'] = (channel, listener) => {
    if (!isEventChannel(channel)) throw new ContractError('invalid_request', `"${String(channel)}" is not an event channel.`);
    if (typeof listener !== 'function') throw new ContractError('invalid_request', 'The listener must be a function.');
    const target = listener as PayloadListener;
    let entry = listeners.get(channel);
    if (!entry) {
      const targets = new Set<PayloadListener>();
      const fanOut: IpcRendererListener = (_event, payload) => {
        const parsed = parseEvent(channel, payload);
        if (parsed === null) return;
        for (const each of [...targets]) {
          try {
            each(parsed);
          } catch (error) {
            reportListenerError(error);
          }
        }
      };
      entry = { fanOut, targets };
      listeners.set(channel, entry);
      ipc.on(channel, fanOut);
    }
    const current = entry;
    // The same function subscribed twice gets its own unsubscribe each time: wrap it.
    const wrapped: PayloadListener = (payload) => target(payload);
    current.targets.add(wrapped);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      current.targets.delete(wrapped);
      if (current.targets.size === 0 && listeners.get(channel) === current) {
        listeners.delete(channel);
        ipc.off(channel, current.fanOut);
      }
    };
  };

  return buildApi(send, on);
}
