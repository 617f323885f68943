import { workerKey, workerKeysOf, type HashrateSeries, type Payout, type RevenueEstimate, type Worker } from '../../../shared/model';
import type { PollContext, PoolReading } from '../adapter';
import { isPoolError } from '../../base/pool-error';
import { DAY_MS, MINUTE_MS } from '../../base/time';
import { TtlCache } from './spider-cache';
import type { SpiderClient } from './spider-client';
import { SPIDER_ENDPOINTS } from './spider-endpoints';
import { dailyFromDayProfit, dailyFromDetail, mergeDaily, toPayouts, toSeries } from './spider-mapping';
import type { Target } from './spider-targets';

// Charts, day profits and payments change slowly and cost one call each per group: they are read at most every
// refresh interval and kept in the adapter instance (one per account). A failed read is not cached.

/** The pool's hourly and daily charts change once an hour at most. */
export const HISTORY_REFRESH_MS = 30 * MINUTE_MS;
/** Day profits settle once a day ("fetch after 5:30"); payments a few times a day. */
export const FINANCE_REFRESH_MS = 30 * MINUTE_MS;
/**
 * Worker charts are one call per worker, too many for every worker every poll: PoolWatch reads the pool's hourly
 * chart only for workers that just stopped being online (up to this many per poll), keeps it an hour, shows it six.
 */
export const WORKER_HISTORY_PER_POLL = 3;
const WORKER_HISTORY_REFRESH_MS = 60 * MINUTE_MS;
const WORKER_HISTORY_KEEP_MS = 6 * 60 * MINUTE_MS;
/** How far back day profits and payments are read. */
const DAILY_WINDOW_DAYS = 31;
const PAYMENT_WINDOW_DAYS = 90;
const PAYMENTS_PER_GROUP = 50;

export interface SlowCaches {
  history: TtlCache<HashrateSeries[]>;
  daily: TtlCache<RevenueEstimate[]>;
  payments: TtlCache<Payout[]>;
  workerHistory: TtlCache<HashrateSeries>;
}

export function createSlowCaches(): SlowCaches {
  return {
    history: new TtlCache(HISTORY_REFRESH_MS),
    daily: new TtlCache(FINANCE_REFRESH_MS),
    payments: new TtlCache(FINANCE_REFRESH_MS),
    workerHistory: new TtlCache(WORKER_HISTORY_REFRESH_MS),
  };
}

/** Supplements never fail the poll, unless the key itself was rejected. */
function ignoreUnlessAuth(error: unknown): void {
  if (!isPoolError(error) || error.kind === 'auth') throw error;
}

/** The group's hourly (24 h) and daily (30 d) charts. */
export async function readHistory(client: SpiderClient, target: Target, limitations: string[]): Promise<HashrateSeries[] | null> {
  const series: HashrateSeries[] = [];
  for (const [mode, resolution] of [['hourly', 'hour'], ['daily', 'day']] as const) {
    const outcome = await client.tryCall(SPIDER_ENDPOINTS.subaccountHashrate, { coin: target.coin, subaccount: target.subaccount, mode }, target.group);
    if (!outcome.ok) {
      limitations.push(`The hashrate history of ${target.group} is unavailable (${outcome.code}: ${outcome.reason}).`);
      return null;
    }
    series.push(toSeries(outcome.data, target.group, null, resolution));
  }
  return series;
}

/** Day profits from the profit list (up to a month), with yesterday from the newer /v2/sp endpoint where it answers. */
export async function readDaily(client: SpiderClient, target: Target, nowMs: number, limitations: string[]): Promise<RevenueEstimate[] | null> {
  const params = { coin: target.coin, subaccount: target.subaccount };
  const list = await client.tryCall(
    SPIDER_ENDPOINTS.profitDetail,
    {
      ...params,
      // this endpoint takes seconds (docs), unlike the payment records; a day more than the window, since Spider's
      // days start at midnight China time (16:00 UTC): from 16:00 UTC on, the window's first day starts before it
      startTimestamp: Math.floor((nowMs - (DAILY_WINDOW_DAYS + 1) * DAY_MS) / 1000),
      endTimestamp: Math.floor(nowMs / 1000),
      pageNumber: 1,
      pageSize: DAILY_WINDOW_DAYS + 1,
    },
    target.group,
  );
  const fromList = list.ok ? dailyFromDetail(list.data, target.coin, target.group) : [];
  let yesterday: RevenueEstimate[] = [];
  try {
    const yesterdayStart = Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS;
    const day = await client.tryCall(SPIDER_ENDPOINTS.dayProfit, { ...params, timeStamp: yesterdayStart / 1000 }, target.group);
    if (day.ok && day.data) {
      const row = dailyFromDayProfit(day.data, target.coin, target.group);
      yesterday = row ? [row] : [];
    }
  } catch (error) {
    ignoreUnlessAuth(error);
  }
  if (!list.ok && yesterday.length === 0) {
    limitations.push(`The daily profits of ${target.group} are unavailable (${list.code}: ${list.reason}).`);
    return null;
  }
  return mergeDaily(fromList, yesterday);
}

export async function readPayments(client: SpiderClient, target: Target, nowMs: number, limitations: string[]): Promise<Payout[] | null> {
  const outcome = await client.tryCall(
    SPIDER_ENDPOINTS.paymentRecord,
    {
      coin: target.coin,
      subaccount: target.subaccount,
      startTimestamp: Math.floor(nowMs - PAYMENT_WINDOW_DAYS * DAY_MS),
      endTimestamp: Math.floor(nowMs),
      pageNumber: 1,
      pageSize: PAYMENTS_PER_GROUP,
    },
    target.group,
  );
  if (!outcome.ok) {
    limitations.push(`The payment records of ${target.group} are unavailable (${outcome.code}: ${outcome.reason}).`);
    return null;
  }
  return toPayouts(outcome.data, target.coin, target.group);
}

/**
 * Workers that were online at the previous poll and are not now: the ones whose chart is worth a call. Keys are made
 * only for the few workers not online now; last poll's are the ones its stages made already (workerKeysOf).
 */
function newlyDown(workers: readonly Worker[], previous: PoolReading | null): Worker[] {
  if (!previous) return [];
  const down = new Map<string, Worker>();
  for (const worker of workers) if (worker.state !== 'online') down.set(workerKey(worker), worker);
  if (down.size === 0) return [];
  const before = workerKeysOf(previous.workers);
  const wasOnline = new Set<string>();
  previous.workers.forEach((worker, at) => {
    if (worker.state === 'online' && down.has(before[at]!)) wasOnline.add(before[at]!);
  });
  // in this poll's order, as listed
  return [...down].filter(([key]) => wasOnline.has(key)).map(([, worker]) => worker);
}

/** The series whose worker is still listed; the list's keys are made once and shared with the poll's other stages. */
function stillListed(series: HashrateSeries[], workers: readonly Worker[]): HashrateSeries[] {
  if (series.length === 0) return series;
  const keyOf = (one: HashrateSeries) => workerKey({ group: one.group, name: one.worker ?? '' });
  const wanted = new Set(series.map(keyOf));
  const listed = new Set<string>();
  for (const key of workerKeysOf(workers)) if (wanted.has(key)) listed.add(key);
  return series.filter((one) => listed.has(keyOf(one)));
}

/** Reads charts of workers that just went down, and returns every worker chart still worth showing. */
export async function readWorkerHistories(
  client: SpiderClient,
  context: PollContext,
  workers: readonly Worker[],
  targets: ReadonlyMap<string, Target>,
  cache: TtlCache<HashrateSeries>,
): Promise<HashrateSeries[]> {
  const nowMs = context.now();
  const wanted = newlyDown(workers, context.previous).filter((worker) => cache.get(workerKey(worker), nowMs) === undefined);
  for (const worker of wanted.slice(0, WORKER_HISTORY_PER_POLL)) {
    const target = targets.get(worker.group);
    if (!target) continue;
    try {
      const outcome = await client.tryCall(
        SPIDER_ENDPOINTS.workerHashrate,
        { coin: target.coin, subaccount: target.subaccount, worker: worker.name, mode: 'hourly' },
        `${worker.name} in ${target.group}`,
      );
      if (outcome.ok) cache.set(workerKey(worker), toSeries(outcome.data, target.group, worker.name, 'hour'), nowMs);
    } catch (error) {
      ignoreUnlessAuth(error);
    }
  }
  return stillListed(cache.recent(nowMs, WORKER_HISTORY_KEEP_MS), workers);
}
