// A local simulator of the Telegram Bot API's methods PoolWatch uses (https://core.telegram.org/bots/api):
// sendMessage (with inline keyboards), getUpdates (long polling; an offset confirms every update before it),
// answerCallbackQuery. The "user" presses a button or writes in a chat by queueing the update Telegram would send.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  message_id: number;
  chat_id: string;
  text: string;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

export interface TelegramSim {
  url: string;
  sent: SentMessage[];
  answers: Array<{ callback_query_id: string; text?: string }>;
  /** How often each update was handed out by getUpdates. */
  deliveries: Map<number, number>;
  /** getUpdates calls refused with 409 because another was waiting (two readers of one bot). */
  conflicts(): number;
  /** getUpdates calls so far, with the offset each named. */
  polls: Array<{ offset: number | null }>;
  /** Presses a message's inline button in a chat (default: the message's own); returns the update id. */
  press(message: SentMessage, buttonText: string, chatId?: string | number): number;
  /** A user writes in a chat. */
  say(chatId: string | number, text: string): number;
  /** Queues any update object as it is (a malformed or unexpected one); the update_id is added. */
  queueRaw(update: Record<string, unknown>): number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Long polls wait at most this long here, whatever timeout is asked, so tests stay quick. */
const MAX_WAIT_MS = 1_000;

export async function startTelegramSim(options: { botToken: string }): Promise<TelegramSim> {
  const sent: SentMessage[] = [];
  const answers: TelegramSim['answers'] = [];
  const deliveries = new Map<number, number>();
  const polls: TelegramSim['polls'] = [];
  let updates: Array<Record<string, unknown> & { update_id: number }> = [];
  let nextUpdateId = 700_000_001;
  let nextMessageId = 1;
  let nextQueryId = 1;
  let wake: Array<() => void> = [];
  let waiting = 0;
  /** getUpdates refused because another was waiting. */
  let conflicts = 0;

  const queue = (update: Record<string, unknown>): number => {
    const id = nextUpdateId++;
    updates.push({ ...update, update_id: id });
    for (const resolve of wake) resolve();
    wake = [];
    return id;
  };

  const server = createServer((request, response) => {
    void (async () => {
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(request.url ?? '/', 'http://sim').pathname);
      const reply = (status: number, body: unknown): void => {
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (match[1] !== options.botToken) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const raw = await readBody(request);
      const params = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      switch (match[2]) {
        case 'sendMessage': {
          const message = { message_id: nextMessageId++, chat_id: String(params.chat_id), text: String(params.text), ...(params.reply_markup ? { reply_markup: params.reply_markup as SentMessage['reply_markup'] } : {}) };
          sent.push(message);
          return reply(200, { ok: true, result: { message_id: message.message_id, chat: { id: Number(message.chat_id) }, date: Math.floor(Date.now() / 1000), text: message.text } });
        }
        case 'answerCallbackQuery':
          answers.push({ callback_query_id: String(params.callback_query_id), ...(typeof params.text === 'string' ? { text: params.text } : {}) });
          return reply(200, { ok: true, result: true });
        case 'getUpdates': {
          // Telegram allows one reader per bot: a second getUpdates while one waits is refused.
          if (waiting > 0) conflicts += 1;
          if (waiting > 0) return reply(409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
          const offset = typeof params.offset === 'number' ? params.offset : null;
          polls.push({ offset });
          // Telegram forgets every update below the offset: they were confirmed.
          if (offset !== null) updates = updates.filter((update) => update.update_id >= offset);
          if (updates.length === 0) {
            const waitMs = Math.min(Number(params.timeout ?? 0) * 1000, MAX_WAIT_MS);
            waiting += 1;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, waitMs);
              wake.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
            waiting -= 1;
          }
          const batch = updates.slice(0, 100);
          for (const update of batch) deliveries.set(update.update_id, (deliveries.get(update.update_id) ?? 0) + 1);
          return reply(200, { ok: true, result: batch });
        }
        default:
          return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sent,
    answers,
    deliveries,
    polls,
    conflicts: () => conflicts,
    press: (message, buttonText, chatId) => {
      const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => candidate.text === buttonText);
      if (!button) throw new Error(`the message has no button "${buttonText}"`);
      const chat = Number(chatId ?? message.chat_id);
      return queue({
        callback_query: {
          id: String(nextQueryId++),
          from: { id: 4242, is_bot: false, first_name: 'Miner' },
          message: { message_id: message.message_id, chat: { id: chat, type: chat < 0 ? 'supergroup' : 'private' }, date: 0, text: message.text },
          chat_instance: '1',
          data: button.callback_data,
        },
      });
    },
    say: (chatId, text) => queue({ message: { message_id: nextMessageId++, from: { id: 4242, is_bot: false, first_name: 'Miner' }, chat: { id: Number(chatId), type: 'private' }, date: 0, text } }),
    queueRaw: (update) => queue(update),
    close: async () => {
      for (const resolve of wake) resolve();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
