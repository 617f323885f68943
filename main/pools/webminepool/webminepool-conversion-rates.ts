import { isPoolError } from '../../base/pool-error';
import type { WebMinePoolClient } from './webminepool-client';
import { HASHES_PRICED, WEBMINEPOOL_ENDPOINTS, WMC_PRICED } from './webminepool-endpoints';

/** Conversion rates change slowly: read them at most this often per account. */
export const RATES_REFRESH_MS = 30 * 60_000;

/** BTC satoshi per unit; null where the pool has not told us (yet). */
export interface ConversionRates {
  satoshiPerWebHash: number | null;
  satoshiPerCliHash: number | null;
  satoshiPerWmc: number | null;
}

export const NO_RATES: ConversionRates = { satoshiPerWebHash: null, satoshiPerCliHash: null, satoshiPerWmc: null };

/** Per-account cache (the adapter instance holds one). */
export interface RatesCache {
  current: { atMs: number; rates: ConversionRates } | null;
}

/**
 * The cached rates while fresh, else a new reading. Rates only add a satoshi value, so a failed rate keeps the
 * last known one (or null) instead of failing the poll; a rejected key still fails it.
 */
export async function readRates(client: WebMinePoolClient, nowMs: number, cache: RatesCache): Promise<ConversionRates> {
  const cached = cache.current;
  if (cached && nowMs - cached.atMs < RATES_REFRESH_MS && nowMs >= cached.atMs) return cached.rates;
  const previous = cached?.rates ?? NO_RATES;
  const read = async (endpoint: typeof WEBMINEPOOL_ENDPOINTS.hashRate, per: number, fallback: number | null): Promise<{ value: number | null; ok: boolean }> => {
    try {
      return { value: (await client.get(endpoint)).satoshi / per, ok: true };
    } catch (error) {
      if (isPoolError(error) && error.kind === 'auth') throw error;
      return { value: fallback, ok: false };
    }
  };
  const web = await read(WEBMINEPOOL_ENDPOINTS.hashRate, HASHES_PRICED, previous.satoshiPerWebHash);
  const cli = await read(WEBMINEPOOL_ENDPOINTS.hashRateCli, HASHES_PRICED, previous.satoshiPerCliHash);
  const wmc = await read(WEBMINEPOOL_ENDPOINTS.wmcRate, WMC_PRICED, previous.satoshiPerWmc);
  const rates = { satoshiPerWebHash: web.value, satoshiPerCliHash: cli.value, satoshiPerWmc: wmc.value };
  // Only a complete reading is cached as fresh: a partial one is tried again at the next poll.
  cache.current = web.ok && cli.ok && wmc.ok ? { atMs: nowMs, rates } : cached ? { atMs: cached.atMs, rates } : null;
  return rates;
}
