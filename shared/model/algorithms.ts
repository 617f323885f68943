import type { Group } from './group';

/**
 * The proof-of-work algorithm of the coins the pools mine, lower case. Hashrates of different algorithms cannot be
 * added (a SHA-256 TH/s is not a Scrypt GH/s), so fleet totals are per algorithm.
 */
const ALGORITHM_BY_COIN: Readonly<Record<string, string>> = {
  BTC: 'sha256',
  BCH: 'sha256',
  BSV: 'sha256',
  FB: 'sha256',
  LTC: 'scrypt',
  DOGE: 'scrypt',
  ETH: 'ethash',
  ETC: 'etchash',
  DASH: 'x11',
  XMR: 'randomx',
  ZEC: 'equihash',
  KAS: 'kheavyhash',
};

export const UNKNOWN_ALGORITHM = 'unknown';

/**
 * A group's algorithm: the one its pool names (a Stratumsphere scheduler's `algorithm`), else its coin's, else
 * "unknown" (WebMinePool's sites: the pool does not say what its web miners hash).
 */
export function algorithmOf(group: Pick<Group, 'coin' | 'attributes'>): string {
  const named = group.attributes?.algorithm?.trim();
  if (named) return named.toLowerCase();
  return (group.coin && ALGORITHM_BY_COIN[group.coin.toUpperCase()]) || UNKNOWN_ALGORITHM;
}
