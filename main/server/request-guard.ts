import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The `host:port` values and the scheme a server answers to (see listen-address.ts for the names). */
export interface AddressPolicy {
  hosts: ReadonlySet<string>;
  scheme: 'http' | 'https';
}

/** The Host values for these names on this port; names are as in a Host header (IPv6 in brackets). */
export function addressPolicy(port: number, names: readonly string[], tls: boolean): AddressPolicy {
  return { hosts: new Set(names.map((name) => `${name.toLowerCase()}:${port}`)), scheme: tls ? 'https' : 'http' };
}

/** The Host header must name this server by one of its own addresses. */
export function isAllowedHost(headers: IncomingHttpHeaders, policy: AddressPolicy): boolean {
  const host = headers.host?.toLowerCase();
  if (host === undefined) return false;
  // A browser leaves out the scheme's default port (Host: example.org for https on 443).
  const hasPort = /:\d+$/.test(host);
  return policy.hosts.has(hasPort ? host : `${host}:${defaultPort(policy.scheme)}`);
}

function defaultPort(scheme: AddressPolicy['scheme']): string {
  return scheme === 'https' ? '443' : '80';
}

/** A browser's Origin, when sent, must be this server's own; API clients send none. */
export function isAllowedOrigin(headers: IncomingHttpHeaders, policy: AddressPolicy): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    // URL drops a scheme's default port (https://host:443): put it back to compare with Host.
    const port = url.port || defaultPort(policy.scheme);
    return url.protocol === `${policy.scheme}:` && policy.hosts.has(`${url.hostname.toLowerCase()}:${port}`);
  } catch {
    return false;
  }
}

export function tokensMatch(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

export const WS_PROTOCOL = 'poolwatch.v1';
const TOKEN_PROTOCOL_PREFIX = 'token.';

/** Browsers cannot set headers on a WebSocket, so the token rides as a second subprotocol. */
export function tokenFromProtocols(headers: IncomingHttpHeaders): string | null {
  const offered = (headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
  const entry = offered.find((value) => value.startsWith(TOKEN_PROTOCOL_PREFIX));
  return entry ? entry.slice(TOKEN_PROTOCOL_PREFIX.length) : null;
}

