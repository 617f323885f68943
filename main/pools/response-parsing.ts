import type { z } from 'zod';
import type { HttpResponse } from './http-client';
import { redactThenCut } from '../base/redaction';
import { PoolError } from '../base/pool-error';
import { describeIssues } from '../../shared/contract';

/** How much of a pool's own error text a message quotes: enough for "invalid api key", never a whole page. */
const POOL_QUOTE_LIMIT = 200;

/**
 * A pool's own words made fit to quote in a message: every credential of the account redacted first, then cut,
 * so a pool echoing the request in a long error cannot leave part of a key behind the cut.
 */
export function quotePoolText(text: string, secrets: readonly string[]): string {
  return redactThenCut(text, secrets, POOL_QUOTE_LIMIT);
}

/**
 * JSON.parse turns 1e309 into Infinity, which no schema takes and JSON cannot carry on: it becomes the largest
 * number instead, so the reading checks (checkReading) name the field and show it as unknown. Only a 3-digit
 * exponent can overflow in practice (a 309-digit literal is refused by the schemas, naming the field). In JSON an
 * exponent follows a digit: without that digit, key names such as Spider's avgHashrate1440 matched on every page.
 */
const MAY_OVERFLOW = /\d[eE]\+?\d{3}/;

/** Whether a body may hold a number literal too large for a double (and so needs the slower parse). */
export function mayOverflow(text: string): boolean {
  return MAY_OVERFLOW.test(text);
}

function keepOutOfRange(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? outOfRangeKept(value) : value;
}

function outOfRangeKept(value: number): number {
  return Number.isFinite(value) || Number.isNaN(value) ? value : Math.sign(value) * Number.MAX_VALUE;
}

/** A numeric string ("2.99E10", "1e309") as a number; one too large for a double is kept as the largest, as in bodies. */
export function numberFromText(text: string): number {
  return outOfRangeKept(Number(text));
}

/** Parses a response body as JSON, turning HTML pages and garbage into a specific, readable error. */
export function parseJsonBody(response: HttpResponse, poolName: string, what: string): unknown {
  // The reviver triples parse time, so it runs only where a number may be too large for a double.
  return decodeJson(response, poolName, what, mayOverflow(response.text));
}

/**
 * parseJsonBody, then `check` (a shape check that refuses Infinity, as every schema does), for bodies read by the
 * thousand: the text is scanned for a huge exponent only when the check fails. The scan costs a sixth of the parse.
 */
export function parseJsonBodyAs<T>(response: HttpResponse, poolName: string, what: string, check: (json: unknown) => T): T {
  const plain = decodeJson(response, poolName, what, false);
  try {
    return check(plain);
  } catch (error) {
    if (!mayOverflow(response.text)) throw error;
    return check(decodeJson(response, poolName, what, true));
  }
}

function decodeJson(response: HttpResponse, poolName: string, what: string, keepingOutOfRange: boolean): unknown {
  const text = response.text.trimStart();
  if (text.startsWith('<')) {
    throw new PoolError(
      'bad_response',
      `${poolName} answered ${what} with an HTML page (HTTP ${response.status}) instead of JSON. The pool may be under maintenance, or the base URL points at a website rather than the API.`,
      { httpStatus: response.status },
    );
  }
  if (text === '') {
    throw new PoolError('bad_response', `${poolName} sent an empty answer to ${what} (HTTP ${response.status}).`, {
      httpStatus: response.status,
    });
  }
  try {
    return keepingOutOfRange ? JSON.parse(text, keepOutOfRange) : JSON.parse(text);
  } catch {
    throw new PoolError(
      'bad_response',
      `${poolName} sent invalid JSON for ${what} (HTTP ${response.status}). This is likely a pool-side fault; it is retried at the next poll.`,
      { httpStatus: response.status },
    );
  }
}

/** Checks a decoded body against the shape the adapter expects; names the first fields that differ. */
export function parseShape<T>(schema: z.ZodType<T>, value: unknown, poolName: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = describeIssues(parsed.error, { limit: 3, where: (path) => path.map(String).join('.') || 'body', parenthesized: true });
  throw new PoolError(
    'bad_response',
    `${poolName} sent ${what} in an unexpected shape: ${fields}. The pool's API may have changed; PoolWatch keeps the last good data.`,
  );
}

/**
 * parseShape with a fast path for the big lists (worker pages): `plain` recognises the usual shape in place, with no
 * copy made per item; anything else goes through the schema, which names what differs. `plain` may accept only
 * values the schema would return unchanged.
 */
export function parseShapeFast<T>(schema: z.ZodType<T>, plain: (value: unknown) => value is T, value: unknown, poolName: string, what: string): T {
  return plain(value) ? value : parseShape(schema, value, poolName, what);
}

/** For `plain` readers: a field that is absent, null, or of the given type. */
export function isOptional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}

/** For `plain` readers: absent, null, or a finite JSON number. */
export function isOptionalNumber(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'number' && Number.isFinite(value));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
