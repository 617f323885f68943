import {
  countWorkers,
  sumHashrates,
  type Balance,
  type Group,
  type HashrateSeries,
  type HashrateWindows,
  type Payout,
  type RevenueEstimate,
  type Worker,
  type WorkerState,
} from '../../../shared/model';
import { DAY_MS, isoTimeFromMs, utcDay } from '../../base/time';
import type { SpiderDayProfit, SpiderHashrateDetail, SpiderPaymentRecord, SpiderProfitDetail, SpiderProfitInfo, SpiderSubaccountInfo, SpiderWorker } from './spider-schemas';

/** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_OR_MS_BOUNDARY = 1e11;

/** Spider wants lower-case coins on the wire ("btc"); "BTC" is an error. */
export function wireCoin(coin: string): string {
  return coin.trim().toLowerCase();
}

/** Coins are upper case in the model. */
export function modelCoin(coin: string): string {
  return coin.trim().toUpperCase();
}

/** One group per subaccount and coin, so two coins of one subaccount do not collide. */
export function groupName(subaccount: string, coin: string): string {
  return `${subaccount} (${modelCoin(coin)})`;
}

function validTime(ms: number): string | null {
  return ms > 0 ? isoTimeFromMs(ms) : null;
}

/** A field documented in milliseconds (paymentDate, dayDate, startTime); a value in seconds is scaled up. */
export function msToIso(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return validTime(value < SECONDS_OR_MS_BOUNDARY ? value * 1000 : value);
}

/** A field documented in seconds (lastShareTime, day); a value in milliseconds is taken as such. */
export function secondsToIso(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return validTime(value >= SECONDS_OR_MS_BOUNDARY ? value : value * 1000);
}

/**
 * The UTC day a day stamp stands for. The documented dayDate 1569600000000 is 2019-09-28 00:00 in China (UTC+8),
 * while the /v2/sp `day` is a UTC midnight: rounding to the nearest UTC midnight names the day in both conventions.
 */
export function dayLabel(ms: number): string | null {
  return isoTimeFromMs(Math.round(ms / DAY_MS) * DAY_MS)?.slice(0, 10) ?? null;
}

function hps(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) || value < 0 ? null : value;
}

/** Spider reports a realtime (about 10 min) and a 24 h figure; there is no 1 h window. */
export function toWindows(realtime: number | null | undefined, day: number | null | undefined): HashrateWindows {
  return { h10m: hps(realtime), h1h: null, h24h: hps(day) };
}

const STATES: Record<string, WorkerState> = { active: 'online', inactive: 'offline', lost: 'dead' };

/** active = online, inactive = offline, lost = lost connection (the longest silence). */
export function toWorkerState(status: string | null | undefined): WorkerState {
  return STATES[(status ?? '').trim().toLowerCase()] ?? 'unknown';
}

/** A fraction (0.001 in the docs); a figure above 1 can only be a percentage. */
export function toRejectRate(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return null;
  if (value <= 1) return value;
  return value <= 100 ? value / 100 : null;
}

export function toWorker(raw: SpiderWorker, group: string): Worker {
  return {
    name: raw.workerName,
    group,
    state: toWorkerState(raw.status),
    hashrate: toWindows(raw.realtimeHashrate, raw.avgHashrate1440),
    lastShareAt: secondsToIso(raw.lastShareTime),
    rejectRate: toRejectRate(raw.avgRejectrate1440),
  };
}

/** A group from the subaccount info; worker counts come from the worker list when it was read. */
export function toGroup(info: SpiderSubaccountInfo, name: string, workers: readonly Worker[] | null): Group {
  const fromInfo = toWindows(info.realtimeHashrate, info.avgHashrate1440);
  const hashrate = fromInfo.h10m === null && fromInfo.h24h === null && workers ? sumHashrates(workers.map((worker) => worker.hashrate)) : fromInfo;
  const active = Math.max(0, Math.round(info.activeWorkerNum ?? 0));
  const inactive = Math.max(0, Math.round(info.inactiveWorkerNum ?? 0));
  const attributes: Record<string, string> = { Subaccount: info.subaccount };
  if (info.walletAddress) attributes['Payout address'] = info.walletAddress;
  return {
    name,
    coin: modelCoin(info.coin),
    hashrate,
    workers: workers ? countWorkers(workers) : { online: active, offline: inactive, dead: 0, unknown: 0, total: active + inactive },
    attributes,
    // One subaccount mines one coin at a time: the pair is that pool account, whichever key reads it.
    identity: `spider:subaccount:${info.subaccount}:${modelCoin(info.coin)}`,
  };
}

export function toSeries(detail: SpiderHashrateDetail, group: string, worker: string | null, resolution: HashrateSeries['resolution']): HashrateSeries {
  const startMs = detail.startTime < SECONDS_OR_MS_BOUNDARY ? detail.startTime * 1000 : detail.startTime;
  const stepMs = detail.timeInterval * 1000;
  const points = detail.hashrates.flatMap((value, index) => {
    const rate = hps(value);
    const at = validTime(startMs + index * stepMs);
    return rate === null || at === null ? [] : [{ at, hps: rate }];
  });
  return { group, worker, resolution, points };
}

export function toBalance(info: SpiderProfitInfo, coin: string, group: string): Balance | null {
  if (info.unpaidProfit === null || info.unpaidProfit === undefined) return null;
  return { coin: modelCoin(coin), unpaid: info.unpaidProfit, unit: 'coin', group, totalEarned: info.totalProfit ?? null };
}

/** Yesterday's profit and today's estimate, as the pool's own daily figures. */
export function toRevenue(info: SpiderProfitInfo, coin: string, group: string, nowMs: number): RevenueEstimate[] {
  const rows: RevenueEstimate[] = [];
  if (info.yesterdayProfit !== null && info.yesterdayProfit !== undefined) {
    rows.push({ day: utcDay(nowMs - DAY_MS), coin: modelCoin(coin), amount: info.yesterdayProfit, unit: 'coin', group });
  }
  if (info.dayEstimateProfit !== null && info.dayEstimateProfit !== undefined) {
    rows.push({ day: utcDay(nowMs), coin: modelCoin(coin), amount: info.dayEstimateProfit, unit: 'coin', group, estimate: true });
  }
  return rows;
}

export function dailyFromDetail(detail: SpiderProfitDetail, coin: string, group: string): RevenueEstimate[] {
  // A day no calendar has (1e309) is left out rather than named wrong.
  return detail.dayProfitList.flatMap((row) => {
    const day = dayLabel(row.dayDate < SECONDS_OR_MS_BOUNDARY ? row.dayDate * 1000 : row.dayDate);
    return day === null ? [] : [{ day, coin: modelCoin(coin), amount: row.dayProfit, unit: 'coin' as const, group }];
  });
}

export function dailyFromDayProfit(row: NonNullable<SpiderDayProfit>, coin: string, group: string): RevenueEstimate | null {
  const day = dayLabel(row.day >= SECONDS_OR_MS_BOUNDARY ? row.day : row.day * 1000);
  return day === null ? null : { day, coin: modelCoin(coin), amount: row.dayProfit, unit: 'coin', group };
}

/** Merges day rows, later sources winning for the same day, oldest first. */
export function mergeDaily(...sources: ReadonlyArray<readonly RevenueEstimate[]>): RevenueEstimate[] {
  const byDay = new Map<string, RevenueEstimate>();
  for (const rows of sources) for (const row of rows) byDay.set(`${row.group ?? ''}\u0000${row.coin}\u0000${row.day}`, row);
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day) || (a.group ?? '').localeCompare(b.group ?? ''));
}

/** A record with a transaction id has been sent; one without is still on its way. */
export function toPayouts(records: SpiderPaymentRecord, coin: string, group: string): Payout[] {
  return records.list.map((record) => {
    const txId = record.txId?.trim() ? record.txId.trim() : null;
    return {
      id: txId ?? `${group}|${record.paymentDate}|${record.paymentMoney}`,
      coin: modelCoin(coin),
      amount: record.paymentMoney,
      unit: 'coin',
      status: txId ? 'confirmed' : 'pending',
      txId,
      at: msToIso(record.paymentDate),
      group,
    };
  });
}
