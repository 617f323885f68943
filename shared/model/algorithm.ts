import type { PoolId } from './account';
import type { Group } from './group';

/**
 * The proof-of-work a hashrate is counted in. Hashes of different algorithms are not comparable, so
 * totals are kept per algorithm and never summed across them. `web` is browser mining (WebMinePool).
 */
export const ALGORITHMS = ['sha256', 'scrypt', 'x11', 'ethash', 'web', 'unknown'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const ALGORITHM_LABELS: Record<Algorithm, string> = {
  sha256: 'SHA-256',
  scrypt: 'Scrypt',
  x11: 'X11',
  ethash: 'Ethash',
  web: 'Web mining',
  unknown: 'Algorithm unknown',
};

/** Coins the four pools mine, upper case, by algorithm (FB is Fractal Bitcoin; WMC is WebMinePool's coin). */
const COIN_ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  BTC: 'sha256',
  BCH: 'sha256',
  BSV: 'sha256',
  FB: 'sha256',
  LTC: 'scrypt',
  DOGE: 'scrypt',
  DASH: 'x11',
  ETH: 'ethash',
  ETC: 'ethash',
  WMC: 'web',
};

/** Stratumsphere's own algorithm keywords (case-sensitive on its side: SHA256, X11, scrypt, ethash). */
const KEYWORD_ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  sha256: 'sha256',
  'sha-256': 'sha256',
  scrypt: 'scrypt',
  x11: 'x11',
  ethash: 'ethash',
};

/** What a pool mines when its groups name no coin or algorithm; null where it mines several. */
const POOL_DEFAULT_ALGORITHM: Readonly<Record<PoolId, Algorithm | null>> = {
  sbi: null,
  spider: null,
  webminepool: 'web',
  stratumsphere: null,
};

export function coinAlgorithm(coin: string | null | undefined): Algorithm | null {
  if (!coin) return null;
  return COIN_ALGORITHMS[coin.trim().toUpperCase()] ?? null;
}

/** The algorithm a group hashes: from its coin, else the algorithm the pool names for it, else the pool's only one. */
export function groupAlgorithm(pool: PoolId, group: Pick<Group, 'coin' | 'attributes'>): Algorithm {
  const byCoin = coinAlgorithm(group.coin);
  if (byCoin !== null) return byCoin;
  const keyword = group.attributes?.algorithm?.trim().toLowerCase();
  const byKeyword = keyword === undefined ? undefined : KEYWORD_ALGORITHMS[keyword];
  return byKeyword ?? POOL_DEFAULT_ALGORITHM[pool] ?? 'unknown';
}

/** The algorithm of an account without groups: the pool's only one, or unknown. */
export function poolAlgorithm(pool: PoolId): Algorithm {
  return POOL_DEFAULT_ALGORITHM[pool] ?? 'unknown';
}
