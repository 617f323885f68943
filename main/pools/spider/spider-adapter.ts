import type { KeyObject } from 'node:crypto';
import { sumHashrates, type Balance, type Group, type HashrateSeries, type Payout, type RevenueEstimate, type Worker } from '../../../shared/model';
import type { PollContext, PoolAdapter, PoolReading } from '../adapter';
import { PoolError } from '../../base/pool-error';
import { SpiderClient } from './spider-client';
import { SPIDER_ENDPOINTS } from './spider-endpoints';
import { importSpiderPrivateKey, keyTextFingerprint } from './spider-key';
import { mergeDaily, toBalance, toGroup, toRevenue } from './spider-mapping';
import { createSlowCaches, readDaily, readHistory, readPayments, readWorkerHistories, type SlowCaches } from './spider-slow-reads';
import { findTargets } from './spider-targets';
import { readAllWorkers } from './spider-workers';
import { appendAll } from '../../base/arrays';

export { FINANCE_REFRESH_MS, HISTORY_REFRESH_MS, WORKER_HISTORY_PER_POLL } from './spider-slow-reads';

const PAYOUTS_KEPT = 50;

/** Parses the private key once per distinct text; the text itself is not kept. */
function keyLoader(): (text: string) => KeyObject {
  let cached: { fingerprint: string; key: KeyObject } | null = null;
  return (text) => {
    const fingerprint = keyTextFingerprint(text);
    if (cached?.fingerprint === fingerprint) return cached.key;
    const imported = importSpiderPrivateKey(text);
    if (!imported.ok) throw new PoolError('config', `The Spider Pool private key of this account cannot be used. ${imported.problem} Edit the account to fix it.`);
    cached = { fingerprint, key: imported.key };
    return imported.key;
  };
}

function requireAccessKey(credentials: Readonly<Record<string, string>>): string {
  const accessKey = credentials.accessKey?.trim() ?? '';
  if (!accessKey) throw new PoolError('config', 'This Spider Pool account needs an access key and a private key. Edit the account to add them.');
  return accessKey;
}

async function poll(context: PollContext, loadKey: (text: string) => KeyObject, caches: SlowCaches): Promise<PoolReading> {
  const accessKey = requireAccessKey(context.credentials);
  const privateKey = loadKey(context.credentials.privateKey ?? '');
  const client = new SpiderClient({ http: context.http, baseUrl: context.baseUrl, accessKey, privateKey, now: context.now, signal: context.signal });
  const limitations: string[] = [];
  const targets = await findTargets(client, context.options.subaccounts, limitations);

  const groups: Group[] = [];
  const workers: Worker[] = [];
  const balances: Balance[] = [];
  const revenue: RevenueEstimate[] = [];
  const payouts: Payout[] = [];
  const history: HashrateSeries[] = [];
  const daily: RevenueEstimate[][] = [];
  // One request at a time: Spider publishes no rate limits and one client waits between calls (NOTES.md).
  for (const target of targets) {
    const read = await readAllWorkers(client, target);
    if (!read.ok) limitations.push(`The workers of ${target.group} are unavailable (${read.code}: ${read.reason}).`);
    groups.push(toGroup(target.info, target.group, read.ok ? read.data : null));
    if (read.ok) appendAll(workers, read.data);

    const profit = await client.tryCall(SPIDER_ENDPOINTS.profitInfo, { coin: target.coin, subaccount: target.subaccount }, target.group);
    if (profit.ok) {
      const balance = toBalance(profit.data, target.coin, target.group);
      if (balance) balances.push(balance);
      revenue.push(...toRevenue(profit.data, target.coin, target.group, context.now()));
    } else {
      limitations.push(`The profit figures of ${target.group} are unavailable (${profit.code}: ${profit.reason}).`);
    }

    const nowMs = context.now();
    history.push(...((await caches.history.getOrLoad(target.group, nowMs, () => readHistory(client, target, limitations))) ?? []));
    daily.push((await caches.daily.getOrLoad(target.group, nowMs, () => readDaily(client, target, nowMs, limitations))) ?? []);
    payouts.push(...((await caches.payments.getOrLoad(target.group, nowMs, () => readPayments(client, target, nowMs, limitations))) ?? []));
  }
  const byGroup = new Map(targets.map((target) => [target.group, target]));
  history.push(...(await readWorkerHistories(client, context, workers, byGroup, caches.workerHistory)));

  return {
    poolAccountName: null,
    // Spider reports no account total; groups of different coins (and algorithms) are summed as the model asks.
    hashrate: sumHashrates(groups.map((group) => group.hashrate)),
    groups,
    workers,
    balances,
    payouts: payouts.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, PAYOUTS_KEPT),
    revenue,
    stratumServers: [],
    history,
    dailyEarnings: mergeDaily(...daily),
    limitations,
  };
}

/** Checks the credentials' form before any request: a private key that does not parse is refused with the accepted forms. */
export function validateSpiderCredentials(credentials: Readonly<Record<string, string>>): string | null {
  const accessKey = credentials.accessKey?.trim() ?? '';
  if (!accessKey) return "Enter the access key shown on Spider Pool's API key page.";
  if (accessKey.length > 200 || accessKey.includes('-----BEGIN')) {
    return 'The access key field holds something much longer than an access key (the private key?). Put the short access key there and the private key in its own field.';
  }
  if (!credentials.privateKey?.trim()) return "Paste the private key shown on Spider Pool's API key page.";
  const imported = importSpiderPrivateKey(credentials.privateKey);
  return imported.ok ? null : imported.problem;
}

/** One instance per account: it keeps the parsed key and the slow-changing data between polls. */
export function createSpiderAdapter(): PoolAdapter {
  const loadKey = keyLoader();
  const caches = createSlowCaches();
  return {
    pool: 'spider',
    poll: (context) => poll(context, loadKey, caches),
    validateCredentials: (credentials) => validateSpiderCredentials(credentials),
  };
}
