import { isAppPageUrl, originForLog } from '../ipc/trusted-sender';
import { silentLogger, type Logger } from '../base/logger';

/**
 * Sites a link in the app may open in the user's browser: the pools' own. Subdomains are included
 * (www., the API hosts, the dashboards).
 */
export const EXTERNAL_SITE_DOMAINS: readonly string[] = ['sbicrypto.com', 'spiderpool.com', 'webminepool.com', 'stratumsphere.io'];

/** Only plain https links to an allow-listed site, on the default port and without user info. */
export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname;
  return EXTERNAL_SITE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

/** The WebContents events and hooks the guard uses; tests pass a fake. */
export interface GuardedContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  appPageUrl: string;
  openExternal: (url: string) => Promise<void>;
  logger?: Logger;
}

/** Keeps a WebContents on the app's own page: no navigation away, no new windows, no webviews. */
export function installNavigationGuard(contents: GuardedContentsLike, options: NavigationGuardOptions): void {
  const logger = options.logger ?? silentLogger;
  const openIfAllowed = (url: string): void => {
    if (!isAllowedExternalUrl(url)) {
      logger.warn(`navigation: blocked a link to ${originForLog(url)}`);
      return;
    }
    options.openExternal(url).catch((error: unknown) => {
      logger.warn(`navigation: could not open the browser: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const guard = (event: NavigationEventLike): void => {
    if (isAppPageUrl(event.url, options.appPageUrl)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
