import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';

// The pools' HTTP, sent with node:http over kept-alive sockets. fetch costs about 0.5 ms of CPU per request in
// Node 20 (web streams, AbortSignal.any, Request objects); an account of 100,000 workers is 500 pages a poll.

export interface TransportRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface TransportLimits {
  timeoutMs: number;
  maxBodyBytes: number;
}

/** Failures carry the socket error's code as `cause`, as fetch's do, so one describer names them. */
export class TransportError extends Error {
  constructor(
    message: string,
    override readonly cause: { code?: string; message?: string },
  ) {
    super(message);
  }
}

/** The code of a request that ran past its limits.timeoutMs (not a socket's own ETIMEDOUT). */
export const REQUEST_TIMEOUT_CODE = 'POOLWATCH_REQUEST_TIMEOUT';
/** The code of a request cancelled through its signal. */
export const REQUEST_ABORTED_CODE = 'ABORT_ERR';

/** The body was larger than allowed (declared, or counted while reading, after decompression). */
export class BodyTooLargeError extends Error {}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

function decoded(response: http.IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(zlib.createGunzip());
    case 'deflate':
      return response.pipe(zlib.createInflate());
    case 'br':
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

function webHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** One request, no retries and no redirects; rejects on a network failure, the timeout, `signal`, or a body too large. */
export function sendRequest(request: TransportRequest, limits: TransportLimits, signal?: AbortSignal): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new TransportError('unsupported protocol', { code: 'ERR_INVALID_PROTOCOL' }));
      return;
    }
    let settled = false;
    const finish = (error: Error | null, response?: TransportResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const timer = setTimeout(() => finish(new TransportError('timed out', { code: REQUEST_TIMEOUT_CODE })), limits.timeoutMs);
    const onAbort = (): void => finish(new TransportError('aborted', { code: REQUEST_ABORTED_CODE }));
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const req = (secure ? https : http).request(url, {
      method: request.method,
      agent: agents[secure ? 'https:' : 'http:'],
      headers: {
        'accept-encoding': 'gzip, deflate, br',
        ...request.headers,
        ...(body ? { 'content-length': String(body.byteLength) } : {}),
      },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    req.on('error', (error: NodeJS.ErrnoException) => finish(new TransportError(error.message, { code: error.code, message: error.message })));
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        finish(new TransportError('redirected', { code: 'ERR_REDIRECT' }));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        finish(new BodyTooLargeError());
        return;
      }
      const stream = decoded(response);
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > limits.maxBodyBytes) {
          finish(new BodyTooLargeError());
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (error: NodeJS.ErrnoException) => finish(new TransportError(error.message, { code: error.code ?? 'ECONNRESET' })));
      response.on('aborted', () => finish(new TransportError('connection reset', { code: 'ECONNRESET' })));
      stream.on('end', () => finish(null, { status, headers: webHeaders(response.headers), text: Buffer.concat(chunks, total).toString('utf8') }));
    });
    req.end(body);
  });
}
