// Error answers in the shapes Stratumsphere uses: {success: false, message}, {error}, and Laravel-style
// validation errors. How a bad key is reported differs by call (NOTES.md: any status, 200 included).
import { STATUS_CODES } from 'node:http';
import type { SimResponse } from '../common/http-io';

/** Thrown by handlers; the router sends its response. */
export class ApiFailure extends Error {
  constructor(readonly response: SimResponse) {
    super(`HTTP ${response.status}`);
  }
}

/** 'ok-body': HTTP 200 {success:false}; 'unauthorized': 401 {error}; 'forbidden': 403 {success:false}. */
export type InvalidKeyStyle = 'ok-body' | 'unauthorized' | 'forbidden';

export const INVALID_KEY_TEXT = 'invalid key';

export function invalidKey(style: InvalidKeyStyle): SimResponse {
  switch (style) {
    case 'ok-body':
      return { status: 200, body: { success: false, message: INVALID_KEY_TEXT } };
    case 'unauthorized':
      return { status: 401, body: { error: INVALID_KEY_TEXT } };
    case 'forbidden':
      return { status: 403, body: { success: false, message: INVALID_KEY_TEXT } };
  }
}

export function failure(status: number, message: string): SimResponse {
  return { status, body: { success: false, message } };
}

export function validationError(errors: Record<string, string[]>): SimResponse {
  return { status: 422, body: { message: 'The given data was invalid.', errors } };
}

/** Body for fault-injected statuses: Laravel's throttle text for 429, a generic failure otherwise. */
export function statusBody(status: number): SimResponse {
  if (status === 429) return { status, body: { message: 'Too Many Attempts.' } };
  return failure(status, STATUS_CODES[status] ?? 'Error');
}
