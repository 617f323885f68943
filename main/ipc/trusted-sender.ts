import type { SenderLike, TrustedSenderCheck } from './ipc-ports';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Scheme and host only, for logs: a URL's path, query or fragment may carry anything. */
export function originForLog(candidate: string): string {
  const url = parseUrl(candidate);
  return url ? `${url.protocol}//${url.host}` : 'an unparsable URL';
}

/**
 * Whether a URL is the app's own renderer page (app://poolwatch/index.html, main/app/app-protocol.ts): the same
 * scheme, host and path, no user info, ignoring the fragment (routes live there) and the query. Never a file:
 * URL: any local file, a downloaded one too, could claim that name.
 */
export function isAppPageUrl(candidate: string, appPageUrl: string): boolean {
  const url = parseUrl(candidate);
  const own = parseUrl(appPageUrl);
  if (!url || !own || own.protocol === 'file:' || own.host === '') return false;
  return (
    url.protocol === own.protocol &&
    url.host === own.host &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === own.pathname
  );
}

/** Accepts only messages from the main frame of a page showing the app's own renderer (no iframes, no other pages). */
export function createTrustedSenderCheck(appPageUrl: string): TrustedSenderCheck {
  return (event: SenderLike): boolean => {
    const frame = event.senderFrame;
    if (frame === null || frame !== event.sender.mainFrame) return false;
    return isAppPageUrl(frame.url, appPageUrl);
  };
}

/** Where a refused message came from, for the log: scheme and host only, never a full URL with its query. */
export function describeSender(event: SenderLike): string {
  const frame = event.senderFrame;
  if (frame === null) return 'a destroyed frame';
  const origin = originForLog(frame.url);
  return frame === event.sender.mainFrame ? origin : `a sub-frame at ${origin}`;
}
