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

/** The headless server's sign-in: it answers 204 and sets its session cookie to a page with the token or the cookie. */
export const SESSION_PATH = '/api/session';

function sessionStorageOrNull(): TokenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Asks the server for its session cookie (with the token), or whether the cookie this browser has still holds. */
async function signIn(token: string | null): Promise<boolean> {
  try {
    const response = await fetch(SESSION_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      ...(token === null ? {} : { headers: { Authorization: `Bearer ${token}` } }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Picks the transport: the Electron preload bridge when present, else the headless server's WebSocket, signed in by
 * the token from the link (which also gets this browser the server's session cookie, for other tabs and bookmarks)
 * or by that cookie alone.
 */
export async function startClient(): Promise<ClientBoot> {
  const bridge = electronBridge();
  if (bridge !== null) return { kind: 'ready', transport: 'electron', api: bridge, connection: createStaticConnection() };

  // Before anything awaits: the token leaves the address bar at once.
  const storage = sessionStorageOrNull();
  const token = acquireToken({
    hash: window.location.hash,
    storage,
    clearFragment: () => window.history.replaceState(null, '', window.location.pathname + window.location.search),
  });
  if (token === null && !(await signIn(null))) return { kind: 'no-token' };
  // With a token the page need not wait: the cookie only matters to the next tab.
  if (token !== null) void signIn(token);

  const client = createWsClient({ url: socketUrl(window.location), token, createSocket: createBrowserSocket });
  client.onStateChange((state) => {
    if (state.problem === 'token-rejected') forgetToken(storage);
  });
  return { kind: 'ready', transport: 'websocket', api: client.api, connection: client };
}
