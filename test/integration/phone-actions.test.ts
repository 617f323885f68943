import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { ChannelDraft } from '../../shared/contract';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';
import { startSbiSim } from '../sim/sbi';
import { startNtfySim, type NtfySim } from '../sim/ntfy';
import { startTelegramSim, type SentMessage, type TelegramSim } from '../sim/telegram';

// Distinctive values: none may show up in a log line.
const BOT_TOKEN = '918273645:AAFphoneBotSecret_ZyXwVuTsRqPoNmLk0987';
const CHAT_ID = '-1009988776655';
const OTHER_CHAT = '-1001112223334';
const NTFY_TOPIC = 'rig-alerts-4d7f1c9e';
const NTFY_ACCESS = 'tk_phoneAccessSecret5566778899aabb';

/** A PoolWatch on an SBI simulator account whose workers the test stops, with the phone channels' listeners started. */
async function harness(channelOptions: { telegramApiBase?: string } = {}, startAt = Date.now()) {
  const sim = await startSbiSim({ seed: 913, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12, deadShare: 0, offlineShare: 0 }] });
  const dir = await mkdtemp(join(tmpdir(), 'pw-phone-'));
  const configFile = join(dir, 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({ accounts: [{ id: 'farm', pool: 'sbi', label: 'Main farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_PH_KEY' }, apiSecret: { env: 'PW_PH_SECRET' } } }] }),
  );
  const clock = new FakeClock(startAt);
  const logger = captureLogger();
  const secrets = memorySecrets();
  const { poolWatch, replies } = createPoolWatch({
    config: fileConfigRepository(configFile),
    dataDir: null,
    secrets,
    logger,
    clock,
    env: { PW_PH_KEY: sim.fullKey.apiKey, PW_PH_SECRET: sim.fullKey.apiSecret },
    httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    channelOptions: { sleep: async () => {}, ...channelOptions },
    // Real short waits: the listeners' connections are real sockets.
    replyOptions: { sleep: (ms, signal) => delay(ms, undefined, { signal }), loop: { initialBackoffMs: 20, maxBackoffMs: 200 }, telegramPollSeconds: 1 },
  });
  await poolWatch.engine.load();
  poolWatch.alerts.start();
  const cycle = async (): Promise<void> => {
    await clock.advance(60_000);
    sim.advanceClock(60_000);
    await poolWatch.engine.pollAll();
  };
  /** Three good polls, then workers stop until their alert fires; returns their names. */
  const raiseOffline = async (count: number): Promise<string[]> => {
    for (let i = 0; i < 3; i += 1) await cycle();
    const victims = sim.workerNames('rigs').slice(0, count);
    for (const name of victims) sim.stopWorker('rigs', name);
    for (let i = 0; i < 4; i += 1) await cycle();
    await poolWatch.channels.idle();
    return victims;
  };
  const close = async (): Promise<void> => {
    poolWatch.stop();
    await replies.stop();
    await sim.close();
  };
  return { poolWatch, replies, clock, logger, secrets, cycle, raiseOffline, close };
}

function assertNoSecretsLogged(lines: readonly string[], values: readonly string[]): void {
  for (const value of values) {
    const leaked = lines.find((line) => line.includes(value));
    assert.equal(leaked, undefined, `a log line holds a secret: ${leaked}`);
  }
}

const ntfyDraft = (server: string): ChannelDraft => ({ kind: 'ntfy', label: 'Phone', enabled: true, minSeverity: 'warning', settings: { server } });
/**
 * An ntfy channel with its reply stream open, and one worker's offline alert sent to it. The polls moved the fake
 * clock past the stream's silence limit, so PoolWatch reconnected: this waits for the stream to be open again.
 */
async function offlineAlertWithReplies(ntfy: NtfySim, h: Awaited<ReturnType<typeof harness>>) {
  const view = await h.poolWatch.handle('channels:save', { channel: ntfyDraft(ntfy.url), secrets: { topic: NTFY_TOPIC } });
  const replyTopic = (await h.secrets.get(`channel-${view.id}`, 'replyTopic')) ?? '';
  h.replies.start();
  await waitFor(() => ntfy.subscribers(replyTopic) === 1, 20_000, 'the subscription');
  const victims = await h.raiseOffline(1);
  const message = ntfy.messages.find((m) => m.topic === NTFY_TOPIC);
  assert.ok(message);
  await waitFor(() => ntfy.subscribers(replyTopic) === 1, 20_000, 'the subscription after the polls');
  return { replyTopic, victims, message };
}

const telegramDraft = (): ChannelDraft => ({ kind: 'telegram', label: 'Bot', enabled: true, minSeverity: 'warning', settings: { chatId: CHAT_ID } });

describe('phone actions over ntfy: buttons post to a private reply topic PoolWatch subscribes to', () => {
  it('an offline worker arrives with Snooze and Mute buttons; Snooze 8 h pressed on the phone snoozes it, and no reminder follows', async () => {
    const ntfy: NtfySim = await startNtfySim({ accessToken: NTFY_ACCESS });
    const h = await harness();
    try {
      const view = await h.poolWatch.handle('channels:save', { channel: ntfyDraft(ntfy.url), secrets: { topic: NTFY_TOPIC, accessToken: NTFY_ACCESS } });
      const replyTopic = await h.secrets.get(`channel-${view.id}`, 'replyTopic');
      assert.ok(replyTopic && replyTopic !== NTFY_TOPIC && replyTopic.length >= 30, 'a random reply topic, kept with the secrets');
      assert.doesNotMatch(JSON.stringify(view), new RegExp(replyTopic), 'the channel view never shows it');
      h.replies.start();
      await waitFor(() => ntfy.subscribers(replyTopic) === 1, 20_000, 'the subscription to the reply topic');

      const victims = await h.raiseOffline(3);
      const alerts = ntfy.messages.filter((message) => message.topic === NTFY_TOPIC);
      assert.equal(alerts.length, 1, `one grouped notification: ${JSON.stringify(alerts.map((m) => [m.title, m.message]))} ${h.logger.lines.join("\n")}`);
      const [message] = alerts as [NonNullable<(typeof alerts)[number]>];
      assert.deepEqual(message.actions.map((action) => action.label), ['Snooze 1 h', 'Snooze 8 h', 'Mute worker']);
      for (const action of message.actions) {
        assert.equal(action.action, 'http');
        assert.equal(action.url, `${ntfy.url}/${replyTopic}`);
        assert.equal(action.headers.Authorization, `Bearer ${NTFY_ACCESS}`);
        assert.match(action.body, /^(snooze-1h|snooze-8h|mute-worker):[A-Za-z0-9_-]{24}$/);
      }
      const firing = (await h.poolWatch.handle('alerts:active', {})).filter((alert) => alert.state === 'firing' && victims.includes(alert.scope.worker ?? ''));
      assert.equal(firing.length, 3);
      assert.ok(firing.every((alert) => !alert.snoozed));

      // Moving the fake clock past the silence limit made PoolWatch reconnect: press once the stream is open again.
      await waitFor(() => ntfy.subscribers(replyTopic) === 1, 20_000, 'the subscription after the polls');
      assert.equal(await ntfy.press(message, 'Snooze 8 h'), 200);
      await waitFor(() => h.poolWatch.alerts.active().filter((alert) => victims.includes(alert.scope.worker ?? '')).every((alert) => alert.snoozed), 20_000, 'the alerts snoozed'); // a press goes sim -> ntfy stream -> PoolWatch: slow on a loaded machine
      const snoozes = await h.poolWatch.handle('alerts:snoozes', {});
      assert.equal(snoozes.length, 3);
      for (const snooze of snoozes) assert.equal(Date.parse(snooze.until ?? '') - h.clock.now(), 8 * 3_600_000);

      // A firing alert is repeated every 4 h; snoozed for 8 h, it is not.
      await h.clock.advance(5 * 3_600_000);
      await h.poolWatch.channels.idle();
      assert.equal(ntfy.messages.filter((m) => m.topic === NTFY_TOPIC).length, 1, 'no reminder while snoozed');
      assertNoSecretsLogged(h.logger.lines, [replyTopic, NTFY_ACCESS, NTFY_TOPIC]);
      assert.ok(h.logger.lines.some((line) => /button pressed on the phone: Snoozed 3 alerts for 8 h/.test(line)));
    } finally {
      await h.close();
      await ntfy.close();
    }
  });

  it('a stranger on the reply topic cannot snooze: unknown tokens, foreign messages and malformed lines are ignored, and the stream survives them and a reconnect', async () => {
    const ntfy = await startNtfySim();
    const h = await harness();
    try {
      const { replyTopic, victims, message } = await offlineAlertWithReplies(ntfy, h);
      const post = (body: string): Promise<Response> => fetch(`${ntfy.url}/${replyTopic}`, { method: 'POST', body });
      await post('snooze-8h:AAAAAAAAAAAAAAAAAAAAAAAA'); // well formed, never issued
      await post(`snooze-8h:${'x'.repeat(23)}`); // guessed
      await post('hello from a stranger');
      ntfy.injectLine(replyTopic, '{"event":"message","message":'); // cut JSON
      ntfy.injectLine(replyTopic, '[1,2,3]');
      ntfy.injectLine(replyTopic, 'x'.repeat(100_000)); // one overlong line
      await waitFor(() => h.logger.lines.filter((line) => /not known to PoolWatch/.test(line)).length === 2, 5_000, 'both tokens refused');
      await waitFor(() => h.logger.lines.some((line) => /an unreadable line on the reply subscription/.test(line)), 5_000, 'the malformed lines reported');
      assert.equal((await h.poolWatch.handle('alerts:snoozes', {})).length, 0, 'nothing snoozed');

      // The server drops the stream: PoolWatch reconnects, and a press made meanwhile still arrives (since=<last id>).
      ntfy.dropSubscribers(replyTopic);
      assert.equal(await ntfy.press(message, 'Mute worker'), 200);
      await waitFor(() => h.poolWatch.alerts.snoozes().length === 1, 5_000, 'the worker muted after the reconnect');
      assert.deepEqual(h.poolWatch.alerts.snoozes()[0], { target: { accountId: 'farm', group: 'rigs', worker: victims[0] }, until: null });
      assert.ok(ntfy.requests.some((request) => request.method === 'GET' && request.path === `/${replyTopic}/json`));
      assertNoSecretsLogged(h.logger.lines, [replyTopic, NTFY_TOPIC]);
    } finally {
      await h.close();
      await ntfy.close();
    }
  });

  it('a press made while the stream is down, before any message ever came on it, is replayed after the reconnect (since = the first subscription start)', async () => {
    const ntfy = await startNtfySim();
    // This machine's clock runs 10 minutes ahead of the server's: the start is taken by the server's clock.
    const h = await harness({}, Date.now() + 10 * 60_000);
    try {
      const { replyTopic, victims, message } = await offlineAlertWithReplies(ntfy, h);
      assert.equal(ntfy.messages.filter((m) => m.topic === replyTopic).length, 0, 'nothing has come on the reply topic yet');

      // The server restarts: the stream ends and cannot be opened again until the press is published.
      ntfy.refuseSubscriptions(true);
      ntfy.dropSubscribers(replyTopic);
      assert.equal(await ntfy.press(message, 'Mute worker'), 200);
      await waitFor(() => h.logger.lines.some((line) => /listening for replies failed: .*HTTP 503/.test(line)), 5_000, 'a refused reconnect');
      ntfy.refuseSubscriptions(false);

      await waitFor(() => h.poolWatch.alerts.snoozes().length === 1, 5_000, 'the worker muted after the reconnect');
      assert.deepEqual(h.poolWatch.alerts.snoozes()[0], { target: { accountId: 'farm', group: 'rigs', worker: victims[0] }, until: null });
      assertNoSecretsLogged(h.logger.lines, [replyTopic, NTFY_TOPIC]);
    } finally {
      await h.close();
      await ntfy.close();
    }
  });
});

describe('phone actions over Telegram: inline buttons and bot commands by long polling getUpdates', () => {
  const sentTo = (tg: TelegramSim, chat: string): SentMessage[] => tg.sent.filter((message) => message.chat_id === chat);

  it('Snooze 1 h pressed in the configured chat snoozes the alert once; other chats, unknown tokens and malformed updates change nothing', async () => {
    const tg = await startTelegramSim({ botToken: BOT_TOKEN });
    const h = await harness({ telegramApiBase: tg.url });
    try {
      await h.poolWatch.handle('channels:save', { channel: telegramDraft(), secrets: { botToken: BOT_TOKEN } });
      h.replies.start();
      await waitFor(() => tg.polls.length >= 1, 5_000, 'the first getUpdates');
      const victims = await h.raiseOffline(1);
      const alerts = sentTo(tg, CHAT_ID);
      assert.equal(alerts.length, 1);
      const message = alerts[0] as SentMessage;
      const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
      assert.deepEqual(buttons.map((button) => button.text), ['Snooze 1 h', 'Snooze 8 h', 'Mute worker']);
      for (const button of buttons) assert.ok(Buffer.byteLength(button.callback_data) <= 64, 'callback_data within 64 bytes');

      // The same message's button pressed in another chat (the bot was added there too) is ignored.
      tg.press(message, 'Snooze 1 h', OTHER_CHAT);
      tg.queueRaw({ callback_query: { id: 'q-forged', message: { message_id: 1, chat: { id: Number(CHAT_ID) } }, data: 'snooze-8h:AAAAAAAAAAAAAAAAAAAAAAAA' } });
      tg.queueRaw({ callback_query: 'not an object' });
      tg.queueRaw({ message: { chat: null, text: '/status' } });
      tg.queueRaw({ edited_message: { chat: { id: Number(CHAT_ID) } } });
      await waitFor(() => tg.answers.some((answer) => answer.callback_query_id === 'q-forged'), 5_000, 'the forged press answered');
      assert.match(tg.answers.find((answer) => answer.callback_query_id === 'q-forged')?.text ?? '', /not known to PoolWatch/);
      assert.equal(h.poolWatch.alerts.snoozes().length, 0, 'nothing snoozed by another chat or a forged token');

      const pressed = tg.press(message, 'Snooze 1 h');
      await waitFor(() => h.poolWatch.alerts.snoozes().length === 1, 5_000, 'the snooze');
      const active = (await h.poolWatch.handle('alerts:active', {})).find((alert) => alert.scope.worker === victims[0] && alert.state === 'firing');
      assert.equal(active?.snoozed, true);
      await waitFor(() => tg.answers.length === 2, 5_000, 'answerCallbackQuery');
      assert.match(tg.answers[1]?.text ?? '', /^Snoozed 1 alert for 1 h\.$/);
      // Each update handed out once: the offset confirmed it.
      await waitFor(() => tg.polls.length > 0 && (tg.polls.at(-1)?.offset ?? 0) > pressed, 5_000, 'the offset moving past the press');
      assert.ok([...tg.deliveries.values()].every((count) => count === 1), `updates delivered once each: ${JSON.stringify([...tg.deliveries])}`);
      assert.equal(tg.answers.filter((answer) => answer.text?.startsWith('Snoozed')).length, 1);
      assertNoSecretsLogged(h.logger.lines, [BOT_TOKEN, BOT_TOKEN.split(':')[1] as string]);
    } finally {
      await h.close();
      await tg.close();
    }
  });

  it('/status and /payouts answer from the snapshot in the configured chat only', async () => {
    const tg = await startTelegramSim({ botToken: BOT_TOKEN });
    const h = await harness({ telegramApiBase: tg.url });
    try {
      await h.poolWatch.handle('channels:save', { channel: telegramDraft(), secrets: { botToken: BOT_TOKEN } });
      h.replies.start();
      await h.raiseOffline(2);
      const before = tg.sent.length;
      tg.say(OTHER_CHAT, '/status');
      tg.say(CHAT_ID, '/status@PoolWatchBot');
      await waitFor(() => tg.sent.length > before, 5_000, 'the /status answer');
      tg.say(CHAT_ID, '/payouts');
      await waitFor(() => tg.sent.length > before + 1, 5_000, 'the /payouts answer');
      await delay(300);
      const answers = tg.sent.slice(before);
      assert.equal(answers.length, 2, 'nothing sent to the other chat');
      assert.ok(answers.every((answer) => answer.chat_id === CHAT_ID));
      const summary = h.poolWatch.summaries().find((account) => account.id === 'farm');
      assert.ok(summary);
      assert.match(answers[0]?.text ?? '', new RegExp(`Main farm \\(SBI Crypto Pool\\): ok\\nHashrate .+ · workers ${summary.workers.online} online, ${summary.workers.offline} offline, ${summary.workers.dead} dead of ${summary.workers.total}`));
      assert.equal(summary.workers.offline, 2);
      assert.match(answers[1]?.text ?? '', /^Main farm:\nUnpaid: /);
    } finally {
      await h.close();
      await tg.close();
    }
  });
});

describe('phone actions: one bot for several chats (a customer each)', () => {
  it('reads getUpdates once for the bot and answers each chat for its own channel and routes', async () => {
    const tg = await startTelegramSim({ botToken: BOT_TOKEN });
    const h = await harness({ telegramApiBase: tg.url });
    try {
      await h.poolWatch.handle('channels:save', { channel: telegramDraft(), secrets: { botToken: BOT_TOKEN } });
      await h.poolWatch.handle('channels:save', {
        channel: { ...telegramDraft(), label: 'Customer', settings: { chatId: OTHER_CHAT }, routes: { accounts: [], groups: [{ accountId: 'farm', group: 'other-customer' }], rules: [] } },
        secrets: { botToken: BOT_TOKEN },
      });
      h.replies.start();
      await h.raiseOffline(1);
      const before = tg.sent.length;
      tg.say(CHAT_ID, '/status');
      tg.say(OTHER_CHAT, '/status');
      await waitFor(() => tg.sent.length >= before + 2, 5_000, 'both chats answered');
      await delay(1_200); // past one long poll: a second reader would have been refused by now
      const answers = tg.sent.slice(before);
      assert.match(answers.find((answer) => answer.chat_id === CHAT_ID)?.text ?? '', /^Main farm \(SBI Crypto Pool\)/);
      assert.equal(answers.find((answer) => answer.chat_id === OTHER_CHAT)?.text, 'PoolWatch watches no accounts for this chat.', 'the customer sees only its routes');
      assert.equal(tg.conflicts(), 0, 'one getUpdates reader for the bot');
    } finally {
      await h.close();
      await tg.close();
    }
  });
});

describe('phone actions: a refused subscription is retried and worded without its secrets', () => {
  it('a wrong bot token and a reply topic the access token may not read are logged by host and status only', async () => {
    const tg = await startTelegramSim({ botToken: '111111111:AAOtherBotTokenNotOurs_abcdefghij12' });
    const ntfy = await startNtfySim({ accessToken: 'tk_serverWantsThisOne000000000000' });
    const h = await harness({ telegramApiBase: tg.url });
    try {
      await h.poolWatch.handle('channels:save', { channel: telegramDraft(), secrets: { botToken: BOT_TOKEN } });
      const view = await h.poolWatch.handle('channels:save', { channel: ntfyDraft(ntfy.url), secrets: { topic: NTFY_TOPIC, accessToken: NTFY_ACCESS } });
      const replyTopic = (await h.secrets.get(`channel-${view.id}`, 'replyTopic')) ?? '';
      h.replies.start();
      const failures = (pattern: RegExp): number => h.logger.lines.filter((line) => pattern.test(line)).length;
      await waitFor(() => failures(/Telegram rejected the bot token \(HTTP 401\)/) >= 2, 5_000, 'the bot retried after a 401');
      await waitFor(() => failures(/refused the subscription to the reply topic \(HTTP 403\)/) >= 2, 5_000, 'the subscription retried after a 403');
      assertNoSecretsLogged(h.logger.lines, [BOT_TOKEN, BOT_TOKEN.split(':')[1] as string, NTFY_ACCESS, replyTopic, NTFY_TOPIC]);
    } finally {
      await h.close();
      await ntfy.close();
      await tg.close();
    }
  });
});
