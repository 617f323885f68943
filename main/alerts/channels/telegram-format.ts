import type { Severity } from '../alert-types';
import type { Notification } from '../notification-format';
import { JSON_HEADERS, type OutgoingRequest } from './destination';
import { cutText } from '../../../shared/units';

/** sendMessage accepts at most 4096 characters of text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SEVERITY_ICON: Readonly<Record<Severity, string>> = { critical: '🔴', warning: '🟠', info: '🔵' };

export interface TelegramPayload {
  chat_id: string;
  text: string;
  disable_web_page_preview: true;
}

/** Plain text (no parse_mode), so names need no escaping and can never break the message. */
export function telegramPayload(chatId: string, notification: Notification): TelegramPayload {
  const icon = notification.kind === 'resolved' ? '✅' : SEVERITY_ICON[notification.severity];
  const text = notification.body ? `${icon} ${notification.title}\n\n${notification.body}` : `${icon} ${notification.title}`;
  return { chat_id: chatId, text: cutText(text, TELEGRAM_TEXT_LIMIT), disable_web_page_preview: true };
}

export function formatTelegram(apiBase: string, botToken: string, chatId: string, notification: Notification): OutgoingRequest {
  return {
    url: `${apiBase}/bot${botToken}/sendMessage`,
    headers: { ...JSON_HEADERS },
    body: JSON.stringify(telegramPayload(chatId, notification)),
  };
}
