import type { ChannelKind } from '../../../shared/contract';
import { channelKind } from './kinds';
import { errorCode } from '../../base/error-code';

/** How much of an error answer is quoted: enough for "Unknown Webhook" or "Bad Request: chat not found". */
const QUOTE_LIMIT = 200;

/** The useful part of an error answer: Telegram's description, Discord's message, ntfy's error, or the text itself. */
export function quoteAnswer(body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      const said = [fields.description, fields.message, fields.error].find((value) => typeof value === 'string');
      if (typeof said === 'string') text = said;
    }
  } catch {
    // not JSON: quote the text
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT)}…` : flat;
}

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

/** Explains a request that got no HTTP answer: refused, reset, name lookup, TLS, timeout. */
export function describeNetworkFailure(error: unknown, host: string, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `${host} did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s.`;
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${host}: the connection was refused (is the address right and the service up?).`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return `Could not deliver to ${host}: the connection was reset before it answered.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not connect to ${host}: the host name could not be resolved (check the address and the network).`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Could not connect to ${host}: the connection timed out.`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `Could not connect to ${host}: the network is unreachable.`;
    default:
      if (code && /CERT|SSL|TLS/.test(code)) return `Could not connect to ${host}: its TLS certificate was not accepted (${code}).`;
      return `Could not connect to ${host} (${code ?? 'network error'}).`;
  }
}
