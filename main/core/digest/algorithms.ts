import type { Group, PoolId } from '../../../shared/model';

/** The mining algorithm of each coin the pools pay in, for hashrate per algorithm (hashrates of different algorithms never add up). */
const COIN_ALGORITHMS: Readonly<Record<string, string>> = {
  BTC: 'SHA-256',
  BCH: 'SHA-256',
  BSV: 'SHA-256',
  LTC: 'Scrypt',
  DOGE: 'Scrypt',
  ETC: 'Etchash',
  ETH: 'Ethash',
  ETHW: 'Ethash',
  XMR: 'RandomX',
  KAS: 'kHeavyHash',
  ZEC: 'Equihash',
  DASH: 'X11',
  CKB: 'Eaglesong',
  ALPH: 'Blake3',
};

/** WebMinePool's users mine in the browser; what it counts are its own hashes. */
const POOL_ALGORITHMS: Partial<Readonly<Record<PoolId, string>>> = { webminepool: 'WebMinePool hashes' };

/** The algorithm a group mines: what the pool says (a Stratumsphere scheduler), else its coin's, else the pool's, else unknown. */
export function algorithmOf(pool: PoolId, group: Pick<Group, 'coin' | 'attributes'> | null): string {
  const named = group?.attributes?.algorithm?.trim();
  if (named) return named.charAt(0).toUpperCase() + named.slice(1);
  const coin = group?.coin?.toUpperCase();
  if (coin && COIN_ALGORITHMS[coin]) return COIN_ALGORITHMS[coin];
  return POOL_ALGORITHMS[pool] ?? (coin ? `unknown (${coin})` : 'unknown');
}
