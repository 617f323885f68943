// What a failed delivery is told with, for every kind: the quoted answer, and a network failure in words.
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
