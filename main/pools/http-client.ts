import { PoolError } from '../base/pool-error';
import { safeDelayMs } from '../base/safe-delay';
import { BodyTooLargeError, REQUEST_TIMEOUT_CODE, sendRequest, TransportError } from './node-transport';

/** Limits that keep one bad pool response from hurting the app. */
export interface HttpLimits {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Retries for 429, 5xx and network failures within one request. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for inside a poll: the poll fails and the engine backs off. */
  maxRetryWaitMs: number;
  /** Requests in flight per host at once: pools publish no rate limits, so be polite. */
  maxConcurrentPerHost: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  timeoutMs: 15_000,
  maxBodyBytes: 20 * 1024 * 1024,
  maxRetries: 2,
  maxRetryWaitMs: 10_000,
  maxConcurrentPerHost: 4,
};

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpClientOptions {
  /** Human name of the pool for messages ("SBI Crypto Pool"). */
  poolName: string;
  limits?: Partial<HttpLimits>;
  /** Turns a URL into one safe to show (WebMinePool keeps its key in the path). */
  redactUrl?: (url: string) => string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The engine's clock (default the computer's): a Retry-After date is a wait from now. */
  now?: () => number;
  fetchImpl?: typeof fetch;
}

export interface HttpClient {
  /** Sends a request, retrying transient failures. Throws PoolError for network trouble, 429 and 5xx. */
  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
  readonly limits: HttpLimits;
  redact(url: string): string;
}

const RETRY_BASE_MS = 500;

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, safeDelayMs(ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses Retry-After (seconds or HTTP date) into milliseconds from now, an absurd wait capped (safeDelayMs). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return safeDelayMs(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : safeDelayMs(date - nowMs);
}

class HostLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Describes a fetch failure without its URL (which may hold a secret). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the address right and the service up?)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved (check the network or the address)';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    default:
      return cause?.code ? `a network error occurred (${cause.code})` : 'a network error occurred';
  }
}

async function readLimitedBody(response: Response, maxBytes: number, poolName: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(poolName, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(poolName, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(poolName: string, maxBytes: number): PoolError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new PoolError(
    'bad_response',
    `${poolName} sent a response larger than ${mb} MB, which PoolWatch refuses to read. This is likely a pool-side fault; it is retried at the next poll.`,
  );
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const redact = options.redactUrl ?? ((url: string) => url);
  const limiters = new Map<string, HostLimiter>();
  const { poolName } = options;

  function limiterFor(url: string): HostLimiter {
    const host = new URL(url).host;
    let limiter = limiters.get(host);
    if (!limiter) {
      limiter = new HostLimiter(limits.maxConcurrentPerHost);
      limiters.set(host, limiter);
    }
    return limiter;
  }

  function cancelled(): PoolError {
    return new PoolError('unreachable', `The request to ${poolName} was cancelled.`);
  }

  function timedOut(): PoolError {
    return new PoolError(
      'unreachable',
      `${poolName} did not answer within ${Math.round(limits.timeoutMs / 1000)} s. The pool may be slow or down; PoolWatch keeps trying.`,
    );
  }

  function unreachable(error: unknown): PoolError {
    return new PoolError(
      'unreachable',
      `Could not reach ${poolName}: ${describeNetworkError(error)}. PoolWatch keeps trying; check your connection if this persists.`,
    );
  }

  /** The default: node:http over kept-alive sockets (see node-transport.ts for why not fetch). */
  async function send(request: HttpRequest, outer?: AbortSignal): Promise<HttpResponse> {
    try {
      return await sendRequest(request, limits, outer);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw tooLarge(poolName, limits.maxBodyBytes);
      if (outer?.aborted) throw cancelled();
      if (error instanceof TransportError && error.cause.code === REQUEST_TIMEOUT_CODE) throw timedOut();
      throw unreachable(error);
    }
  }

  /** With an injected fetch (tests that capture or fake responses). */
  async function sendWithFetch(doFetch: typeof fetch, request: HttpRequest, outer?: AbortSignal): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        redirect: 'error',
      });
      const text = await readLimitedBody(response, limits.maxBodyBytes, poolName);
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (error instanceof PoolError) throw error;
      if (outer?.aborted) throw cancelled();
      if (timeout.aborted) throw timedOut();
      throw unreachable(error);
    }
  }

  const attempt = (request: HttpRequest, outer?: AbortSignal): Promise<HttpResponse> =>
    options.fetchImpl ? sendWithFetch(options.fetchImpl, request, outer) : send(request, outer);

  async function request(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    let lastError: PoolError | null = null;
    for (let attemptNo = 0; attemptNo <= limits.maxRetries; attemptNo += 1) {
      let waitMs = RETRY_BASE_MS * 3 ** attemptNo;
      try {
        const response = await limiterFor(req.url).run(() => attempt(req, signal));
        if (response.status === 429) {
          const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
          lastError = new PoolError(
            'rate_limited',
            `${poolName} is rate-limiting requests (HTTP 429)${retryAfterMs !== null ? `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s` : ''}. PoolWatch slows down and retries.`,
            { httpStatus: 429, ...(retryAfterMs !== null ? { retryAfterMs } : {}) },
          );
          if (retryAfterMs !== null) waitMs = retryAfterMs;
        } else if (response.status >= 500) {
          lastError = new PoolError(
            'server',
            `${poolName} had a server error (HTTP ${response.status}). This is on the pool's side; PoolWatch keeps trying.`,
            { httpStatus: response.status },
          );
        } else {
          return response;
        }
      } catch (error) {
        if (!(error instanceof PoolError) || error.kind !== 'unreachable' || signal?.aborted) throw error;
        lastError = error;
      }
      if (attemptNo === limits.maxRetries || waitMs > limits.maxRetryWaitMs) break;
      await sleep(waitMs, signal);
    }
    throw lastError ?? new PoolError('unreachable', `Could not reach ${poolName}.`);
  }

  return { request, limits, redact };
}
