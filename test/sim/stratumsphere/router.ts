// HTTP front door of the Stratumsphere simulator: faults, routing, the raw-key Authorization check, request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respondWithFault, type FaultController, type FaultResponseOptions } from '../common/faults';
import { errorMessage, headerValue, readRequestBody, RequestBodyTooLargeError, sendInternalError, type SimResponse } from '../common/http-io';
import { logWhenClosed, redactedQuery } from '../common/request-log';
import { ApiFailure, failure, invalidKey, statusBody } from './api-errors';
import { stratumsphereMissingFields, stratumsphereWrongTypes } from './malformed-bodies';
import { ROUTES, type RouteContext } from './routes';
import type { StratumsphereSimRequestLogEntry } from './types';
import type { StratumsphereWorld } from './world';

const COMMON_HEADERS = { 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' };

export interface StratumsphereRouterDeps {
  world: StratumsphereWorld;
  faults: FaultController;
  requestLog: StratumsphereSimRequestLogEntry[];
}

export function createStratumsphereRequestHandler(deps: StratumsphereRouterDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const { world, faults, requestLog } = deps;
  const faultOptions: FaultResponseOptions = {
    serialize: JSON.stringify,
    wrongTypes: stratumsphereWrongTypes,
    missingFields: stratumsphereMissingFields,
    errorResponse: (status) => decorate(statusBody(status)),
  };
  return (req, res, url) => {
    const atMs = world.clock.now();
    logWhenClosed(res, requestLog, (status) => ({ method: req.method ?? 'GET', path: url.pathname, query: redactedQuery(url.searchParams), status, atMs }));
    const fault = faults.take(url.pathname);
    respondWithFault(fault, req, res, () => produce(world, req, url), faultOptions).catch((error: unknown) => sendUnexpected(res, error));
  };
}

async function produce(world: StratumsphereWorld, req: IncomingMessage, url: URL): Promise<SimResponse> {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const candidates = ROUTES.filter((route) => route.pattern.test(path));
  if (candidates.length === 0) return decorate(failure(404, 'Not found'));
  const route = candidates.find((candidate) => candidate.method === req.method);
  if (!route) {
    return decorate({ ...failure(405, 'Method not allowed'), headers: { Allow: candidates.map((candidate) => candidate.method).join(', ') } });
  }
  // The key goes alone in Authorization; "Bearer <key>" is just a wrong key to the service.
  if (!world.key.accepts(headerValue(req, 'authorization'))) return decorate(invalidKey(route.invalidKey));
  const params = (route.pattern.exec(path) ?? []).slice(1).map(Number);
  let body: Promise<Record<string, unknown>> | undefined;
  const ctx: RouteContext = {
    world,
    nowMs: world.clock.now(),
    params,
    readJson: () => (body ??= readJsonObject(req)),
  };
  try {
    return decorate(await route.handler(ctx));
  } catch (error) {
    if (error instanceof ApiFailure) return decorate(error.response);
    if (error instanceof RequestBodyTooLargeError) return decorate(failure(413, 'Payload too large'));
    throw error;
  }
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readRequestBody(req);
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiFailure(failure(400, 'Malformed JSON body'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiFailure(failure(400, 'The body must be a JSON object'));
  return parsed as Record<string, unknown>;
}

function decorate(response: SimResponse): SimResponse {
  const headers: Record<string, string> = { ...COMMON_HEADERS, ...response.headers };
  if (response.body !== undefined && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/json';
  return { ...response, headers };
}

function sendUnexpected(res: ServerResponse, error: unknown): void {
  sendInternalError(res, { success: false, message: errorMessage(error) });
}
