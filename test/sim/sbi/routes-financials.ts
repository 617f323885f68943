// FINANCIALS endpoints: earnings v1 (base units) and v2 (whole coin), revenue estimates, tx payouts.
import { formatIsoOffset, MS_PER_DAY, utcDayStart, utcMonthDays } from '../common/iso-time';
import { javaDouble } from '../common/java-json';
import { COINS, isCoinCode, coinJson, type CoinCode } from './coins';
import type { EarningRecord } from './ledger';
import { dayParam, ok, pageRequest, subaccountsFromParam, textFilter, type RouteContext, type RouteDefinition } from './route-context';
import { sortRows, type Row } from './row-sort';
import { parseSortParam, springPage, type SortOrder } from './spring-page';
import { windowRate } from './subaccounts';

export const financialRoutes: RouteDefinition[] = [
  { method: 'GET', path: '/api/external/v1/earnings', auth: 'api-key', permission: 'FINANCIALS', produces: ['json'], handler: earningsV1 },
  { method: 'GET', path: '/api/external/v2/earnings', auth: 'api-key', permission: 'FINANCIALS', produces: ['json'], handler: earningsV2 },
  { method: 'GET', path: '/api/external/v1/revenue', auth: 'api-key', permission: 'FINANCIALS', produces: ['json'], handler: revenue },
  { method: 'GET', path: '/api/external/v1/payouts', auth: 'api-key', permission: 'FINANCIALS', ownerOnly: true, produces: ['json'], handler: payouts },
];

function requiredDay(ctx: RouteContext, param: string): number {
  const dayMs = dayParam(ctx, param);
  if (dayMs === null) ctx.fail(400, `Required request parameter '${param}' for method parameter type String is not present`);
  return dayMs;
}

/** startDate/endDate, both optional, defaulting to the current month */
function dateRange(ctx: RouteContext): { startMs: number; endMs: number } {
  const month = utcMonthDays(ctx.nowMs);
  const startMs = dayParam(ctx, 'startDate') ?? month.firstDayMs;
  const endMs = dayParam(ctx, 'endDate') ?? month.lastDayMs;
  if (startMs > endMs) ctx.fail(400, 'startDate must not be after endDate');
  return { startMs, endMs };
}

function earningsV1(ctx: RouteContext) {
  const fromMs = requiredDay(ctx, 'fromDate');
  const toMs = requiredDay(ctx, 'toDate');
  if (fromMs > toMs) ctx.fail(400, 'fromDate must not be after toDate');
  const ids = new Set(subaccountsFromParam(ctx, 'subaccountNames').map((subaccount) => subaccount.id));
  const page = pageRequest(ctx, { defaultSize: 100, pageParams: ['page'], sizeParams: ['size'] });
  const requested = parseSortParam(ctx.query);
  const sort: SortOrder = requested?.field === 'created' ? requested : { field: 'created', ascending: false };
  const matching = ctx.world.ledger
    .earnings()
    .filter((earning) => ids.has(earning.subaccountId) && earning.earningsForMs >= fromMs && earning.earningsForMs <= toMs)
    .sort((a, b) => (sort.ascending ? a.createdAtMs - b.createdAtMs : b.createdAtMs - a.createdAtMs) || a.subaccountId - b.subaccountId);
  const content = matching.slice(page.page * page.size, page.page * page.size + page.size).map(earningV1Json);
  return ok(springPage(content, matching.length, page, sort));
}

function earningV1Json(earning: EarningRecord): Row {
  const tx = earning.tx;
  return {
    id: earning.earningsId,
    coin: coinJson(earning.coin),
    created: formatIsoOffset(earning.createdAtMs),
    asOf: formatIsoOffset(earning.earningsForMs),
    subaccountName: earning.subaccountName,
    subaccountId: earning.subaccountId,
    payoutAddress: earning.address,
    paymentMethod: 'FPPS',
    // integer base units (satoshi; gwei for ETH), as in the documented sample
    amount: earning.netBase,
    feesPaid: earning.feeBase,
    systemFeePercentage: javaDouble(earning.feePercent),
    transactionId: tx.internalTxId,
    status: tx.state,
    blockchainId: tx.txId,
  };
}

const EARNING_STATE_ORDER = ['CONFIRMED', 'PENDING', 'POSTED', 'NEW', 'FAILED'];
const EARNING_DOUBLE_FIELDS = ['hashrate', 'grossOwed', 'fee', 'feesPaid', 'netOwed'];
const EARNING_V2_FIELDS = [
  'earningsId', 'subaccountId', 'subaccountName', 'vSubaccountId', 'vSubaccountName', 'earningsFor', 'earningScheme', 'coin', 'address',
  'hashrate', 'grossOwed', 'fee', 'feesPaid', 'netOwed', 'state', 'txId', 'internalTxId', 'paidOn',
];

function earningsV2(ctx: RouteContext) {
  const { startMs, endMs } = dateRange(ctx);
  const ids = new Set(ctx.scope.map((subaccount) => subaccount.id));
  const filter = textFilter(ctx);
  const page = pageRequest(ctx, { defaultSize: 20, pageParams: ['page'], sizeParams: ['size'] });
  const rows = ctx.world.ledger
    .earnings()
    .filter((earning) => ids.has(earning.subaccountId) && earning.earningsForMs >= startMs && earning.earningsForMs <= endMs)
    .map(earningV2Row)
    .filter((row) => filter === null || [row.coin, row.txId, row.address, String(row.netOwed)].some((value) => value !== null && String(value).toLowerCase().includes(filter)));
  const sort = rowSortOrder(ctx, EARNING_V2_FIELDS, { field: 'earningsFor', ascending: false });
  const sorted = sortRows(rows, { ...sort, ranks: { state: EARNING_STATE_ORDER }, tieBreak: { field: 'earningsFor', ascending: false } });
  const content = sorted.slice(page.page * page.size, page.page * page.size + page.size).map((row) => withJavaDoubles(row, EARNING_DOUBLE_FIELDS));
  return ok(springPage(content, sorted.length, page, sort));
}

function earningV2Row(earning: EarningRecord): Row {
  const coin = COINS[earning.coin];
  const tx = earning.tx;
  return {
    earningsId: earning.earningsId,
    subaccountId: earning.subaccountId,
    subaccountName: earning.subaccountName,
    vSubaccountId: null,
    vSubaccountName: null,
    earningsFor: formatIsoOffset(earning.earningsForMs),
    earningScheme: 'FPPS',
    coin: earning.coin,
    address: earning.address,
    hashrate: earning.hashrateMhs,
    grossOwed: earning.grossBase / coin.baseUnitsPerCoin,
    fee: earning.feePercent,
    feesPaid: earning.feeBase / coin.baseUnitsPerCoin,
    netOwed: earning.netBase / coin.baseUnitsPerCoin,
    state: tx.state,
    txId: tx.txId,
    internalTxId: tx.internalTxId,
    paidOn: tx.paidOnMs === null ? null : formatIsoOffset(tx.paidOnMs),
  };
}

/** sort=field,dir over the row's own keys; an unknown field is a 422 on these endpoints */
function rowSortOrder(ctx: RouteContext, fields: readonly string[], fallback: SortOrder): SortOrder {
  const requested = parseSortParam(ctx.query);
  if (requested === null) return fallback;
  if (!fields.includes(requested.field)) ctx.fail(422, `Invalid sort field '${requested.field}'`);
  return requested;
}

function withJavaDoubles(row: Row, fields: readonly string[]): Row {
  const out: Row = { ...row };
  for (const field of fields) {
    const value = out[field];
    if (typeof value === 'number') out[field] = javaDouble(value);
  }
  return out;
}

function revenue(ctx: RouteContext) {
  const subaccounts = subaccountsFromParam(ctx, 'subaccountNames');
  const todayMs = utcDayStart(ctx.nowMs);
  const yesterdayMs = todayMs - MS_PER_DAY;
  const amountFor = (coinCode: CoinCode, averageMhs: number, days: number): number => {
    const coin = COINS[coinCode];
    return averageMhs * coin.coinPerMhsDay * coin.baseUnitsPerCoin * days;
  };
  const elapsedMs = Math.max(1, ctx.nowMs - todayMs);
  return ok({
    estimatedRevenues: {
      [formatIsoOffset(todayMs)]: subaccounts.map((subaccount) => ({
        subaccountName: subaccount.name,
        coin: subaccount.coin,
        amount: javaDouble(amountFor(subaccount.coin, windowRate(subaccount, todayMs, todayMs + elapsedMs, ctx.nowMs), elapsedMs / MS_PER_DAY)),
      })),
      [formatIsoOffset(yesterdayMs)]: subaccounts.map((subaccount) => ({
        subaccountName: subaccount.name,
        coin: subaccount.coin,
        amount: javaDouble(amountFor(subaccount.coin, windowRate(subaccount, yesterdayMs, todayMs, ctx.nowMs), 1)),
      })),
    },
  });
}

const PAYOUT_FIELDS = ['internalTxId', 'coin', 'amount', 'txFee', 'state', 'txId', 'paidOn'];
const PAYOUT_STATE_ORDER = ['CONFIRMED', 'POSTED', 'NEW'];

function payouts(ctx: RouteContext) {
  const { startMs, endMs } = dateRange(ctx);
  const coins = coinFilters(ctx);
  const filter = textFilter(ctx);
  const page = pageRequest(ctx, { defaultSize: 20, pageParams: ['page'], sizeParams: ['size'] });
  const sort = rowSortOrder(ctx, PAYOUT_FIELDS, { field: 'paidOn', ascending: false });
  const ledger = ctx.world.ledger;
  const rows = ledger
    .payouts()
    .filter((tx) => {
      const dayMs = utcDayStart(tx.paidOnMs ?? tx.dayMs);
      return dayMs >= startMs && dayMs <= endMs && (coins === null || coins.has(tx.coin));
    })
    .map((tx): Row => {
      const baseUnits = ledger.earningsOf(tx).reduce((sum, earning) => sum + earning.netBase, 0);
      return {
        internalTxId: tx.internalTxId,
        coin: tx.coin,
        amount: baseUnits / COINS[tx.coin].baseUnitsPerCoin,
        txFee: tx.txFee,
        state: tx.state,
        txId: tx.txId,
        paidOn: tx.paidOnMs === null ? null : formatIsoOffset(tx.paidOnMs),
      };
    })
    .filter((row) => filter === null || [row.txId, String(row.amount)].some((value) => value !== null && String(value).toLowerCase().includes(filter)));
  const sorted = sortRows(rows, { ...sort, ranks: { state: PAYOUT_STATE_ORDER }, tieBreak: { field: 'paidOn', ascending: false } });
  const content = sorted.slice(page.page * page.size, page.page * page.size + page.size).map((row) => withJavaDoubles(row, ['amount', 'txFee']));
  return ok(springPage(content, sorted.length, page, sort));
}

function coinFilters(ctx: RouteContext): Set<CoinCode> | null {
  const raw = ctx.query.get('coinFilters');
  if (raw === null || raw.trim() === '') return null;
  const coins = new Set<CoinCode>();
  for (const part of raw.split(',').map((piece) => piece.trim()).filter((piece) => piece !== '')) {
    if (!isCoinCode(part)) ctx.fail(400, `Invalid coinFilters value '${part}'`);
    coins.add(part);
  }
  return coins;
}
