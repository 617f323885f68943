import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export const LOOPBACK_HOST = '127.0.0.1';

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);

/** The address as `listen` takes it: IPv6 without brackets. */
export function bindAddress(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackAddress(host: string): boolean {
  const address = bindAddress(host).toLowerCase();
  return address === 'localhost' || address === '::1' || /^127(\.\d{1,3}){3}$/.test(address);
}

/** An address as it appears in a Host header or URL: IPv6 in brackets. */
export function hostForUrl(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/**
 * The names a browser or Prometheus may put in the Host header for a server listening on `host`, without the port:
 * the loopback names always; for a wildcard (0.0.0.0, ::) every address of this machine and its host name; otherwise
 * the address or name given. Anything else is a DNS-rebinding attempt or a proxy mistake.
 */
export function hostNamesFor(host: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const address = bindAddress(host);
  if (WILDCARDS.has(host) || WILDCARDS.has(address)) {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(hostForUrl(entry.address.replace(/%.*$/, '')).toLowerCase());
    }
    names.add(hostname().toLowerCase());
  } else {
    names.add(hostForUrl(address).toLowerCase());
  }
  return [...names];
}

/** The host to print in the URL to open: the machine's name for a wildcard, else the address given. */
export function printedHost(host: string): string {
  const address = bindAddress(host);
  return WILDCARDS.has(address) ? hostname() : hostForUrl(address);
}
