import type { Severity } from '../alert-types';
import type { Notification } from '../notification-format';
import { JSON_HEADERS, type OutgoingRequest } from './destination';
import { cutText } from '../../../shared/units';
import { PHONE_ACTION_LABELS, encodePress, type ActionButtons } from './phone-actions';

/** sendMessage accepts at most 4096 characters of text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SEVERITY_ICON: Readonly<Record<Severity, string>> = { critical: '🔴', warning: '🟠', info: '🔵' };

export interface TelegramPayload {
  chat_id: string;
  text: string;
  disable_web_page_preview: true;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

/** Plain text (no parse_mode), so names need no escaping and can never break the message. */
export function telegramPayload(chatId: string, notification: Notification, buttons: ActionButtons | null = null): TelegramPayload {
  const icon = notification.kind === 'resolved' ? '✅' : SEVERITY_ICON[notification.severity];
  const text = notification.body ? `${icon} ${notification.title}\n\n${notification.body}` : `${icon} ${notification.title}`;
  const payload: TelegramPayload = { chat_id: chatId, text: cutText(text, TELEGRAM_TEXT_LIMIT), disable_web_page_preview: true };
  // callback_data carries only the action and the short token (under Telegram's 64 bytes); the alerts stay here.
  if (buttons) payload.reply_markup = { inline_keyboard: [buttons.actions.map((action) => ({ text: PHONE_ACTION_LABELS[action], callback_data: encodePress(action, buttons.token) }))] };
  return payload;
}

export function telegramMethodUrl(apiBase: string, botToken: string, method: string): string {
  return `${apiBase}/bot${botToken}/${method}`;
}

export function formatTelegram(apiBase: string, botToken: string, chatId: string, notification: Notification, buttons: ActionButtons | null = null): OutgoingRequest {
  return {
    url: telegramMethodUrl(apiBase, botToken, 'sendMessage'),
    headers: { ...JSON_HEADERS },
    body: JSON.stringify(telegramPayload(chatId, notification, buttons)),
  };
}
