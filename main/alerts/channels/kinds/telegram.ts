import { invalid } from '../post-url';
import { formatTelegram } from '../telegram-format';
import type { HttpChannelKind } from './channel-kind';

const TELEGRAM_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;
const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

/** A Telegram bot posting to a chat (sendMessage). */
export const telegramChannel: HttpChannelKind = {
  kind: 'telegram',
  serviceName: 'Telegram',
  validators: {
    botToken: (value) => {
      if (!TELEGRAM_TOKEN.test(value)) invalid('The bot token should look like 123456789:AAF… exactly as @BotFather gave it.');
      return value;
    },
    chatId: (value) => {
      if (!TELEGRAM_CHAT_ID.test(value)) {
        invalid('The chat id is a number (e.g. 123456789, or -100… for groups and channels) or a public channel\'s @username.');
      }
      return value;
    },
  },
  actionButtons: true,
  request: (values, notification, context) =>
    formatTelegram(context.telegramApiBase.replace(/\/+$/, ''), values.botToken ?? '', values.chatId ?? '', notification, context.buttons ?? null),
  describeRefusal: (status, said) => {
    if (status === 401 || status === 404) return `Telegram rejected the token (HTTP ${status}): check the bot token from @BotFather.${said}`;
    if (status === 403) return `Telegram refused to post to this chat (HTTP 403): the bot must be a member of the chat and not blocked.${said}`;
    if (status === 400) return `Telegram refused the message (HTTP 400): check the chat id and that the bot was added to the chat.${said}`;
    return null;
  },
};
