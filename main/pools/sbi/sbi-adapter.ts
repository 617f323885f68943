import { appendAll } from '../../base/arrays';
import type { z } from 'zod';
import {
  countWorkers,
  sumHashrates,
  workerKey,
  workerKeysOf,
  rememberWorkerKeys,
  workerFrom,
  type Group,
  type HashrateSeries,
  type Payout,
  type StratumServerGroup,
  type Worker,
} from '../../../shared/model';
import { mhsToHps } from '../../../shared/units';
import type { PollContext, PoolAdapter, PoolReading } from '../adapter';
import { PoolError, isPoolError } from '../../base/pool-error';
import { sbiActions } from './sbi-actions';
import { nextTurn } from '../../base/event-bus';
import { SbiClient, SBI_NAME, type SbiAuth } from './sbi-client';
import {
  coinCode,
  subaccountIdentity,
  earningV1ToPayout,
  earningV2ToPayout,
  toCounts,
  toRevenue,
  toWindows,
  blankWorkerFigures,
  readWorkerFigures,
  txPayoutToPayout,
  unpaidBalances,
} from './sbi-mapping';
import {
  accountSchema,
  isPlainWorkerPage,
  earningV1Schema,
  earningV2Schema,
  observerHashrateRangeSchema,
  observerHashratesSchema,
  observerStatusSchema,
  pageSchema,
  revenueSchema,
  subaccountsSchema,
  subpoolsSchema,
  txPayoutSchema,
  workerSchema,
} from './sbi-schemas';

/**
 * Workers per page asked for: no maximum is documented (other clients use 200, NOTES.md). Spring caps a larger size at
 * its own maximum (2,000 unless configured) and reports the pages it used, which is what the adapter follows; so a
 * smaller cap only means more pages. 1,000 makes a 100,000-worker poll 100 requests instead of 500.
 */
export const SBI_WORKER_PAGE_SIZE = 1000;
/** Refuse absurd totals instead of paging forever: far above the largest accounts seen (30,579 workers). */
export const SBI_MAX_WORKERS = 250_000;
/** How far back earnings and payouts are read on each poll. */
const FINANCIAL_WINDOW_DAYS = 30;
const PAYOUTS_KEPT = 50;
/** Observer links come from pool.sbicrypto.com, not the API host. */
export const SBI_OBSERVER_BASE_URL = 'https://pool.sbicrypto.com';

const workerPage = pageSchema(workerSchema);
/** The observer's own hourly history is read at most this often (it backfills charts on first run). */
const OBSERVER_HISTORY_REFRESH_MS = 60 * 60_000;
/** Hours of observer history asked for: one day, in hourly buckets. */
const OBSERVER_HISTORY_HOURS = 24;

/** Subpools (stratum servers) change rarely: read them at most this often. */
const SUBPOOLS_REFRESH_MS = 60 * 60_000;

type StratumCache = { atMs: number; groups: StratumServerGroup[] } | null;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Accepts a bare observer key or an observer link carrying it as `linkId`. */
export function observerKeyFrom(input: string): string {
  const trimmed = input.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const linkId = new URL(trimmed).searchParams.get('linkId');
      if (linkId) return linkId;
    } catch {
      // not a URL after all: use as typed
    }
  }
  return trimmed;
}

function authFrom(credentials: Readonly<Record<string, string>>): SbiAuth {
  const { apiKey, apiSecret, observerKey } = credentials;
  if (apiKey && apiSecret) return { kind: 'api-key', apiKey: apiKey.trim(), apiSecret: apiSecret.trim() };
  if (observerKey) return { kind: 'observer', observerKey: observerKeyFrom(observerKey) };
  throw new PoolError('config', 'This SBI Crypto Pool account needs an API key and secret, or an observer key. Edit the account to add them.');
}

/** Reads every page of a Spring-paged worker list. */
async function readAllWorkers(
  fetchPage: (page: number) => Promise<z.infer<typeof workerPage>>,
  fallbackGroup: string,
  previous: readonly Worker[],
): Promise<Worker[]> {
  const first = await fetchPage(0);
  const total = first.totalElements ?? first.content.length;
  if (total > SBI_MAX_WORKERS) {
    throw new PoolError(
      'bad_response',
      `${SBI_NAME} reports ${total} workers, more than PoolWatch reads (${SBI_MAX_WORKERS}). Use a key limited to fewer subaccounts.`,
    );
  }
  const pageSize = Math.max(1, first.size ?? first.content.length);
  // Compared with the worker in the same place last poll as each page arrives: what did not change stays last
  // poll's (workerFrom), and the page's raw JSON can go at once.
  const figures = blankWorkerFigures();
  const toWorkers = (page: z.infer<typeof workerPage>, number: number): Worker[] =>
    page.content.map((raw, index) => workerFrom(readWorkerFigures(raw, fallbackGroup, figures), previous[number * pageSize + index]));
  const pages = [toWorkers(first, 0)];
  const totalPages = first.totalPages ?? Math.ceil(total / pageSize);
  if (totalPages > 1) {
    // Each page becomes workers as it arrives: its raw JSON can go at once, and no step handles every worker at once.
    const rest = Array.from({ length: Math.min(totalPages, Math.ceil(SBI_MAX_WORKERS / pageSize)) - 1 }, (_, index) =>
      fetchPage(index + 1).then((page) => toWorkers(page, index + 1)),
    );
    appendAll(pages, await Promise.all(rest));
  }
  return await uniqueWorkers(pages, previous);
}

/** Workers per turn of the event loop while a big list is put together: the API and UI get in between. */
const WORKERS_PER_TURN = 10_000;

/**
 * Workers can shift between pages while we read: one entry per (subaccount, name), where first listed, as last read.
 * A list with the same workers in the same places as the last poll's needs no de-duplication (that list had none),
 * and a worker in the same place as last time keeps last time's key (what did not change was carried over as each page
 * arrived, see workerFrom).
 */
async function uniqueWorkers(pages: readonly Worker[][], previous: readonly Worker[]): Promise<Worker[]> {
  // Sized once: grown a push at a time, the two lists would be copied over and over (5 MB a poll at 100,000).
  const listed = new Array<Worker>(pages.reduce((total, page) => total + page.length, 0));
  const keys = new Array<string>(listed.length);
  const before = workerKeysOf(previous);
  let aligned = true;
  let at = 0;
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex += 1) {
    const page = pages[pageIndex]!;
    if (at % WORKERS_PER_TURN < page.length && at > 0) await nextTurn();
    for (let index = 0; index < page.length; index += 1, at += 1) {
      const worker = page[index]!;
      // The same group and name in last poll's place: last poll's key.
      const then = aligned ? previous[at] : undefined;
      const key: string = then !== undefined && then.group === worker.group && then.name === worker.name ? before[at]! : workerKey(worker);
      const same: boolean = aligned && before[at] === key;
      aligned = same;
      listed[at] = worker;
      keys[at] = key;
    }
  }
  if (aligned && listed.length === previous.length) {
    rememberWorkerKeys(listed, keys);
    return listed;
  }
  const indexOf = new Map<string, number>();
  const workers: Worker[] = [];
  const uniqueKeys: string[] = [];
  for (at = 0; at < listed.length; at += 1) {
    if (at > 0 && at % WORKERS_PER_TURN === 0) await nextTurn();
    const key = keys[at]!;
    const found = indexOf.get(key);
    if (found !== undefined) {
      workers[found] = listed[at]!;
      continue;
    }
    indexOf.set(key, workers.length);
    workers.push(listed[at]!);
    uniqueKeys.push(key);
  }
  rememberWorkerKeys(workers, uniqueKeys);
  return workers;
}

function groupsFromWorkers(names: ReadonlyArray<{ name: string; coin: string | null }>, workers: readonly Worker[]): Group[] {
  return names.map(({ name, coin }) => {
    const members = workers.filter((worker) => worker.group === name);
    return { name, coin, hashrate: sumHashrates(members.map((w) => w.hashrate)), workers: countWorkers(members), identity: subaccountIdentity(name) };
  });
}

/** Reads the subpools' stratum servers, reusing the last answer for an hour; a 403/404 just leaves them out. */
async function readStratumServers(client: SbiClient, nowMs: number, cache: { current: StratumCache }): Promise<StratumServerGroup[]> {
  if (cache.current && nowMs - cache.current.atMs < SUBPOOLS_REFRESH_MS) return cache.current.groups;
  const subpools = await client.tryGet({ path: 'api/external/v1/subpools', what: 'the subpool list', permission: 'READ', schema: subpoolsSchema });
  const groups = subpools.ok
    ? subpools.value.map((subpool) => ({
        name: subpool.name,
        coins: subpool.coins,
        urls: subpool.stratumServers.map((server) => `stratum+tcp://${server.host}:${server.port}`),
      }))
    : [];
  cache.current = { atMs: nowMs, groups };
  return groups;
}

async function pollWithApiKey(client: SbiClient, context: PollContext, cache: { current: StratumCache }): Promise<PoolReading> {
  const account = await client.get({ path: 'api/external/v1/account', what: 'the account summary', permission: 'READ', schema: accountSchema });
  const subaccounts = await client.tryGet({
    path: 'api/external/v1/subaccounts',
    what: 'the subaccount details',
    permission: 'READ',
    schema: subaccountsSchema,
  });
  const workers = await readAllWorkers(
    (page) =>
      client.get({
        path: 'api/external/v1/workers',
        // The docs name both page/size and pageNumber/pageSize for this endpoint; send both.
        query: { page, size: SBI_WORKER_PAGE_SIZE, pageNumber: page, pageSize: SBI_WORKER_PAGE_SIZE, sort: 'name,asc' },
        what: 'the worker list',
        permission: 'READ',
        schema: workerPage,
        plain: isPlainWorkerPage,
      }),
    account.subaccounts[0]?.subaccountName ?? 'default',
    context.previous?.workers ?? [],
  );

  const groups: Group[] = subaccounts.ok
    ? subaccounts.value.subaccounts.map((sub) => ({
        name: sub.subaccountName,
        coin: sub.currentMiningCurrency ? coinCode(sub.currentMiningCurrency) : null,
        hashrate: toWindows(sub.hashrate),
        workers: toCounts(sub.workerStatus, sub.totalWorkers),
        identity: subaccountIdentity(sub.subaccountName),
      }))
    : groupsFromWorkers(
        account.subaccounts.map((sub) => ({
          name: sub.subaccountName,
          coin: sub.currentMiningCurrency ? coinCode(sub.currentMiningCurrency) : null,
        })),
        workers,
      );

  const limitations: string[] = [];
  if (!subaccounts.ok) {
    limitations.push(`Subaccount details are unavailable (HTTP ${subaccounts.status}: ${subaccounts.reason}); group figures are computed from the worker list.`);
  }
  const financials = await readFinancials(client, context.now(), limitations);
  const stratumServers = await readStratumServers(client, context.now(), cache);

  return {
    poolAccountName: account.name ?? null,
    hashrate: toWindows(account.hashrate),
    groups,
    workers,
    ...financials,
    stratumServers,
    limitations,
  };
}

async function readFinancials(
  client: SbiClient,
  nowMs: number,
  limitations: string[],
): Promise<Pick<PoolReading, 'balances' | 'payouts' | 'revenue'>> {
  const from = day(nowMs - FINANCIAL_WINDOW_DAYS * 86_400_000);
  const to = day(nowMs);
  const noFinancials = (status: number, reason: string): string =>
    status === 403
      ? `Earnings, payouts and revenue are hidden: this API key lacks the FINANCIALS permission (${reason}). Add it to the key in SBI Crypto Pool to see them here.`
      : `Earnings are not available from this address (HTTP ${status}: ${reason}).`;

  let earnings: Payout[] = [];
  const v2 = await client.tryGet({
    path: 'api/external/v2/earnings',
    query: { startDate: from, endDate: to, page: 0, size: 100, sort: 'earningsFor,desc' },
    what: 'the earnings (v2)',
    permission: 'FINANCIALS',
    schema: pageSchema(earningV2Schema),
  });
  if (v2.ok) {
    earnings = v2.value.content.map(earningV2ToPayout);
  } else if (v2.status === 403) {
    limitations.push(noFinancials(403, v2.reason));
    return { balances: [], payouts: [], revenue: [] };
  } else {
    // v2 missing (older deployment): fall back to v1, whose amounts are base units (converted where known).
    const v1 = await client.tryGet({
      path: 'api/external/v1/earnings',
      query: { fromDate: from, toDate: to, page: 0, size: 100 },
      what: 'the earnings (v1)',
      permission: 'FINANCIALS',
      schema: pageSchema(earningV1Schema),
    });
    if (v1.ok) earnings = v1.value.content.map(earningV1ToPayout);
    else limitations.push(noFinancials(v1.status, v1.reason));
  }

  const tx = await client.tryGet({
    path: 'api/external/v1/payouts',
    query: { startDate: from, endDate: to, page: 0, size: PAYOUTS_KEPT, sort: 'paidOn,desc' },
    what: 'the payout transactions',
    permission: 'FINANCIALS',
    schema: pageSchema(txPayoutSchema),
  });
  if (!tx.ok && tx.status === 403) {
    limitations.push('Payout transactions are visible only to the account owner\'s key; payouts are shown from earnings instead.');
  }
  const payouts = tx.ok ? tx.value.content.map(txPayoutToPayout) : earnings;

  const revenue = await client.tryGet({
    path: 'api/external/v1/revenue',
    what: 'the estimated revenue',
    permission: 'FINANCIALS',
    schema: revenueSchema,
  });
  if (!revenue.ok) limitations.push(`Estimated revenue is unavailable (HTTP ${revenue.status}: ${revenue.reason}).`);

  return {
    balances: unpaidBalances(earnings),
    payouts: [...payouts].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, PAYOUTS_KEPT),
    revenue: revenue.ok ? toRevenue(revenue.value.estimatedRevenues) : [],
  };
}

/** The subaccount's hourly hashrate for the last day, from the observer's range query; optional data. */
async function readObserverHistory(client: SbiClient, nowMs: number, cache: { atMs: number }): Promise<HashrateSeries[]> {
  if (nowMs - cache.atMs < OBSERVER_HISTORY_REFRESH_MS) return [];
  cache.atMs = nowMs;
  let ranges;
  try {
    ranges = await client.tryGet({
      path: 'api/observer/v1/workers/hashrates',
      query: { range: `0:${OBSERVER_HISTORY_HOURS * 60}`, resolution: OBSERVER_HISTORY_HOURS },
      what: 'the hashrate history',
      permission: 'OBSERVER',
      schema: observerHashrateRangeSchema,
    });
  } catch (error) {
    // History only fills charts: a bad answer here must not cost the live data; auth problems still count.
    if (isPoolError(error) && error.kind === 'auth') throw error;
    return [];
  }
  if (!ranges.ok) return [];
  // Buckets come oldest first and end now; each is one hour wide.
  const firstBucketMs = nowMs - OBSERVER_HISTORY_HOURS * 3_600_000;
  return Object.entries(ranges.value.hashrate).map(([group, values]) => ({
    group,
    worker: null,
    resolution: 'hour' as const,
    points: values.flatMap((mhs, index) =>
      mhs === null || !Number.isFinite(mhs) ? [] : [{ at: new Date(firstBucketMs + index * 3_600_000).toISOString(), hps: mhsToHps(mhs) }],
    ),
  }));
}

async function pollWithObserverKey(client: SbiClient, nowMs: number, historyCache: { atMs: number }, previous: readonly Worker[]): Promise<PoolReading> {
  const status = await client.get({
    path: 'api/observer/v1/workers/status',
    what: 'the worker status',
    permission: 'OBSERVER',
    schema: observerStatusSchema,
  });
  const hashrates = await client.get({
    path: 'api/observer/v1/workers/hashrates',
    query: { ranges: '10,60,1440' },
    what: 'the subaccount hashrate',
    permission: 'OBSERVER',
    schema: observerHashratesSchema,
  });
  const subaccount = Object.values(status.status)[0]?.name ?? Object.keys(hashrates.hashrate)[0] ?? 'observed';
  const workers = await readAllWorkers(
    (page) =>
      client.get({
        path: 'api/observer/v1/workers/details',
        query: { hashrateRanges: '10,60,1440', page, size: SBI_WORKER_PAGE_SIZE, sort: 'name,asc' },
        what: 'the worker list',
        permission: 'OBSERVER',
        schema: workerPage,
        plain: isPlainWorkerPage,
      }),
    subaccount,
    previous,
  );
  const groups: Group[] = Object.values(status.status).map((entry) => ({
    name: entry.name,
    coin: null,
    hashrate: toWindows(hashrates.hashrate[entry.name]),
    workers: toCounts({ online: entry.online, offline: entry.offline, dead: entry.dead }),
    identity: subaccountIdentity(entry.name),
  }));
  return {
    poolAccountName: null,
    hashrate: sumHashrates(groups.map((group) => group.hashrate)),
    groups,
    workers,
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
    history: await readObserverHistory(client, nowMs, historyCache),
    limitations: [],
  };
}

export function createSbiAdapter(): PoolAdapter {
  const stratumCache: { current: StratumCache } = { current: null };
  const observerHistoryCache = { atMs: Number.NEGATIVE_INFINITY };
  return {
    pool: 'sbi',
    actions: sbiActions,
    async poll(context) {
      const auth = authFrom(context.credentials);
      const client = new SbiClient(context.http, context.baseUrl, auth, context.signal);
      return auth.kind === 'api-key'
        ? pollWithApiKey(client, context, stratumCache)
        : pollWithObserverKey(client, context.now(), observerHistoryCache, context.previous?.workers ?? []);
    },
    validateCredentials(credentials, mode) {
      if (mode === 'observer') return credentials.observerKey?.trim() ? null : 'Enter the observer key or paste the observer link.';
      if (!credentials.apiKey?.trim() || !credentials.apiSecret?.trim()) return 'Enter both the API key and the API secret.';
      return null;
    },
  };
}
