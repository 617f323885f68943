import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tokensMatch } from './request-guard';

/**
 * The browser's sign-in after its first visit with the token: an HttpOnly, SameSite=Strict cookie, so a second tab,
 * a bookmark or a ctrl-click opens signed in. Its value is derived from the token (the token itself never sits in
 * the cookie jar), so it stops working when serve restarts with a new token; its name carries the port, because
 * browsers share cookies between all ports of 127.0.0.1.
 */

/** Long enough for a bookmark to outlive many restarts with `--token-file`; 400 days is Chromium's cap. */
const MAX_AGE_SEC = 400 * 24 * 3600;

export function sessionCookieName(port: number): string {
  return `poolwatch_session_${port}`;
}

/** The cookie's value for this token: an HMAC, so it proves the token without being it. */
export function sessionCookieValue(token: string): string {
  return createHmac('sha256', token).update('poolwatch session cookie v1').digest('base64url');
}

/** The Set-Cookie header; Secure where the page came over TLS (a browser would drop it over plain http). */
export function sessionCookieHeader(port: number, token: string, secure: boolean): string {
  return `${sessionCookieName(port)}=${sessionCookieValue(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${MAX_AGE_SEC}${secure ? '; Secure' : ''}`;
}

/** The value of one cookie from a Cookie header, or null. */
export function cookieValue(headers: IncomingHttpHeaders, name: string): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
}

/** True when the request carries this server's session cookie for the current token. */
export function hasSessionCookie(headers: IncomingHttpHeaders, port: number, token: string): boolean {
  return tokensMatch(sessionCookieValue(token), cookieValue(headers, sessionCookieName(port)));
}
