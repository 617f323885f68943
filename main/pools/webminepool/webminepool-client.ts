import type { HttpClient, HttpResponse } from '../http-client';
import { isPoolError, PoolError } from '../../base/pool-error';
import { parseJsonBody, parseShape, quotePoolText } from '../response-parsing';
import type { WebMinePoolEndpoint } from './webminepool-endpoints';
import { redactUrlsInText, scrubSecretKey } from './webminepool-redaction';
import { envelopeSchema, type Envelope } from './webminepool-schemas';

export const WEBMINEPOOL_NAME = 'WebMinePool';

const TRUE_WORDS = new Set(['true', '1', 'success', 'ok', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'error', 'fail', 'failed', 'failure', 'no']);

function flagValue(value: Envelope['success']): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The pool's failure text when the envelope says the call failed, else null. `success` wins over `status`. */
export function envelopeFailure(envelope: Envelope): string | null {
  const reason = text(envelope.message) ?? text(envelope.error);
  const success = flagValue(envelope.success);
  if (success !== null) return success ? null : (reason ?? 'no reason given');
  const status = flagValue(envelope.status);
  if (status !== null) return status ? null : (reason ?? 'no reason given');
  // Neither flag: an `error` text alone still means failure ({status, error} page wording).
  return text(envelope.error);
}

/**
 * Maps the documented error messages to what the account shows; anything else is the pool's own words, with the key
 * and every URL (which carries it) redacted before the cut.
 */
export function failureError(reason: string, what: string, httpStatus: number, secretKey: string): PoolError {
  const shown = quotePoolText(redactUrlsInText(reason), [secretKey]);
  const normalized = shown.toLowerCase();
  const details = { httpStatus };
  if (normalized.includes('invalid api key')) {
    return new PoolError(
      'auth',
      `${WEBMINEPOOL_NAME} rejected the secret key ("${shown}") while reading ${what}. Check Dashboard > Keys on WebMinePool: the key may have been deleted or refreshed. Paste the current secret key (not the public site key) into this account.`,
      details,
    );
  }
  if (normalized.includes('internal error')) {
    return new PoolError(
      'pool_error',
      `${WEBMINEPOOL_NAME} reported an internal error ("${shown}") while reading ${what}. This is on the pool's side; PoolWatch retries at the next poll. If it persists, contact WebMinePool support.`,
      details,
    );
  }
  if (normalized.includes('nonexistent token')) {
    return new PoolError(
      'pool_error',
      `${WEBMINEPOOL_NAME} answered ${what} with "${shown}", an error about tokens PoolWatch never uses. The pool may be misrouting requests; PoolWatch retries at the next poll.`,
      details,
    );
  }
  return new PoolError('pool_error', `${WEBMINEPOOL_NAME} refused the request for ${what}: "${shown}".`, details);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request wrapper: builds /api/{secret_key}/{method} URLs, sends them, and turns answers into data or a
 * PoolError. Every error leaving it is rebuilt without the secret key, any URL, a cause or a foreign stack.
 */
export class WebMinePoolClient {
  private readonly apiRoot: string;

  constructor(
    private readonly http: HttpClient,
    baseUrl: string,
    private readonly secretKey: string,
    private readonly signal?: AbortSignal,
  ) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new PoolError('config', `The base URL of this WebMinePool account is not a valid address. Edit the account and correct it.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new PoolError('config', `The base URL of this WebMinePool account must start with https://. Edit the account and correct it.`);
    }
    const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    this.apiRoot = `${base}/api/${encodeURIComponent(secretKey)}/`;
  }

  /** GETs one endpoint and returns its data, or throws a safe PoolError. */
  async get<T>(endpoint: WebMinePoolEndpoint<T>): Promise<T> {
    try {
      const response = await this.http.request({ method: 'GET', url: this.apiRoot + endpoint.path, headers: { Accept: 'application/json' } }, this.signal);
      return this.read(response, endpoint);
    } catch (error) {
      throw this.safe(error, endpoint.what);
    }
  }

  private read<T>(response: HttpResponse, endpoint: WebMinePoolEndpoint<T>): T {
    const { status } = response;
    let body: unknown;
    try {
      body = parseJsonBody(response, WEBMINEPOOL_NAME, endpoint.what);
    } catch (error) {
      if (status === 401 || status === 403) throw this.keyRejected(status, endpoint.what);
      if (status === 404) throw this.notFound(endpoint.what);
      throw error;
    }
    const envelope = isRecord(body) ? envelopeSchema.safeParse(body) : null;
    // Errors come in the body, with HTTP 200 as often as not.
    const failure = envelope?.success ? envelopeFailure(envelope.data) : null;
    if (failure !== null) throw failureError(failure, endpoint.what, status, this.secretKey);
    if (status === 401 || status === 403) throw this.keyRejected(status, endpoint.what);
    if (status === 404) throw this.notFound(endpoint.what);
    if (status < 200 || status >= 300) {
      throw new PoolError('pool_error', `${WEBMINEPOOL_NAME} answered ${endpoint.what} with HTTP ${status}.`, { httpStatus: status });
    }
    return parseShape(endpoint.schema, body, WEBMINEPOOL_NAME, endpoint.what);
  }

  private keyRejected(status: number, what: string): PoolError {
    return new PoolError(
      'auth',
      `${WEBMINEPOOL_NAME} refused ${what} (HTTP ${status}). Check Dashboard > Keys on WebMinePool: the secret key may have been deleted or refreshed.`,
      { httpStatus: status },
    );
  }

  private notFound(what: string): PoolError {
    return new PoolError('pool_error', `${WEBMINEPOOL_NAME} has no ${what} at this address (HTTP 404). Check the account's base URL.`, { httpStatus: 404 });
  }

  /** The one exit for errors: a fresh PoolError whose message, stack and fields cannot hold the key or a URL. */
  private safe(error: unknown, what: string): PoolError {
    if (isPoolError(error)) return new PoolError(error.kind, scrubSecretKey(error.message, this.secretKey), { ...error.details });
    // Anything else (a bug, or a URL parser error whose `input` holds the URL) is reported by name only.
    const name = error instanceof Error ? error.name : typeof error;
    return new PoolError(
      'unreachable',
      `Reading ${what} from ${WEBMINEPOOL_NAME} failed unexpectedly (${scrubSecretKey(name, this.secretKey)}). PoolWatch keeps trying; please report this if it persists.`,
    );
  }
}
