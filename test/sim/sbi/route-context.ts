// What a route handler gets, and small helpers shared by the handlers.
import type { IncomingHttpHeaders } from 'node:http';
import type { SimResponse } from '../common/http-io';
import { parseIsoDay } from '../common/iso-time';
import type { MediaKind, NegotiatedMedia } from './content-negotiation';
import { parsePageRequest, type PageParamNames, type PageRequest } from './spring-page';
import type { Subaccount } from './subaccounts';
import type { SbiPermission, SbiSimKey } from './types';
import type { WorkerQueries } from './worker-query';
import type { SbiWorld } from './world';

export interface RouteContext {
  readonly world: SbiWorld;
  readonly queries: WorkerQueries;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly nowMs: number;
  readonly media: NegotiatedMedia;
  /** subaccounts the API key or observer key may see, ordered by id */
  readonly scope: readonly Subaccount[];
  readonly key: SbiSimKey | null;
  readBody(): Promise<string>;
  /** throws a Spring error response with a terse message */
  fail(status: number, message: string): never;
}

export type RouteHandler = (ctx: RouteContext) => SimResponse | Promise<SimResponse>;

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  auth: 'api-key' | 'observer-key';
  permission?: SbiPermission;
  /** only the account owner's keys (payouts) */
  ownerOnly?: boolean;
  produces: readonly MediaKind[];
  handler: RouteHandler;
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

/** Optional comma list of subaccount names; a name the key cannot see is a 404. */
export function subaccountsFromParam(ctx: RouteContext, param: string): Subaccount[] {
  const raw = ctx.query.get(param);
  if (raw === null || raw.trim() === '') return [...ctx.scope];
  const wanted = new Set(raw.split(',').map((name) => name.trim()).filter((name) => name !== ''));
  for (const name of wanted) {
    if (!ctx.scope.some((subaccount) => subaccount.name === name)) ctx.fail(404, `Subaccount ${name} not found`);
  }
  return ctx.scope.filter((subaccount) => wanted.has(subaccount.name));
}

export function pageRequest(ctx: RouteContext, names: PageParamNames): PageRequest {
  try {
    return parsePageRequest(ctx.query, names);
  } catch (error) {
    return ctx.fail(400, (error as Error).message);
  }
}

/** yyyy-MM-dd parameter: null when absent, 400 when malformed. */
export function dayParam(ctx: RouteContext, param: string): number | null {
  const raw = ctx.query.get(param);
  if (raw === null || raw.trim() === '') return null;
  const dayMs = parseIsoDay(raw.trim());
  if (dayMs === null) ctx.fail(400, `Invalid ${param} '${raw}', expected yyyy-MM-dd`);
  return dayMs;
}

/** "more than 2 characters", leading and trailing whitespace ignored */
export function textFilter(ctx: RouteContext): string | null {
  const raw = ctx.query.get('filter')?.trim() ?? '';
  return raw.length > 2 ? raw.toLowerCase() : null;
}
