import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/**
 * Whether the operating system has a way out to the internet: a default route (Linux /proc/net/route and
 * /proc/net/ipv6_route), else any non-loopback address. Read only when every pool fails at once, so cheap.
 */

const RTF_UP = 0x1;
const RTF_REJECT = 0x200;

/** /proc/net/route: a row with destination and mask 0.0.0.0, flagged up. */
export function hasIpv4DefaultRoute(table: string): boolean {
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const [iface, destination, , flags, , , , mask] = line.trim().split(/\s+/);
      if (!iface || iface === 'lo' || destination !== '00000000' || mask !== '00000000') return false;
      return (Number.parseInt(flags ?? '', 16) & RTF_UP) !== 0;
    });
}

/** /proc/net/ipv6_route: a ::/0 row, up, not the kernel's reject route on lo. */
export function hasIpv6DefaultRoute(table: string): boolean {
  return table.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) return false;
    const [destination, prefix] = fields;
    const flags = Number.parseInt(fields[8] ?? '', 16);
    const iface = fields[9];
    if (!/^0{32}$/.test(destination ?? '') || prefix !== '00' || iface === 'lo') return false;
    return (flags & RTF_UP) !== 0 && (flags & RTF_REJECT) === 0;
  });
}

/** Reads /proc/net/<name>; null where there is no such file (not Linux, or no IPv6). */
export function readProcNet(name: 'route' | 'ipv6_route'): string | null {
  try {
    return readFileSync(`/proc/net/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/** true/false from the route tables; null when neither can be read. */
export function hasDefaultRoute(read: (name: 'route' | 'ipv6_route') => string | null = readProcNet): boolean | null {
  const v4 = read('route');
  const v6 = read('ipv6_route');
  if (v4 === null && v6 === null) return null;
  return (v4 !== null && hasIpv4DefaultRoute(v4)) || (v6 !== null && hasIpv6DefaultRoute(v6));
}

/** Any address outside loopback and IPv6 link-local: the fallback where there is no route table to read. */
function hasExternalAddress(): boolean | null {
  try {
    return Object.values(networkInterfaces()).some((addresses) =>
      (addresses ?? []).some((address) => !address.internal && !(address.family === 'IPv6' && address.address.toLowerCase().startsWith('fe80:'))),
    );
  } catch {
    return null;
  }
}

/** The OS's answer for `poolwatch serve`: true = it has a network, false = none, null = cannot tell. */
export function osHasNetwork(): boolean | null {
  return hasDefaultRoute() ?? hasExternalAddress();
}
