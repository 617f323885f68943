import type { ChannelKind } from '../../../shared/contract';
import { channelKind } from './kinds';
import { quoteAnswer } from './answer-quotes';

/** Explains a non-2xx answer from `body` (already redacted); the caller redacts the result again like every message. */
export function describeHttpFailure(kind: ChannelKind, status: number, body: string, retryAfterMs: number | null): string {
  const name = channelKind(kind).serviceName;
  const quoted = quoteAnswer(body);
  const said = quoted ? ` It said: "${quoted}".` : '';
  if (status === 429) {
    const wait = retryAfterMs !== null ? `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s` : '';
    return `${name} is rate-limiting messages (HTTP 429)${wait}.`;
  }
  if (status >= 500) return `${name} had a server error (HTTP ${status}).${said}`;
  if (status === 408) return `${name} timed out receiving the message (HTTP 408).`;
  if (status >= 300 && status < 400) {
    return `${name} answered with a redirect (HTTP ${status}); PoolWatch does not follow redirects with a message: enter the final https:// URL.`;
  }
  const refusal = channelKind(kind).describeRefusal(status, said);
  if (refusal !== null) return refusal;
  return `${name} refused the message (HTTP ${status}).${said}`;
}

export { describeNetworkFailure, quoteAnswer } from './answer-quotes';
