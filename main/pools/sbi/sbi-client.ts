import type { z } from 'zod';
import type { HttpClient, HttpResponse } from '../http-client';
import { PoolError } from '../../base/pool-error';
import { parseJsonBodyAs, parseShape, parseShapeFast, quotePoolText } from '../response-parsing';
import { errorBodySchema } from './sbi-schemas';

export const SBI_NAME = 'SBI Crypto Pool';

/** Which permission an endpoint needs: a 403 means different things for each (NOTES.md). */
export type SbiPermission = 'READ' | 'FINANCIALS' | 'OBSERVER';

export interface SbiEndpoint<T> {
  path: string;
  query?: Record<string, string | number | undefined>;
  /** What the user would call this data, for messages: "the worker list". */
  what: string;
  permission: SbiPermission;
  schema: z.ZodType<T>;
  /** Recognises the usual shape without the schema's copy (see parseShapeFast); worker pages have one. */
  plain?: (value: unknown) => value is T;
}

/** Outcome of a call whose 403/404 the adapter handles itself rather than failing the poll. */
export type SbiResult<T> = { ok: true; value: T } | { ok: false; status: 403 | 404; reason: string };

export type SbiAuth = { kind: 'api-key'; apiKey: string; apiSecret: string } | { kind: 'observer'; observerKey: string };

function authHeaders(auth: SbiAuth): Record<string, string> {
  return auth.kind === 'api-key'
    ? { 'X-API-Key': auth.apiKey, 'X-API-Secret': auth.apiSecret }
    : { 'X-observer-key': auth.observerKey };
}

function authSecrets(auth: SbiAuth): string[] {
  return auth.kind === 'api-key' ? [auth.apiKey, auth.apiSecret] : [auth.observerKey];
}

/** The pool's own explanation from an error body, with the credentials redacted, trimmed for display. */
export function poolReason(response: HttpResponse, auth: SbiAuth): string {
  try {
    const body = errorBodySchema.safeParse(JSON.parse(response.text));
    if (body.success) {
      const text = body.data.error_description ?? body.data.message ?? body.data.error;
      if (text) return quotePoolText(text, authSecrets(auth));
    }
  } catch {
    // not JSON: fall through to the status alone
  }
  return `HTTP ${response.status}`;
}

function authError(auth: SbiAuth, reason: string): PoolError {
  const advice =
    auth.kind === 'api-key'
      ? 'The key or secret is wrong, or the key expired or was revoked. Create a new API key in SBI Crypto Pool and update this account.'
      : 'The observer key is wrong or was revoked. Ask for a new observer link and update this account.';
  return new PoolError('auth', `${SBI_NAME} rejected the ${auth.kind === 'api-key' ? 'API key' : 'observer key'} (HTTP 401: ${reason}). ${advice}`, {
    httpStatus: 401,
  });
}

export class SbiClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
    private readonly auth: SbiAuth,
    private readonly signal?: AbortSignal,
  ) {}

  private url(endpoint: Pick<SbiEndpoint<unknown>, 'path' | 'query'>): string {
    const url = new URL(endpoint.path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [name, value] of Object.entries(endpoint.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** GETs an endpoint; 403 and 404 come back as values, every other failure throws PoolError. */
  async tryGet<T>(endpoint: SbiEndpoint<T>): Promise<SbiResult<T>> {
    const response = await this.http.request(
      { method: 'GET', url: this.url(endpoint), headers: { Accept: 'application/json', ...authHeaders(this.auth) } },
      this.signal,
    );
    const { status } = response;
    if (status === 401) throw authError(this.auth, poolReason(response, this.auth));
    if (status === 403 || status === 404) return { ok: false, status, reason: poolReason(response, this.auth) };
    if (status === 400 || status === 422) {
      throw new PoolError(
        'pool_error',
        `${SBI_NAME} refused the request for ${endpoint.what} (HTTP ${status}: ${poolReason(response, this.auth)}). The pool's API may have changed; please report this to PoolWatch.`,
        { httpStatus: status },
      );
    }
    if (status < 200 || status >= 300) {
      throw new PoolError('pool_error', `${SBI_NAME} answered ${endpoint.what} with HTTP ${status} (${poolReason(response, this.auth)}).`, {
        httpStatus: status,
      });
    }
    const { schema, plain, what } = endpoint;
    const value = parseJsonBodyAs(response, SBI_NAME, what, (json) => (plain ? parseShapeFast(schema, plain, json, SBI_NAME, what) : parseShape(schema, json, SBI_NAME, what)));
    return { ok: true, value };
  }

  /**
   * Sends a change to an UPDATE endpoint and returns the pool's status and its own words (credentials redacted).
   * 401 throws, as on every call; every other answer is the caller's to report.
   */
  async send(request: { method: 'POST' | 'PATCH'; path: string; query?: Record<string, string>; body?: unknown }): Promise<{ status: number; reason: string; text: string }> {
    const response = await this.http.request(
      {
        method: request.method,
        url: this.url({ path: request.path, ...(request.query ? { query: request.query } : {}) }),
        headers: {
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...authHeaders(this.auth),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      },
      this.signal,
    );
    if (response.status === 401) throw authError(this.auth, poolReason(response, this.auth));
    return { status: response.status, reason: poolReason(response, this.auth), text: response.text };
  }

  /** GETs an endpoint the poll cannot do without: 403/404 fail the poll with a specific message. */
  async get<T>(endpoint: SbiEndpoint<T>): Promise<T> {
    const result = await this.tryGet(endpoint);
    if (result.ok) return result.value;
    if (result.status === 403) {
      throw new PoolError(
        'permission',
        `${SBI_NAME} refused ${endpoint.what} (HTTP 403: ${result.reason}). This key lacks the ${endpoint.permission} permission or access to any subaccount; edit the key's permissions in SBI Crypto Pool.`,
        { httpStatus: 403 },
      );
    }
    throw new PoolError(
      'pool_error',
      `${SBI_NAME} has no ${endpoint.what} at this address (HTTP 404: ${result.reason}). Check the account's base URL.`,
      { httpStatus: 404 },
    );
  }
}
