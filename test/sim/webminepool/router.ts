// HTTP front door of the WebMinePool simulator: /api/{secret_key}/{method}/{params...}, faults, request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respondWithFault, type FaultController, type FaultResponseOptions } from '../common/faults';
import { errorMessage, sendInternalError, type SimResponse } from '../common/http-io';
import { logWhenClosed, REDACTED, redactedQuery } from '../common/request-log';
import { failure, failureBody, styleFor, success, WmpApiFailure } from './envelope';
import { wmpMissingFields, wmpWrongTypes } from './malformed-bodies';
import { WMP_ROUTES } from './routes';
import { WMP_METHODS, type WmpMethod, type WmpSimRequestLogEntry } from './types';
import type { WmpWorld } from './world';

const COMMON_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
`;

export interface WmpRouterDeps {
  world: WmpWorld;
  faults: FaultController;
  requestLog: WmpSimRequestLogEntry[];
}

/** A request path taken apart; only `redactedPath` and `faultPath` may be logged or matched. */
export interface ParsedPath {
  api: boolean;
  secretKey: string;
  method: string;
  params: string[];
  /** /api/[redacted]/users */
  redactedPath: string;
  /** the part after the key (/users, /hash_rate/1000): what fault rules' pathPrefix matches */
  faultPath: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parsePath(pathname: string, validKeys: readonly string[]): ParsedPath {
  const segments = pathname.split('/').slice(1);
  const hide = (text: string): string => validKeys.reduce((result, key) => result.split(key).join(REDACTED), text);
  if (segments[0] !== 'api' || segments.length < 2) {
    return { api: false, secretKey: '', method: '', params: [], redactedPath: hide(pathname), faultPath: hide(pathname) };
  }
  const rest = segments.slice(2);
  // /users/ and /users are the same method: the doc writes both styles.
  if (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  const tail = hide(rest.map((segment) => `/${segment}`).join(''));
  return {
    api: true,
    secretKey: decode(segments[1] ?? ''),
    method: decode(rest[0] ?? ''),
    params: rest.slice(1).map(decode),
    redactedPath: `/api/${REDACTED}${tail}`,
    faultPath: tail === '' ? '/' : tail,
  };
}

function knownMethod(name: string): WmpMethod | null {
  return WMP_METHODS.find((method) => method === name) ?? null;
}

export function createWmpRequestHandler(deps: WmpRouterDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const { world, faults, requestLog } = deps;
  return (req, res, url) => {
    const parsed = parsePath(url.pathname, world.keys.all());
    const method = knownMethod(parsed.method);
    const atMs = world.clock.now();
    logWhenClosed(res, requestLog, (status) => ({ method: req.method ?? 'GET', path: parsed.redactedPath, query: redactedQuery(url.searchParams), status, atMs }));
    const fault = faults.take(parsed.faultPath);
    const faultOptions: FaultResponseOptions = {
      serialize: JSON.stringify,
      wrongTypes: wmpWrongTypes,
      missingFields: wmpMissingFields,
      errorResponse: (status) => decorate(failure(world, method, status === 429 ? 'too many requests' : 'internal error', status)),
    };
    respondWithFault(fault, req, res, () => decorate(produce(world, req, parsed, method)), faultOptions).catch((error: unknown) => sendUnexpected(res, world, error));
  };
}

function produce(world: WmpWorld, req: IncomingMessage, parsed: ParsedPath, method: WmpMethod | null): SimResponse {
  if (!parsed.api) return { status: 404, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, rawBody: NOT_FOUND_PAGE };
  if (req.method !== 'GET') {
    const response = failure(world, method, 'method not allowed', 405);
    return { ...response, headers: { Allow: 'GET' } };
  }
  // The key is checked before the method, so a bad key never learns which methods exist.
  if (!world.keys.isValid(parsed.secretKey)) return failure(world, method, 'invalid api key');
  if (!method) return failure(world, null, 'unknown method');
  try {
    return success(world, method, WMP_ROUTES[method]({ world, params: parsed.params, nowMs: world.clock.now() }));
  } catch (error) {
    if (error instanceof WmpApiFailure) return failure(world, method, error.message, error.httpStatus);
    throw error;
  }
}

function decorate(response: SimResponse): SimResponse {
  return { ...response, headers: { ...COMMON_HEADERS, ...response.headers } };
}

function sendUnexpected(res: ServerResponse, world: WmpWorld, error: unknown): void {
  // The documented "internal error"; the cause goes to the simulator's stderr, never to the client.
  if (!res.headersSent) console.error('webminepool simulator:', errorMessage(error));
  sendInternalError(res, failureBody(styleFor(world, null), 'internal error'));
}
