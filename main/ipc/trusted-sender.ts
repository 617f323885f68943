import type { SenderLike, TrustedSenderCheck } from './ipc-ports';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function comparablePath(url: URL): string {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot match the app's own path anyway.
  }
  // Windows paths ("/C:/...") are case-insensitive and Chromium may spell the drive letter differently.
  return /^\/[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}

/**
 * Whether a URL is the app's own renderer page: the same file: URL, ignoring the fragment
 * (routes live there) and the query.
 */
export function isAppPageUrl(candidate: string, appPageUrl: string): boolean {
  const url = parseUrl(candidate);
  const own = parseUrl(appPageUrl);
  if (!url || !own || own.protocol !== 'file:') return false;
  return url.protocol === 'file:' && url.host === own.host && comparablePath(url) === comparablePath(own);
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
  const url = parseUrl(frame.url);
  const origin = url ? `${url.protocol}//${url.host}` : 'an unparsable URL';
  return frame === event.sender.mainFrame ? origin : `a sub-frame at ${origin}`;
}
