// Spider's two answer conventions and its error shapes.
import { STATUS_CODES } from 'node:http';
import type { SimResponse } from '../common/http-io';

/** /v2/subaccount and /v2/worker answer {code: "SUCCESS", data}; /v2/sp answers {code: 200, msg, t, data, success}. */
export type Convention = 'classic' | 'sp';

export function conventionOf(path: string): Convention {
  return path.startsWith('/v2/sp/') ? 'sp' : 'classic';
}

/** An error the pool reports in its envelope, with HTTP 200 unless said otherwise. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly msg: string,
  ) {
    super(`${code}: ${msg}`);
  }
}

export const parameterError = (): ApiFailure => new ApiFailure('INVALID_PARAM', 'Parameter error');
export const noSuchSubaccount = (): ApiFailure => new ApiFailure('INVALID_PARAM', 'The subaccount does not exist');

// The real codes for these are not public (NOTES.md); the stale timestamp deliberately uses the generic "500".
export const unknownAccessKey = (): ApiFailure => new ApiFailure('INVALID_ACCESS_KEY', 'accessKey does not exist');
export const staleTimestamp = (): ApiFailure => new ApiFailure('500', 'Request expired: timestamp is too far from the server time');
export const badSignature = (): ApiFailure => new ApiFailure('SIGN_ERROR', 'Signature verification failed');

export function successBody(convention: Convention, data: unknown, serverNowMs: number): SimResponse {
  const body = convention === 'sp' ? { code: 200, msg: 'Success', t: serverNowMs, data, success: true } : { code: 'SUCCESS', data };
  return { status: 200, body };
}

export function failureBody(convention: Convention, failure: ApiFailure, serverNowMs: number): SimResponse {
  const body = convention === 'sp' ? { code: failure.code, msg: failure.msg, t: serverNowMs, success: false } : { code: failure.code, msg: failure.msg };
  return { status: 200, body };
}

/** Spring Boot's default error body, for what never reaches Spider's controllers (404, 405, 413, injected 5xx). */
export function springError(status: number, path: string, serverNowMs: number, message = ''): SimResponse {
  return { status, body: { timestamp: new Date(serverNowMs).toISOString(), status, error: STATUS_CODES[status] ?? 'Error', message, path } };
}

/** The code an answer carried, for the request log. */
export function codeOf(response: SimResponse): string | number | null {
  const body = response.body;
  if (typeof body !== 'object' || body === null || !('code' in body)) return null;
  const code = (body as { code: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? code : null;
}
