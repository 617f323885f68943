import type { PoolWatchApi } from '../../shared/contract';
import { createBrowserSocket } from './browser-socket';
import { createStaticConnection, type ConnectionSource } from './connection-state';
import { acquireToken, forgetToken, type TokenStorage } from './token';
import { electronBridge } from './window-bridge';
import { createWsClient } from './ws-client';
import { socketUrl } from './socket-url';

export type ClientBoot =
  | { kind: 'ready'; transport: 'electron' | 'websocket'; api: PoolWatchApi; connection: ConnectionSource }
  | { kind: 'no-token' };

function sessionStorageOrNull(): TokenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Picks the transport: the Electron preload bridge when present, else the headless server's WebSocket. */
export function startClient(): ClientBoot {
  const bridge = electronBridge();
  if (bridge !== null) return { kind: 'ready', transport: 'electron', api: bridge, connection: createStaticConnection() };

  const storage = sessionStorageOrNull();
  const token = acquireToken({
    hash: window.location.hash,
    storage,
    clearFragment: () => window.history.replaceState(null, '', window.location.pathname + window.location.search),
  });
  if (token === null) return { kind: 'no-token' };

  const client = createWsClient({ url: socketUrl(window.location), token, createSocket: createBrowserSocket });
  client.onStateChange((state) => {
    if (state.problem === 'token-rejected') forgetToken(storage);
  });
  return { kind: 'ready', transport: 'websocket', api: client.api, connection: client };
}
