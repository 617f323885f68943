// Observer endpoints: read-only views of the single subaccount an observer key belongs to.
import { formatIsoOffset, formatIsoZulu, MS_PER_MINUTE } from '../common/iso-time';
import { javaDouble } from '../common/java-json';
import { isCoinCode } from './coins';
import { ok, type RouteContext, type RouteDefinition } from './route-context';
import { springPage } from './spring-page';
import { summarize, windowRate, type Subaccount } from './subaccounts';
import { hashrateRanges, workerJson, workerListRequest, workersCsv } from './worker-json';
import { DEFAULT_RANGES_MIN, rateBucket } from './workers';

export const observerRoutes: RouteDefinition[] = [
  { method: 'GET', path: '/api/observer/v1/workers/validate', auth: 'observer-key', produces: ['json'], handler: () => ({ status: 204 }) },
  { method: 'GET', path: '/api/observer/v1/workers/details', auth: 'observer-key', produces: ['json', 'csv'], handler: workerDetails },
  { method: 'GET', path: '/api/observer/v1/workers/hashrates', auth: 'observer-key', produces: ['json'], handler: subaccountHashrates },
  { method: 'GET', path: '/api/observer/v1/hashrates/coin', auth: 'observer-key', produces: ['json'], handler: coinHashrates },
  // the documented curl sample uses this longer path
  { method: 'GET', path: '/api/observer/v1/workers/hashrates/coin', auth: 'observer-key', produces: ['json'], handler: coinHashrates },
  { method: 'GET', path: '/api/observer/v1/workers/status', auth: 'observer-key', produces: ['json'], handler: workerStatus },
];

function observed(ctx: RouteContext): Subaccount {
  const subaccount = ctx.scope[0];
  if (!subaccount) return ctx.fail(404, 'Subaccount not found');
  return subaccount;
}

function workerDetails(ctx: RouteContext) {
  const request = workerListRequest(ctx, [observed(ctx)]);
  const ranges = hashrateRanges(ctx);
  if (ctx.media.kind === 'csv') {
    return { status: 200, headers: { 'Content-Type': ctx.media.contentType }, rawBody: workersCsv(ctx, request, ranges ?? DEFAULT_RANGES_MIN) };
  }
  const { rows, total } = ctx.queries.select(request.selection, ctx.nowMs, request.page.page * request.page.size, request.page.size);
  return ok(springPage(rows.map((worker) => workerJson(worker, ctx.nowMs, ranges)), total, request.page, request.sort));
}

/** range=start:end in minutes before now, split into `resolution` windows, oldest first */
function rangeWindows(ctx: RouteContext): Array<{ startMs: number; endMs: number }> {
  const raw = ctx.query.get('range') ?? '';
  const match = /^(\d+):(\d+)$/.exec(raw.trim());
  if (!match) ctx.fail(400, `Invalid range '${raw}', expected start:end in minutes`);
  const a = Number(match[1]);
  const b = Number(match[2]);
  if (a === b) ctx.fail(400, 'range start and end must differ');
  const resolutionRaw = ctx.query.get('resolution') ?? '1';
  if (!/^\d+$/.test(resolutionRaw.trim()) || Number(resolutionRaw) < 1) ctx.fail(400, `Invalid resolution '${resolutionRaw}'`);
  const resolution = Number(resolutionRaw);
  const spanMs = Math.abs(a - b) * MS_PER_MINUTE;
  const widthMs = spanMs / resolution;
  if (widthMs < 20_000) ctx.fail(400, 'resolution too fine: each sub-range must be at least 20 seconds');
  const presentMs = rateBucket(ctx.nowMs);
  const oldestMs = presentMs - Math.max(a, b) * MS_PER_MINUTE;
  return Array.from({ length: resolution }, (_, index) => ({ startMs: oldestMs + index * widthMs, endMs: oldestMs + (index + 1) * widthMs }));
}

function subaccountHashrates(ctx: RouteContext) {
  const subaccount = observed(ctx);
  const rangesRaw = ctx.query.get('ranges');
  const hasRanges = rangesRaw !== null && rangesRaw.trim() !== '';
  if (hasRanges && ctx.query.has('range')) ctx.fail(400, 'ranges and range are mutually exclusive');
  let values: number[];
  if (ctx.query.has('range')) {
    values = rangeWindows(ctx).map((window) => windowRate(subaccount, window.startMs, window.endMs, ctx.nowMs));
  } else {
    const presentMs = rateBucket(ctx.nowMs);
    const minutes = hasRanges
      ? rangesRaw.split(',').map((part) => {
          if (!/^\d+$/.test(part.trim()) || Number(part) < 1) ctx.fail(400, `Invalid ranges value '${part}'`);
          return Number(part);
        })
      : DEFAULT_RANGES_MIN;
    values = minutes.map((range) => windowRate(subaccount, presentMs - range * MS_PER_MINUTE, presentMs, ctx.nowMs));
  }
  return ok({
    now: formatIsoOffset(ctx.nowMs),
    subaccounts: { [subaccount.name]: subaccount.id },
    hashrate: { [subaccount.name]: values.map(javaDouble) },
  });
}

function coinHashrates(ctx: RouteContext) {
  const subaccount = observed(ctx);
  const wanted = (ctx.query.get('coins') ?? '').split(',').map((part) => part.trim()).filter(isCoinCode);
  const windows = rangeWindows(ctx);
  const hashrate: Record<string, unknown[]> = {};
  if (wanted.length === 0 || wanted.includes(subaccount.coin)) {
    hashrate[subaccount.coin] = windows.map((window) => javaDouble(windowRate(subaccount, window.startMs, window.endMs, ctx.nowMs)));
  }
  return ok({ now: formatIsoZulu(ctx.nowMs), hashrate });
}

function workerStatus(ctx: RouteContext) {
  const subaccount = observed(ctx);
  const { counts } = summarize([subaccount], ctx.nowMs);
  return ok({ status: { [String(subaccount.id)]: { name: subaccount.name, online: counts.ONLINE, offline: counts.OFFLINE, dead: counts.DEAD } } });
}
