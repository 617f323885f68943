export const TOKEN_STORAGE_KEY = 'poolwatch.token';

// The token travels in a WebSocket subprotocol header, so it must be an HTTP token (no spaces or separators).
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,1024}$/;

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface TokenEnvironment {
  /** location.hash, with or without the leading '#'. */
  hash: string;
  storage: TokenStorage | null;
  /** Removes the fragment from the address bar without reloading (history.replaceState). */
  clearFragment(): void;
}

/** Reads `token=...` from a URL fragment such as `#token=ab12`; null when absent or malformed. */
export function tokenFromFragment(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.includes('token=')) return null;
  const token = new URLSearchParams(fragment).get('token');
  return token !== null && TOKEN_PATTERN.test(token) ? token : null;
}

function fragmentMentionsToken(hash: string): boolean {
  return /(^#?|&)token=/.test(hash);
}

/**
 * The token for the headless server: a fresh one from the page's fragment wins (and is moved to
 * sessionStorage so the address bar, history and screenshots stop showing it); else the stored one.
 */
export function acquireToken(env: TokenEnvironment): string | null {
  const fromFragment = tokenFromFragment(env.hash);
  if (fragmentMentionsToken(env.hash)) env.clearFragment();
  if (fromFragment !== null) {
    safely(() => env.storage?.setItem(TOKEN_STORAGE_KEY, fromFragment));
    return fromFragment;
  }
  const stored = safely(() => env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null) ?? null;
  return stored !== null && TOKEN_PATTERN.test(stored) ? stored : null;
}

/** Drops a token the server refused, so a reload asks for a fresh URL instead of retrying it. */
export function forgetToken(storage: TokenStorage | null): void {
  safely(() => storage?.removeItem(TOKEN_STORAGE_KEY));
}

// Storage access throws when the browser blocks it (privacy settings); the token then lives only in memory.
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
