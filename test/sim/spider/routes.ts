// The Spider endpoints PoolWatch reads, answering with the documented shapes and units.
import { MS_PER_DAY, MS_PER_HOUR, utcDayStart } from '../common/iso-time';
import { ApiFailure, noSuchSubaccount, parameterError } from './envelope';
import { dayProfit, ledgerAt } from './ledger';
import { integer, optionalCoin, optionalText, pageOf, requiredMine, requiredText, visibleMines, type RouteContext } from './route-params';
import { dayAverageHps, hashrateString, lastShareAt, rateBucket, rateOverWindow, realtimeHps, workerStatus, type WorkerRecord } from './workers';
import type { Mine } from './world';

export type RouteHandler = (ctx: RouteContext) => unknown;

const CHINA_OFFSET_MS = 8 * MS_PER_HOUR;
/** epoch values above this are milliseconds */
const MS_BOUNDARY = 1e11;

function mineTotals(mine: Mine, nowMs: number): { realtime: number; day: number; active: number; inactive: number } {
  let realtime = 0;
  let day = 0;
  let active = 0;
  let inactive = 0;
  for (const worker of mine.byName) {
    realtime += realtimeHps(worker, nowMs);
    day += dayAverageHps(worker, nowMs);
    if (workerStatus(worker, nowMs) === 'active') active += 1;
    else inactive += 1;
  }
  return { realtime, day, active, inactive };
}

/** Optional coin and subaccount filters; without them, every subaccount and coin the key can see. */
const getSubaccountInfo: RouteHandler = (ctx) => {
  const coin = optionalCoin(ctx);
  const name = optionalText(ctx, 'subaccount');
  const mines = visibleMines(ctx).filter((mine) => (coin === null || mine.coin === coin) && (name === null || mine.subaccount === name));
  if (name !== null && mines.length === 0) throw noSuchSubaccount();
  return mines.map((mine) => {
    const totals = mineTotals(mine, ctx.nowMs);
    return {
      coin: mine.coin,
      subaccount: mine.subaccount,
      walletAddress: mine.walletAddress,
      realtimeHashrate: hashrateString(totals.realtime),
      avgHashrate1440: hashrateString(totals.day),
      activeWorkerNum: totals.active,
      // "lost" workers are not active either
      inactiveWorkerNum: totals.inactive,
    };
  });
};

function workerRow(worker: WorkerRecord, nowMs: number): Record<string, unknown> {
  return {
    workerName: worker.name,
    realtimeHashrate: hashrateString(realtimeHps(worker, nowMs)),
    avgHashrate1440: hashrateString(dayAverageHps(worker, nowMs)),
    avgRejectrate1440: worker.rejectRate,
    status: workerStatus(worker, nowMs),
    lastShareTime: Math.floor(lastShareAt(worker, nowMs) / 1000),
  };
}

const getSubaccountWorkerDetailInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const row = (worker: WorkerRecord) => workerRow(worker, ctx.nowMs);
  const paging = ctx.world.workerPaging;
  if (paging === 'none') return mine.byName.map(row);
  const pageNumber = integer(ctx, paging, 1, 1);
  const pageSize = integer(ctx, 'pageSize', 10, 1, ctx.world.maxWorkerPageSize);
  // Only the page's rows are made: a 100,000-worker mine read 50 at a time is 2,000 requests.
  return { list: pageOf(mine.byName, pageNumber, pageSize).map(row), total: mine.byName.length, [paging]: pageNumber, pageSize };
};

function chartMode(ctx: RouteContext): 'hourly' | 'daily' {
  const mode = optionalText(ctx, 'mode') ?? 'hourly';
  if (mode !== 'hourly' && mode !== 'daily') throw parameterError();
  return mode;
}

/** 24 complete hours or 30 complete days, oldest first; startTime in ms, timeInterval in seconds. */
function chart(workers: readonly WorkerRecord[], mode: 'hourly' | 'daily', nowMs: number): { startTime: number; timeInterval: number; hashrates: string[] } {
  const stepMs = mode === 'hourly' ? MS_PER_HOUR : MS_PER_DAY;
  const count = mode === 'hourly' ? 24 : 30;
  const endMs = mode === 'hourly' ? Math.floor(nowMs / MS_PER_HOUR) * MS_PER_HOUR : utcDayStart(nowMs);
  const startTime = endMs - count * stepMs;
  const presentMs = rateBucket(nowMs);
  const hashrates = Array.from({ length: count }, (_, index) => {
    const from = startTime + index * stepMs;
    return hashrateString(workers.reduce((sum, worker) => sum + rateOverWindow(worker, from, from + stepMs, presentMs), 0));
  });
  return { startTime, timeInterval: stepMs / 1000, hashrates };
}

const getSubaccountHashrateDetailInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  return { coin: mine.coin, subaccount: mine.subaccount, ...chart(mine.byName, chartMode(ctx), ctx.nowMs) };
};

const getSubaccountWorkerHashrateDetailInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const worker = mine.workers.get(requiredText(ctx, 'worker'));
  if (!worker) throw new ApiFailure('INVALID_PARAM', 'The worker does not exist');
  const mode = chartMode(ctx);
  // docs: the 30-day worker chart is BTC only
  if (mode === 'daily' && mine.coin !== 'btc') throw parameterError();
  return chart([worker], mode, ctx.nowMs);
};

const getSubaccountProfitInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const ledger = ledgerAt(mine, ctx.nowMs);
  const body: Record<string, number> = {
    yesterdayProfit: ledger.days.at(-1)?.profit ?? 0,
    unpaidProfit: ledger.unpaid,
    totalProfit: ledger.total,
  };
  if (ledger.todayEstimate !== null) body.dayEstimateProfit = ledger.todayEstimate;
  return body;
};

/** Range in seconds (docs), 1-based pageNumber, newest first; dayDate is the day's midnight in China time, in ms. */
const getSubaccountProfitDetailInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const startMs = integer(ctx, 'startTimestamp', 0, 0) * 1000;
  const endMs = integer(ctx, 'endTimestamp', Math.floor(ctx.nowMs / 1000), 0) * 1000;
  const rows = ledgerAt(mine, ctx.nowMs)
    .days.map((day) => ({ dayDate: day.dayMs - CHINA_OFFSET_MS, avgHashrate: hashrateString(day.avgHps), dayProfit: day.profit }))
    .filter((row) => row.dayDate >= startMs && row.dayDate <= endMs)
    .reverse();
  const pageNumber = integer(ctx, 'pageNumber', 1, 1);
  const pageSize = integer(ctx, 'pageSize', 10, 1, 100);
  return { total: rows.length, dayProfitList: pageOf(rows, pageNumber, pageSize) };
};

/** timeStamp picks the UTC day (seconds; milliseconds accepted); data is null until the day has settled. */
const getDayProfitDetailInfo: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const stamp = integer(ctx, 'timeStamp', -1, 0);
  if (stamp < 0) throw parameterError();
  const dayMs = utcDayStart(stamp >= MS_BOUNDARY ? stamp : stamp * 1000);
  const settled = ledgerAt(mine, ctx.nowMs).days.find((day) => day.dayMs === dayMs);
  if (!settled) return null;
  const day = dayProfit(mine, dayMs);
  const pps = Math.round(day.profit * 0.96 * 1e14) / 1e14;
  const body: Record<string, unknown> = {
    day: dayMs / 1000,
    coin: mine.coin,
    userName: mine.subaccount,
    avgShareAccept: Math.round(day.avgHps / 4295) / 100,
    dayProfit: day.profit,
    ppsDayProfit: pps,
    pplnsDayProfit: Math.round((day.profit - pps) * 1e14) / 1e14,
  };
  if (mine.coin !== 'fb') body.difficult = '84381461788831';
  return body;
};

/** Range in milliseconds (docs), 1-based pageNumber, newest first. */
const getSubaccountPaymentRecord: RouteHandler = (ctx) => {
  const mine = requiredMine(ctx);
  const startMs = integer(ctx, 'startTimestamp', 0, 0);
  const endMs = integer(ctx, 'endTimestamp', ctx.nowMs, 0);
  const rows = ledgerAt(mine, ctx.nowMs)
    .payments.filter((payment) => payment.paymentDateMs >= startMs && payment.paymentDateMs <= endMs)
    .reverse()
    .map((payment) => ({ paymentDate: payment.paymentDateMs, paymentAddress: payment.address, paymentMoney: payment.amount, txId: payment.txId }));
  const pageNumber = integer(ctx, 'pageNumber', 1, 1);
  const pageSize = integer(ctx, 'pageSize', 10, 1, 100);
  return { list: pageOf(rows, pageNumber, pageSize), total: rows.length };
};

export const ROUTES: Readonly<Record<string, RouteHandler>> = {
  '/v2/subaccount/getSubaccountInfo': getSubaccountInfo,
  '/v2/worker/getSubaccountWorkerDetailInfo': getSubaccountWorkerDetailInfo,
  '/v2/subaccount/getSubaccountHashrateDetailInfo': getSubaccountHashrateDetailInfo,
  '/v2/worker/getSubaccountWorkerHashrateDetailInfo': getSubaccountWorkerHashrateDetailInfo,
  '/v2/subaccount/getSubaccountProfitInfo': getSubaccountProfitInfo,
  '/v2/subaccount/getSubaccountProfitDetailInfo': getSubaccountProfitDetailInfo,
  '/v2/sp/subaccount/getDayProfitDetailInfo': getDayProfitDetailInfo,
  '/v2/subaccount/getSubaccountPaymentRecord': getSubaccountPaymentRecord,
};
