// The in-memory request log every simulator keeps for tests: capped, written when the response closes, no secrets.
import type { ServerResponse } from 'node:http';

const REQUEST_LOG_LIMIT = 1000;
export const REDACTED = '[redacted]';
const SECRET_LOOKING_PARAM = /key|secret|token|linkid|password|auth/i;

/** Appends the entry once the response is done (status 0 when the connection was dropped); keeps the last 1000. */
export function logWhenClosed<T>(res: ServerResponse, log: T[], entry: (status: number) => T): void {
  res.on('close', () => {
    log.push(entry(res.headersSent ? res.statusCode : 0));
    if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT);
  });
}

export function redactedQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of params) query[name] = SECRET_LOOKING_PARAM.test(name) ? REDACTED : value;
  return query;
}
