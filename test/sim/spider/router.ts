// HTTP front door of the Spider simulator: faults, POST only, signed-request checks, routes, envelopes, request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respondWithFault, type FaultController } from '../common/faults';
import { errorMessage, readRequestBody, RequestBodyTooLargeError, sendInternalError, type SimResponse } from '../common/http-io';
import { logWhenClosed } from '../common/request-log';
import { ApiFailure, codeOf, conventionOf, failureBody, springError, successBody } from './envelope';
import { spiderMissingFields, spiderWrongTypes } from './malformed-bodies';
import { ROUTES } from './routes';
import { checkSignedRequest } from './signed-request';
import type { SpiderSimRequestLogEntry } from './types';
import type { SpiderWorld } from './world';

/** Only these parameters reach the request log; nothing secret is among them. */
const LOGGED_PARAMS = ['coin', 'subaccount', 'worker', 'mode', 'pageNum', 'pageNumber', 'pageSize', 'startTimestamp', 'endTimestamp', 'timeStamp'];

export interface SpiderRouterDeps {
  world: SpiderWorld;
  faults: FaultController;
  requestLog: SpiderSimRequestLogEntry[];
}

interface Outcome {
  code: string | number | null;
  params: Record<string, string | number>;
}

export function createSpiderRequestHandler(deps: SpiderRouterDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const { world, faults, requestLog } = deps;
  return (req, res, url) => {
    const atMs = world.clock.now();
    const outcome: Outcome = { code: null, params: {} };
    logWhenClosed(res, requestLog, (status) => ({ method: req.method ?? 'GET', path: url.pathname, status, code: outcome.code, params: outcome.params, atMs }));
    const dated = (response: SimResponse): SimResponse => ({
      ...response,
      // the server's own clock, which a client can compare with its own
      headers: { Date: new Date(world.serverNow()).toUTCString(), 'Cache-Control': 'no-store', ...response.headers },
    });
    const fault = faults.take(url.pathname);
    respondWithFault(
      fault,
      req,
      res,
      async () => {
        const response = dated(await produce(world, req, url, outcome));
        outcome.code = codeOf(response);
        return response;
      },
      {
        serialize: JSON.stringify,
        wrongTypes: spiderWrongTypes,
        missingFields: spiderMissingFields,
        errorResponse: (status) => dated(springError(status, url.pathname, world.serverNow())),
      },
    ).catch((error: unknown) => sendUnexpected(res, error));
  };
}

async function produce(world: SpiderWorld, req: IncomingMessage, url: URL, outcome: Outcome): Promise<SimResponse> {
  const serverNowMs = world.serverNow();
  const handler = ROUTES[url.pathname];
  if (!handler) return springError(404, url.pathname, serverNowMs);
  if (req.method !== 'POST') {
    const response = springError(405, url.pathname, serverNowMs, `Request method '${req.method ?? ''}' not supported`);
    return { ...response, headers: { Allow: 'POST' } };
  }
  const convention = conventionOf(url.pathname);
  let rawBody: string;
  try {
    rawBody = await readRequestBody(req);
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) return springError(413, url.pathname, serverNowMs, error.message);
    throw error;
  }
  try {
    const signed = checkSignedRequest(world, rawBody);
    outcome.params = loggedParams(signed.params);
    const data = handler({ world, params: signed.params, scope: signed.scope, nowMs: world.clock.now() });
    return successBody(convention, data, serverNowMs);
  } catch (error) {
    if (error instanceof ApiFailure) return failureBody(convention, error, serverNowMs);
    throw error;
  }
}

function loggedParams(params: Record<string, unknown>): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const name of LOGGED_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' || typeof value === 'number') kept[name] = value;
  }
  return kept;
}

function sendUnexpected(res: ServerResponse, error: unknown): void {
  sendInternalError(res, { status: 500, error: 'Internal Server Error', message: errorMessage(error) });
}
