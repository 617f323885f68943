/** How the UI is connected to the engine: 'closed' covers both "waiting to retry" and "given up". */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the next reconnect attempt starts (ms since epoch), while closed and retrying. */
  retryAtMs: number | null;
  /** Set when reconnecting cannot help: the server refused our token. */
  problem: 'token-rejected' | null;
}

/** Where the engine's connection comes from: the WebSocket client, or the Electron bridge (always open). */
export interface ConnectionSource {
  getState(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Fires each time the connection opens; `reconnected` is false on the first open. */
  onOpen(listener: (info: { reconnected: boolean }) => void): () => void;
  start(): void;
  stop(): void;
}

export const OPEN_CONNECTION: ConnectionState = { status: 'open', retryAtMs: null, problem: null };

/** The Electron preload bridge has no connection to lose: it is open once started. */
export function createStaticConnection(): ConnectionSource {
  const openListeners = new Set<(info: { reconnected: boolean }) => void>();
  return {
    getState: () => OPEN_CONNECTION,
    onStateChange: () => () => {},
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    start() {
      for (const listener of openListeners) listener({ reconnected: false });
    },
    stop() {
      openListeners.clear();
    },
  };
}
