// Error responses in the shapes the service uses: Spring Boot's default error body and
// Spring Security OAuth2's {error, error_description}.
import { STATUS_CODES } from 'node:http';
import { formatIsoOffset } from '../common/iso-time';
import type { SimResponse } from '../common/http-io';

/** Thrown by handlers; the router sends its response. */
export class ApiFailure extends Error {
  constructor(readonly response: SimResponse) {
    super(`HTTP ${response.status}`);
  }
}

export function springError(status: number, path: string, nowMs: number, message?: string): SimResponse {
  const body: Record<string, unknown> = { timestamp: formatIsoOffset(nowMs), status, error: STATUS_CODES[status] ?? 'Error' };
  if (message !== undefined) body.message = message;
  body.path = path;
  return { status, body };
}

export function invalidToken(description: string): SimResponse {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    body: { error: 'invalid_token', error_description: description },
  };
}

export function accessDenied(description: string): SimResponse {
  return { status: 403, body: { error: 'access_denied', error_description: description } };
}
