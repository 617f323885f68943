/** One HTTP POST to make; every channel kind sends exactly one per notification. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TELEGRAM_API_BASE = 'https://api.telegram.org';

export const JSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/json', 'User-Agent': 'PoolWatch' };
