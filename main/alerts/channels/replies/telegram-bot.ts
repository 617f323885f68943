import { describeNetworkFailure } from '../answer-quotes';
import { JSON_HEADERS } from '../destination';
import { decodePress } from '../phone-actions';
import { telegramMethodUrl, TELEGRAM_TEXT_LIMIT } from '../telegram-format';
import { cutText } from '../../../../shared/units';
import { ReplyConnectionError } from './ntfy-replies';

/** getUpdates waits this long for an update before answering empty (Telegram's long polling). */
export const TELEGRAM_POLL_SECONDS = 30;
/** Answers of getUpdates are read up to this size; Telegram sends at most 100 updates. */
const MAX_UPDATES_BYTES = 4 * 1024 * 1024;

export interface TelegramBotTarget {
  apiBase: string;
  botToken: string;
  /** The channels using this bot, each with its chat: only their messages and button presses are answered. */
  chats: ReadonlyArray<{ channelId: string; chatId: string }>;
}

export interface TelegramBotHandling {
  /** A press in a configured chat, for that chat's channel; returns the short text shown on the phone. */
  press(channelId: string, action: string, token: string): string;
  /** The answer to a command (`status`, `payouts`) for a channel, or null for a command the bot does not know. */
  command(channelId: string, name: string): string | null;
  log(level: 'info' | 'warn', message: string): void;
}

interface Chat {
  id: number | string;
  username?: string;
}

/** Whether a chat is the configured one (a numeric id, or a public chat's @username). */
function isConfiguredChat(chat: Chat | undefined, chatId: string): boolean {
  if (!chat) return false;
  if (String(chat.id) === chatId) return true;
  return chatId.startsWith('@') && typeof chat.username === 'string' && `@${chat.username}`.toLowerCase() === chatId.toLowerCase();
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function chatOf(message: unknown): Chat | undefined {
  const chat = asRecord(asRecord(message)?.chat);
  if (!chat || (typeof chat.id !== 'number' && typeof chat.id !== 'string')) return undefined;
  return { id: chat.id, ...(typeof chat.username === 'string' ? { username: chat.username } : {}) };
}

/** "/status", "/status@PoolWatchBot" and "/status now" all name `status`. */
export function commandName(text: string): string | null {
  const match = /^\/([a-z_]{1,32})(@[A-Za-z0-9_]{1,64})?(\s|$)/.exec(text.trim());
  return match ? (match[1] as string) : null;
}

/**
 * One bot may serve several channels (a chat per customer): getUpdates is per bot, so it is read once, and each
 * update goes to the channel of its chat.
 *
 * The bot's long-polling loop, one getUpdates at a time (outbound only). The offset moves past every update before
 * it is handled, so each is handled once even when handling fails; presses get answerCallbackQuery, /status and
 * /payouts a message, both only in the configured chat (others are ignored). Returns whether any update came.
 */
export class TelegramBot {
  private offset: number | null = null;

  constructor(
    private readonly target: TelegramBotTarget,
    private readonly fetchImpl: typeof fetch,
    private readonly handling: TelegramBotHandling,
    private readonly pollSeconds = TELEGRAM_POLL_SECONDS,
  ) {}

  /** One getUpdates round trip and the handling of what it brought. */
  async pollOnce(signal: AbortSignal): Promise<boolean> {
    const body = { timeout: this.pollSeconds, allowed_updates: ['message', 'callback_query'], ...(this.offset !== null ? { offset: this.offset } : {}) };
    const answer = await this.call('getUpdates', body, signal, (this.pollSeconds + 15) * 1000);
    const updates = Array.isArray(answer) ? answer : [];
    let received = false;
    for (const update of updates) {
      const record = asRecord(update);
      const id = record?.update_id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) continue;
      if (this.offset !== null && id < this.offset) continue;
      this.offset = id + 1;
      received = true;
      try {
        await this.handle(record as Record<string, unknown>, signal);
      } catch (error) {
        if (signal.aborted) return received;
        this.handling.log('warn', `an update could not be answered (${error instanceof ReplyConnectionError ? error.message : 'unexpected error'})`);
      }
    }
    return received;
  }

  private async handle(update: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    const query = asRecord(update.callback_query);
    if (query) {
      const chat = this.chatFor(chatOf(query.message));
      if (!chat) return;
      const press = typeof query.data === 'string' ? decodePress(query.data) : null;
      const text = press ? this.handling.press(chat.channelId, press.action, press.token) : 'PoolWatch does not know this button; nothing was changed.';
      if (typeof query.id === 'string') await this.call('answerCallbackQuery', { callback_query_id: query.id, text: cutText(text, 200) }, signal);
      return;
    }
    const message = asRecord(update.message);
    const chat = this.chatFor(chatOf(message));
    if (!message || !chat || typeof message.text !== 'string') return;
    const name = commandName(message.text);
    if (name === null) return;
    const reply = this.handling.command(chat.channelId, name) ?? 'PoolWatch answers /status and /payouts.';
    await this.call('sendMessage', { chat_id: chat.chatId, text: cutText(reply, TELEGRAM_TEXT_LIMIT), disable_web_page_preview: true }, signal);
  }

  private chatFor(chat: Chat | undefined): { channelId: string; chatId: string } | undefined {
    return this.target.chats.find((candidate) => isConfiguredChat(chat, candidate.chatId));
  }

  /** One Bot API method; the answer's `result`, or ReplyConnectionError with a message that never holds the token. */
  private async call(method: string, body: unknown, signal: AbortSignal, timeoutMs = 15_000): Promise<unknown> {
    const host = new URL(this.target.apiBase).host;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(telegramMethodUrl(this.target.apiBase, this.target.botToken, method), {
        method: 'POST',
        headers: { ...JSON_HEADERS },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout]),
        redirect: 'manual',
      });
    } catch (error) {
      throw new ReplyConnectionError(describeNetworkFailure(error, host, timeout.aborted, timeoutMs));
    }
    const text = await readCapped(response);
    if (response.status === 401 || response.status === 404) throw new ReplyConnectionError(`Telegram rejected the bot token (HTTP ${response.status}) for ${method}; check the bot token from @BotFather.`);
    if (response.status === 409) throw new ReplyConnectionError('Telegram refused getUpdates (HTTP 409): the bot has a webhook set or another program is reading its updates.');
    if (response.status < 200 || response.status >= 300) throw new ReplyConnectionError(`Telegram answered HTTP ${response.status} to ${method}.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ReplyConnectionError(`Telegram's answer to ${method} was not JSON.`);
    }
    const record = asRecord(parsed);
    if (!record || record.ok !== true) throw new ReplyConnectionError(`Telegram's answer to ${method} was not ok.`);
    return record.result;
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_UPDATES_BYTES) throw new ReplyConnectionError(`Telegram's answer was larger than ${MAX_UPDATES_BYTES / 1024 / 1024} MB.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
