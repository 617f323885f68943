import type { HttpClient, HttpResponse } from '../http-client';
import { PoolError } from '../../base/pool-error';
import { parseJsonBody, parseShape, quotePoolText } from '../response-parsing';
import { API_PREFIX, errorText, isErrorOnlyBody, reportsFailure, saysInvalidKey, unwrapEnvelope, type StratumsphereEndpoint } from './endpoints';

export const STRATUMSPHERE_NAME = 'Stratumsphere';

/** Outcome of a call whose 403/404 the adapter handles itself (one rental it may not see, or that was deleted). */
export type StratumsphereResult<T> = { ok: true; value: T } | { ok: false; status: 403 | 404; reason: string };

const KEY_ADVICE =
  'The key is wrong, or it was reset under Account → Integrations (a reset stops the old key at once). Copy the current key from Account → Integrations on Stratumsphere and update this account.';

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** GETs Stratumsphere endpoints with the raw key in `Authorization`, mapping every error shape to a PoolError. */
export class StratumsphereClient {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly signal?: AbortSignal,
  ) {}

  private url(path: string): string {
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    // A base URL typed with the /v1/ already in it must not become /v1/v1/.
    const relative = base.endsWith(`/${API_PREFIX}`) && path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
    return new URL(relative, base).toString();
  }

  /** The pool's reason, with the key redacted should the pool echo it, trimmed for display. */
  private reason(text: string | null, status: number): string {
    return quotePoolText(text ?? `HTTP ${status}`, [this.apiKey]);
  }

  private authError(status: number, poolText: string | null): PoolError {
    const said = poolText === null ? null : this.reason(poolText, status);
    const where = status >= 200 && status < 300 ? (said ?? `HTTP ${status}`) : said === null ? `HTTP ${status}` : `HTTP ${status}: ${said}`;
    const bearer = /^bearer\s/i.test(this.apiKey)
      ? ' The key starts with "Bearer": Stratumsphere takes the key alone, so remove that word.'
      : '';
    return new PoolError('auth', `${STRATUMSPHERE_NAME} rejected the API key (${where}).${bearer} ${KEY_ADVICE}`, { httpStatus: status });
  }

  /** GETs an endpoint; 403 and 404 come back as values, every other failure throws PoolError. */
  async tryGet<T>(endpoint: StratumsphereEndpoint<T>): Promise<StratumsphereResult<T>> {
    const response = await this.http.request(
      { method: 'GET', url: this.url(endpoint.path), headers: { Accept: 'application/json', Authorization: this.apiKey } },
      this.signal,
    );
    const { status } = response;
    const poolText = errorText(tryJson(response.text));
    const reason = this.reason(poolText, status);
    // "invalid key" arrives with 200, 401 or 403 depending on the call (NOTES.md).
    if (saysInvalidKey(poolText) || status === 401) throw this.authError(status, poolText);
    if (status === 403 || status === 404) return { ok: false, status, reason };
    if (status < 200 || status >= 300) throw this.refused(endpoint, response, reason);
    const body = parseJsonBody(response, STRATUMSPHERE_NAME, endpoint.what);
    if (reportsFailure(body) || isErrorOnlyBody(body)) {
      throw new PoolError('pool_error', `${STRATUMSPHERE_NAME} could not give ${endpoint.what}: ${reason}.`, { httpStatus: status });
    }
    return { ok: true, value: parseShape(endpoint.schema, unwrapEnvelope(body), STRATUMSPHERE_NAME, endpoint.what) };
  }

  /** GETs an endpoint the poll cannot do without: 403/404 fail the poll with a specific message. */
  async get<T>(endpoint: StratumsphereEndpoint<T>): Promise<T> {
    const result = await this.tryGet(endpoint);
    if (result.ok) return result.value;
    if (result.status === 403) {
      throw new PoolError(
        'permission',
        `${STRATUMSPHERE_NAME} refused ${endpoint.what} (HTTP 403: ${result.reason}). Check that the key under Account → Integrations belongs to the account that owns the schedulers.`,
        { httpStatus: 403 },
      );
    }
    throw new PoolError('pool_error', `${STRATUMSPHERE_NAME} has no ${endpoint.what} at this address (HTTP 404: ${result.reason}). Check the account's base URL.`, {
      httpStatus: 404,
    });
  }

  private refused(endpoint: StratumsphereEndpoint<unknown>, response: HttpResponse, reason: string): PoolError {
    const { status } = response;
    if (status === 400 || status === 422) {
      return new PoolError(
        'pool_error',
        `${STRATUMSPHERE_NAME} refused the request for ${endpoint.what} (HTTP ${status}: ${reason}). The API may have changed; please report this to PoolWatch.`,
        { httpStatus: status },
      );
    }
    return new PoolError('pool_error', `${STRATUMSPHERE_NAME} answered ${endpoint.what} with HTTP ${status} (${reason}).`, { httpStatus: status });
  }
}
