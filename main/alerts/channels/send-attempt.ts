import type { ChannelKind } from '../../../shared/contract';
import { parseRetryAfter } from '../../pools/http-client';
import { safeDelayMs } from '../../base/safe-delay';
import type { OutgoingRequest } from './destination';
import { describeHttpFailure, describeNetworkFailure } from './failure-messages';
import { redactSecrets } from '../../base/redaction';
import { redactUrl } from './channel-redaction';

import type { AttemptOutcome } from './attempt-outcome';

export type { AttemptOutcome } from './attempt-outcome';

export interface SendOptions {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  nowMs: number;
  /** Redacted from the answer before it is quoted, so a cut quote cannot leave half a token behind. */
  secretValues: readonly string[];
  /** Aborts the request when the service stops. */
  signal?: AbortSignal;
}

/** Error answers are read only this far: enough to quote, never a large page. */
const MAX_ERROR_BODY_BYTES = 8 * 1024;

async function readStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < MAX_ERROR_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES);
}

/** Retry-After header, else the retry_after Telegram and Discord put in the JSON answer (seconds); capped like every wait. */
function retryAfterOf(response: Response, body: string, nowMs: number): number | null {
  const header = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  if (header !== null) return header;
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
    const seconds = parsed.parameters?.retry_after ?? parsed.retry_after;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? safeDelayMs(seconds * 1000) : null;
  } catch {
    return null;
  }
}

function cancelled(): AttemptOutcome {
  return { ok: false, retry: false, retryAfterMs: null, message: 'Delivery was cancelled because PoolWatch is stopping.' };
}

/** Makes one POST and classifies the answer; never throws. Messages are not yet redacted. */
export async function sendOnce(kind: ChannelKind, request: OutgoingRequest, options: SendOptions): Promise<AttemptOutcome> {
  if (options.signal?.aborted) return cancelled();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const host = redactUrl(request.url);
  try {
    // Redirects are refused: following one would post the message (and its URL's token) somewhere else.
    const response = await options.fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, signal, redirect: 'manual' });
    const raw = await readStart(response);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const body = redactSecrets(raw, options.secretValues);
    const retryAfterMs = response.status === 429 ? retryAfterOf(response, body, options.nowMs) : null;
    const retry = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, retry, retryAfterMs, message: describeHttpFailure(kind, response.status, body, retryAfterMs) };
  } catch (error) {
    if (options.signal?.aborted) return cancelled();
    return { ok: false, retry: true, retryAfterMs: null, message: describeNetworkFailure(error, host, timeout.aborted, options.timeoutMs) };
  }
}
