import type { ChannelKind } from '../../../shared/contract';

/** A channel with its values resolved (secrets included): everything a formatter needs to build a request. */
export type Destination =
  | { kind: 'webhook' | 'discord' | 'slack'; url: string }
  | { kind: 'telegram'; apiBase: string; botToken: string; chatId: string }
  | { kind: 'ntfy'; server: string; topic: string; accessToken: string | null };

/** One HTTP POST to make; every channel kind sends exactly one per notification. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TELEGRAM_API_BASE = 'https://api.telegram.org';

/** Builds the destination from field values that were validated when saved (or typed for a test). */
export function toDestination(kind: ChannelKind, values: Readonly<Record<string, string>>, telegramApiBase: string): Destination {
  const value = (field: string): string => values[field] ?? '';
  switch (kind) {
    case 'webhook':
    case 'discord':
    case 'slack':
      return { kind, url: value('url') };
    case 'telegram':
      return { kind, apiBase: telegramApiBase.replace(/\/+$/, ''), botToken: value('botToken'), chatId: value('chatId') };
    case 'ntfy':
      return { kind, server: value('server').replace(/\/+$/, ''), topic: value('topic'), accessToken: values.accessToken || null };
  }
}

export const JSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/json', 'User-Agent': 'PoolWatch' };
