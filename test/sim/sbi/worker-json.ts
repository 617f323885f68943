// Worker rows as the workers and observer details endpoints print them, plus their query parameters.
import { formatIsoAtOffset, formatIsoOffset, MS_PER_DAY } from '../common/iso-time';
import { javaDouble } from '../common/java-json';
import { dayParam, pageRequest, type RouteContext } from './route-context';
import { parseSortParam, type PageRequest, type SortOrder } from './spring-page';
import type { Subaccount } from './subaccounts';
import { WORKER_SORT_FIELDS, type WorkerSelection, type WorkerSortField } from './worker-query';
import { defaultRates, displayedState, lastShareAt, ratesForRanges, WORKER_STATES, type WorkerRecord, type WorkerState } from './workers';

export function workerJson(worker: WorkerRecord, nowMs: number, rangesMin: readonly number[] | null): Record<string, unknown> {
  const rates = rangesMin ? ratesForRanges(worker, nowMs, rangesMin) : defaultRates(worker, nowMs);
  return {
    name: worker.name,
    state: displayedState(worker, nowMs),
    // the service reports whole seconds
    lastShareTime: formatIsoOffset(Math.floor(lastShareAt(worker, nowMs) / 1000) * 1000),
    subaccountId: worker.subaccountId,
    subaccount: worker.subaccountName,
    hashrates: rates.map(javaDouble),
  };
}

export interface WorkerListRequest {
  selection: WorkerSelection;
  page: PageRequest;
  sort: SortOrder;
}

export function workerListRequest(ctx: RouteContext, subaccounts: readonly Subaccount[]): WorkerListRequest {
  const page = pageRequest(ctx, { defaultSize: 20, pageParams: ['page', 'pageNumber'], sizeParams: ['size', 'pageSize'] });
  const requested = parseSortParam(ctx.query);
  const field = WORKER_SORT_FIELDS.find((known) => known === requested?.field);
  // unsupported sorts fall back to the default, and the page reports what was used
  const sort: SortOrder = field && requested ? { field, ascending: requested.ascending } : { field: 'name', ascending: true };
  return {
    page,
    sort,
    selection: {
      subaccounts,
      nameContains: nameFilter(ctx),
      states: statusFilters(ctx),
      sortField: sort.field as WorkerSortField,
      ascending: sort.ascending,
    },
  };
}

function nameFilter(ctx: RouteContext): string | null {
  const nameFilterParam = ctx.query.get('nameFilter') ?? '';
  if (nameFilterParam !== '') {
    if (nameFilterParam.length < 2 || nameFilterParam.length > 20) ctx.fail(400, 'nameFilter: size must be between 2 and 20');
    return nameFilterParam;
  }
  const workerName = ctx.query.get('workerName') ?? '';
  return workerName === '' ? null : workerName;
}

function statusFilters(ctx: RouteContext): Set<WorkerState> | null {
  const raw = ctx.query.getAll('statusFilters').join(',');
  const names = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (names.length === 0) return null;
  const states = new Set<WorkerState>();
  for (const name of names) {
    const state = WORKER_STATES.find((known) => known === name);
    if (!state) ctx.fail(400, `Invalid statusFilters value '${name}', expected one of ONLINE, OFFLINE, DEAD`);
    states.add(state);
  }
  return states;
}

/** hashrateRanges=10,60,1440 (minutes back from now) */
export function hashrateRanges(ctx: RouteContext): number[] | null {
  const raw = ctx.query.get('hashrateRanges');
  if (raw === null || raw.trim() === '') return null;
  return raw.split(',').map((part) => {
    const minutes = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || minutes < 1 || minutes > 43_200) ctx.fail(400, `Invalid hashrateRanges value '${part}'`);
    return minutes;
  });
}

/** The observer CSV export: every matching worker, last-share window from startDate/endDate. */
export function workersCsv(ctx: RouteContext, request: WorkerListRequest, rangesMin: readonly number[]): string {
  const startMs = dayParam(ctx, 'startDate');
  const endMs = dayParam(ctx, 'endDate');
  const { rows } = ctx.queries.select(request.selection, ctx.nowMs, 0, Number.MAX_SAFE_INTEGER);
  const header = ['worker', 'subaccount', 'status', 'lastShareDate', ...rangesMin.map((minutes) => `hashrate${minutes}m`)].join(',');
  const lines = [header];
  for (const worker of rows) {
    const lastShareMs = lastShareAt(worker, ctx.nowMs);
    if (startMs !== null && lastShareMs <= startMs) continue;
    if (endMs !== null && lastShareMs >= endMs + MS_PER_DAY) continue;
    const rates = ratesForRanges(worker, ctx.nowMs, rangesMin).map((rate) => String(rate));
    const shareDate = formatIsoAtOffset(Math.floor(lastShareMs / 1000) * 1000, ctx.world.timezoneOffsetMinutes);
    lines.push([worker.name, worker.subaccountName, displayedState(worker, ctx.nowMs), shareDate, ...rates].join(','));
  }
  return `${lines.join('\n')}\n`;
}
