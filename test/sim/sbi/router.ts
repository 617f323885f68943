// HTTP front door of the SBI simulator: faults, routing, authentication, content negotiation, request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respondWithFault, type FaultController, type FaultResponseOptions } from '../common/faults';
import { errorMessage, headerValue, readRequestBody, RequestBodyTooLargeError, sendInternalError, type SimResponse } from '../common/http-io';
import { stringifyJavaJson } from '../common/java-json';
import { logWhenClosed, redactedQuery } from '../common/request-log';
import { accessDenied, ApiFailure, invalidToken, springError } from './api-errors';
import { negotiate, type NegotiatedMedia } from './content-negotiation';
import { sbiMissingFields, sbiWrongTypes } from './malformed-bodies';
import type { RouteContext, RouteDefinition } from './route-context';
import { financialRoutes } from './routes-financials';
import { observerRoutes } from './routes-observer';
import { readRoutes } from './routes-read';
import { updateRoutes } from './routes-update';
import type { Subaccount } from './subaccounts';
import type { SbiSimKey, SbiSimRequestLogEntry } from './types';
import type { WorkerQueries } from './worker-query';
import type { SbiWorld } from './world';

const ROUTES: readonly RouteDefinition[] = [...readRoutes, ...financialRoutes, ...updateRoutes, ...observerRoutes];
const COMMON_HEADERS = { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', 'X-Content-Type-Options': 'nosniff' };

const UNAUTHORIZED_TEXT = {
  missing: 'Full authentication is required to access this resource',
  invalid: 'Invalid API key or secret',
  expired: 'API key expired',
} as const;

export interface SbiRouterDeps {
  world: SbiWorld;
  queries: WorkerQueries;
  faults: FaultController;
  requestLog: SbiSimRequestLogEntry[];
}

export function createSbiRequestHandler(deps: SbiRouterDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const { world, faults, requestLog } = deps;
  return (req, res, url) => {
    const atMs = world.clock.now();
    logWhenClosed(res, requestLog, (status) => ({ method: req.method ?? 'GET', path: url.pathname, query: redactedQuery(url.searchParams), status, atMs }));
    const fault = faults.take(url.pathname);
    const faultOptions: FaultResponseOptions = {
      serialize: stringifyJavaJson,
      wrongTypes: sbiWrongTypes,
      missingFields: sbiMissingFields,
      errorResponse: (status) => decorate(springError(status, url.pathname, world.clock.now()), null),
    };
    respondWithFault(fault, req, res, () => produce(deps, req, url), faultOptions).catch((error: unknown) => sendUnexpected(res, error));
  };
}

async function produce(deps: SbiRouterDeps, req: IncomingMessage, url: URL): Promise<SimResponse> {
  const { world } = deps;
  const nowMs = world.clock.now();
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const candidates = ROUTES.filter((route) => route.path === path);
  if (candidates.length === 0) return decorate(springError(404, url.pathname, nowMs), null);
  const route = candidates.find((candidate) => candidate.method === req.method);
  if (!route) {
    const response = springError(405, url.pathname, nowMs, `Request method '${req.method ?? ''}' not supported`);
    return decorate({ ...response, headers: { Allow: candidates.map((candidate) => candidate.method).join(', ') } }, null);
  }
  try {
    const access = authorize(world, route, req, nowMs);
    const media = negotiate(headerValue(req, 'accept'), route.produces);
    if (!media) throw new ApiFailure(springError(406, url.pathname, nowMs, 'Could not find acceptable representation'));
    if (access.key) checkPermissions(route, access.key, access.scope);
    let body: Promise<string> | undefined;
    const ctx: RouteContext = {
      world,
      queries: deps.queries,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      nowMs,
      media,
      scope: access.scope,
      key: access.key,
      readBody: () => (body ??= readRequestBody(req)),
      fail: (status, message) => {
        throw new ApiFailure(springError(status, url.pathname, nowMs, message));
      },
    };
    return decorate(await route.handler(ctx), media);
  } catch (error) {
    if (error instanceof ApiFailure) return decorate(error.response, null);
    if (error instanceof RequestBodyTooLargeError) return decorate(springError(413, url.pathname, nowMs, error.message), null);
    throw error;
  }
}

interface Access {
  key: SbiSimKey | null;
  scope: readonly Subaccount[];
}

function authorize(world: SbiWorld, route: RouteDefinition, req: IncomingMessage, nowMs: number): Access {
  if (route.auth === 'observer-key') {
    const subaccountName = world.keys.observerSubaccount(headerValue(req, 'x-observer-key'));
    const subaccount = world.subaccounts.find((candidate) => candidate.name === subaccountName);
    if (!subaccount) throw new ApiFailure(invalidToken('Observer Key is invalid.'));
    return { key: null, scope: [subaccount] };
  }
  const check = world.keys.check(headerValue(req, 'x-api-key'), headerValue(req, 'x-api-secret'), nowMs);
  if (!check.ok) throw new ApiFailure(invalidToken(UNAUTHORIZED_TEXT[check.reason]));
  return { key: check.key, scope: world.subaccounts.filter((subaccount) => check.key.subaccounts.includes(subaccount.name)) };
}

function checkPermissions(route: RouteDefinition, key: SbiSimKey, scope: readonly Subaccount[]): void {
  // no inheritance: each endpoint needs its own permission
  if (route.permission && !key.permissions.includes(route.permission)) {
    throw new ApiFailure(accessDenied(`API key does not have the ${route.permission} permission`));
  }
  if (route.ownerOnly && !key.accountOwner) throw new ApiFailure(accessDenied('Only the account owner may access payouts'));
  if (scope.length === 0) throw new ApiFailure(accessDenied('API key does not have access to any subaccount'));
}

function decorate(response: SimResponse, media: NegotiatedMedia | null): SimResponse {
  const headers: Record<string, string> = { ...COMMON_HEADERS, ...response.headers };
  if (response.body !== undefined && headers['Content-Type'] === undefined) headers['Content-Type'] = media?.contentType ?? 'application/json';
  return { ...response, headers };
}

function sendUnexpected(res: ServerResponse, error: unknown): void {
  sendInternalError(res, { status: 500, error: 'Internal Server Error', message: errorMessage(error) });
}
