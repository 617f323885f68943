import { countWorkers, sumHashrates, type Balance, type Group, type Worker } from '../../../shared/model';
import type { PollContext, PoolAdapter, PoolReading } from '../adapter';
import { PoolError } from '../../base/pool-error';
import { WebMinePoolClient } from './webminepool-client';
import { readRates, type ConversionRates, type RatesCache } from './webminepool-conversion-rates';
import { deriveRate, deriveWorkers } from './webminepool-counters';
import { HASHES_PRICED, WEBMINEPOOL_ENDPOINTS } from './webminepool-endpoints';
import { redactWebMinePoolUrl } from './webminepool-redaction';

/** The account balance's coin. */
export const WMC_COIN = 'WMC';
/** Unpaid hashes are shown as a balance of this pseudo-coin: WebMinePool pays hashes, then converts them to WMC. */
export const HASHES_COIN = 'HASHES';

export const WEB_RATE_ATTRIBUTE = `Satoshi per ${HASHES_PRICED.toLocaleString('en-US')} hashes (web mining)`;
export const CLI_RATE_ATTRIBUTE = `Satoshi per ${HASHES_PRICED.toLocaleString('en-US')} hashes (CLI mining)`;

const KEY_SHAPE_PROBLEM = 'The secret key cannot contain spaces, slashes, "?", "#" or "%": paste only the secret key from Dashboard > Keys on WebMinePool.';

/** Why a secret key cannot work, or null. It goes into the URL path, so path syntax is refused here. */
export function secretKeyProblem(value: string | undefined): string | null {
  const key = value?.trim() ?? '';
  if (key === '') return 'Enter the secret key from Dashboard > Keys on WebMinePool (not the public site key).';
  if (/[\s/?#%\\]/.test(key)) return KEY_SHAPE_PROBLEM;
  if (key.length < 8) return 'That is too short for a WebMinePool secret key: copy the whole key from Dashboard > Keys.';
  return null;
}

function secretKeyFrom(credentials: Readonly<Record<string, string>>): string {
  const problem = secretKeyProblem(credentials.secretKey);
  if (problem) throw new PoolError('config', `${problem} Edit the account to fix it.`);
  return (credentials.secretKey ?? '').trim();
}

function valueIn(amount: number, satoshiPerUnit: number | null): number | null {
  return satoshiPerUnit === null ? null : amount * satoshiPerUnit;
}

function formatSatoshi(satoshiPerHash: number): string {
  return String(Number((satoshiPerHash * HASHES_PRICED).toPrecision(8)));
}

function rateAttributes(rates: ConversionRates): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (rates.satoshiPerWebHash !== null) attributes[WEB_RATE_ATTRIBUTE] = formatSatoshi(rates.satoshiPerWebHash);
  if (rates.satoshiPerCliHash !== null) attributes[CLI_RATE_ATTRIBUTE] = formatSatoshi(rates.satoshiPerCliHash);
  return attributes;
}

/** One group per site key the users mine for (or "site"), in the order the list first names them. */
function groupsOf(workers: readonly Worker[], rates: ConversionRates): Group[] {
  const names = [...new Set(workers.map((worker) => worker.group))];
  const attributes = rateAttributes(rates);
  return names.map((name) => {
    const members = workers.filter((worker) => worker.group === name);
    return {
      name,
      coin: WMC_COIN,
      hashrate: sumHashrates(members.map((worker) => worker.hashrate)),
      workers: countWorkers(members),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
  });
}

/**
 * Account rate from the unpaid-hash counter, which also counts miners without a user name. When the counter
 * fell (a payout turned hashes into WMC) its restart estimate and the users' rates summed are both lower
 * bounds of the true rate, so the larger one is shown; null only when neither is known.
 */
function accountRate(context: PollContext, previousAtMs: number | undefined, unpaidHashes: number, nowMs: number, workers: readonly Worker[]): number | null {
  const { previous } = context;
  if (previous === null) return null;
  const before = previous.balances.find((balance) => balance.coin === HASHES_COIN && balance.group === null);
  const sample = before && previousAtMs !== undefined ? { count: before.unpaid, atMs: previousAtMs, rateHps: previous.hashrate.h10m } : null;
  const derived = deriveRate(sample, unpaidHashes, nowMs);
  if (derived.trend === 'grew' || derived.trend === 'same') return derived.rateHps;
  const users = sumHashrates(workers.map((worker) => worker.hashrate)).h10m;
  const bounds = [derived.rateHps, users].filter((value): value is number => value !== null);
  return bounds.length === 0 ? null : Math.max(...bounds);
}

export function createWebMinePoolAdapter(): PoolAdapter {
  // One adapter per account: these caches are that account's.
  const ratesCache: RatesCache = { current: null };
  /** When each reading this adapter returned was taken: the time of the previous unpaid-hash count. */
  const readingTimes = new WeakMap<PoolReading, number>();

  return {
    pool: 'webminepool',
    redactUrl: redactWebMinePoolUrl,
    validateCredentials: (credentials) => secretKeyProblem(credentials.secretKey),
    async poll(context) {
      const client = new WebMinePoolClient(context.http, context.baseUrl, secretKeyFrom(context.credentials), context.signal);
      const { balance } = await client.get(WEBMINEPOOL_ENDPOINTS.balance);
      const { hashes } = await client.get(WEBMINEPOOL_ENDPOINTS.hashes);
      const { users } = await client.get(WEBMINEPOOL_ENDPOINTS.users);
      const nowMs = context.now();
      const rates = await readRates(client, nowMs, ratesCache);

      const workers = deriveWorkers(users, context.previous?.workers ?? null, nowMs);
      const previousAtMs = context.previous ? readingTimes.get(context.previous) : undefined;
      const balances: Balance[] = [
        { coin: WMC_COIN, unpaid: balance, unit: 'coin', group: null, valueSatoshi: valueIn(balance, rates.satoshiPerWmc) },
        // Hashes mined on the web and with the CLI are not told apart: the web rate, the common case, prices them.
        { coin: HASHES_COIN, unpaid: hashes, unit: 'coin', group: null, valueSatoshi: valueIn(hashes, rates.satoshiPerWebHash) },
      ];
      const reading: PoolReading = {
        poolAccountName: null,
        hashrate: { h10m: accountRate(context, previousAtMs, hashes, nowMs, workers), h1h: null, h24h: null },
        groups: groupsOf(workers, rates),
        workers,
        balances,
        payouts: [],
        revenue: [],
        stratumServers: [],
        limitations: [],
      };
      readingTimes.set(reading, nowMs);
      return reading;
    },
  };
}
