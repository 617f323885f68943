import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ChannelDraft } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { refusedUrl, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const TELEGRAM_TOKEN = '123456789:AAHsecretTelegramToken_0123456789abc';
const NTFY_TOPIC = 'rigs-topic-7c3e9a';
const NTFY_TOKEN = 'tk_ntfysecret0123456789abcdef';

describe('channels: send test', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.answer([]);
  });

  async function setup(options: { timeoutMs?: number; telegramApiBase?: string } = {}) {
    const config = memoryConfig();
    const settings = new SettingsStore(config);
    await settings.load();
    const secrets = memorySecrets();
    const logger = captureLogger();
    const waits: number[] = [];
    const service = new ChannelService({
      settings,
      secrets,
      logger,
      clock: new FakeClock(),
      env: {},
      sleep: async (ms) => {
        waits.push(ms);
      },
      telegramApiBase: options.telegramApiBase ?? receiver.url,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
    return { config, secrets, logger, service, waits };
  }

  const draft = (kind: ChannelDraft['kind'], settings: Record<string, string> = {}): ChannelDraft => ({
    kind,
    label: 'Alerts',
    enabled: true,
    minSeverity: 'warning',
    settings,
  });

  it('posts a real test message for each kind, saving nothing', async () => {
    const { service, config, secrets } = await setup();
    const cases: Array<{ draft: ChannelDraft; secrets: Record<string, string>; path: string; expect: string }> = [
      { draft: draft('webhook'), secrets: { url: `${receiver.url}/hooks/wh-9f8e7d6c` }, path: '/hooks/wh-9f8e7d6c', expect: 'The webhook accepted the test message (HTTP 200).' },
      { draft: draft('discord'), secrets: { url: `${receiver.url}/api/webhooks/123/tok` }, path: '/api/webhooks/123/tok?wait=true', expect: 'Discord accepted the test message (HTTP 200).' },
      { draft: draft('slack'), secrets: { url: `${receiver.url}/services/T1/B2/xyz` }, path: '/services/T1/B2/xyz', expect: 'Slack accepted the test message (HTTP 200).' },
      { draft: draft('telegram', { chatId: '-1001234567890' }), secrets: { botToken: TELEGRAM_TOKEN }, path: `/bot${TELEGRAM_TOKEN}/sendMessage`, expect: 'Telegram accepted the test message (HTTP 200).' },
      { draft: draft('ntfy', { server: receiver.url }), secrets: { topic: NTFY_TOPIC, accessToken: NTFY_TOKEN }, path: `/${NTFY_TOPIC}`, expect: 'The ntfy server accepted the test message (HTTP 200).' },
    ];
    for (const testCase of cases) {
      const result = await service.test(testCase.draft, testCase.secrets);
      assert.deepEqual(result, { ok: true, message: testCase.expect }, testCase.draft.kind);
      const request = receiver.requests.at(-1);
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, testCase.path);
    }
    assert.equal(receiver.requests.length, 5);
    const [webhook, discord, slack, telegram, ntfy] = receiver.requests;
    assert.equal((JSON.parse(webhook?.body ?? '{}') as { title: string }).title, 'PoolWatch test message');
    assert.equal((JSON.parse(discord?.body ?? '{}') as { embeds: Array<{ title: string }> }).embeds[0]?.title, 'PoolWatch test message');
    assert.match((JSON.parse(slack?.body ?? '{}') as { text: string }).text, /^PoolWatch test message: The channel "Alerts" works/);
    assert.deepEqual(JSON.parse(telegram?.body ?? '{}'), {
      chat_id: '-1001234567890',
      text: '🟠 PoolWatch test message\n\nThe channel "Alerts" works: PoolWatch alerts will arrive here.',
      disable_web_page_preview: true,
    });
    assert.equal(ntfy?.headers.title, 'PoolWatch test message');
    assert.equal(ntfy?.headers.authorization, `Bearer ${NTFY_TOKEN}`);
    assert.equal(ntfy?.headers.priority, 'default');
    assert.equal(ntfy?.body, 'The channel "Alerts" works: PoolWatch alerts will arrive here.');
    assert.equal(config.saved.length, 0);
    assert.equal(secrets.entries.size, 0);
  });

  it('tests a saved channel with its stored secret when none is typed', async () => {
    const { service } = await setup();
    await service.save(draft('slack'), { url: `${receiver.url}/services/T1/B2/stored` });
    const result = await service.test({ ...draft('slack'), id: 'alerts' }, { url: '' });
    assert.equal(result.ok, true);
    assert.equal(receiver.requests.at(-1)?.path, '/services/T1/B2/stored');
    assert.deepEqual(await service.test(draft('slack'), {}), { ok: false, message: 'Enter the Slack webhook URL.' });
  });

  it('says exactly what failed, after one attempt', async () => {
    const { service, waits } = await setup({ timeoutMs: 300 });
    const webhook = draft('webhook');
    const url = { url: `${receiver.url}/hooks/wh-9f8e7d6c` };
    const expectations: Array<[Parameters<WebhookReceiver['answer']>[0][number], RegExp]> = [
      [404, /^The webhook answered HTTP 404: the webhook URL was not found/],
      [401, /^The webhook rejected the token in the webhook URL \(HTTP 401\)/],
      [403, /^The webhook rejected the token in the webhook URL \(HTTP 403\)/],
      [{ status: 500, body: 'database down' }, /^The webhook had a server error \(HTTP 500\)\. It said: "database down"\.$/],
      [{ status: 429, headers: { 'Retry-After': '30' } }, /^The webhook is rate-limiting messages \(HTTP 429\); it asked to wait 30 s\.$/],
      [{ status: 302, headers: { Location: 'https://elsewhere.example/' } }, /redirect \(HTTP 302\)/],
      ['reset', /^Could not deliver to http:\/\/127\.0\.0\.1:\d+: the connection was reset before it answered\.$/],
      ['hang', /^http:\/\/127\.0\.0\.1:\d+ did not answer within 1 s\.$/],
    ];
    for (const [answer, pattern] of expectations) {
      receiver.answer([answer]);
      const before = receiver.requests.length;
      const result = await service.test(webhook, url);
      assert.equal(result.ok, false);
      assert.match(result.message, pattern);
      assert.equal(receiver.requests.length, before + 1, 'one attempt');
    }
    assert.ok(receiver.requests.every((request) => !request.path.includes('elsewhere')));
    assert.deepEqual(waits, []);

    const refused = await service.test(webhook, { url: `${await refusedUrl()}/hooks/wh-9f8e7d6c` });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /^Could not connect to http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
  });

  it('names Discord, Telegram and ntfy problems in their own terms', async () => {
    const { service } = await setup();
    receiver.answer([{ status: 404, body: '{"message": "Unknown Webhook", "code": 10015}' }]);
    const discord = await service.test(draft('discord'), { url: `${receiver.url}/api/webhooks/123/tok` });
    assert.equal(discord.message, 'Discord answered HTTP 404: the webhook URL was not found (deleted or mistyped); copy it again. It said: "Unknown Webhook".');

    receiver.answer([{ status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' }]);
    const chat = await service.test(draft('telegram', { chatId: '42' }), { botToken: TELEGRAM_TOKEN });
    assert.match(chat.message, /^Telegram refused the message \(HTTP 400\): check the chat id.*"Bad Request: chat not found"\.$/);
    receiver.answer([{ status: 401, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' }]);
    assert.match((await service.test(draft('telegram', { chatId: '42' }), { botToken: TELEGRAM_TOKEN })).message, /^Telegram rejected the token \(HTTP 401\)/);

    receiver.answer([{ status: 403, body: '{"code":40301,"http":403,"error":"forbidden"}' }]);
    const ntfy = await service.test(draft('ntfy', { server: receiver.url }), { topic: NTFY_TOPIC });
    assert.match(ntfy.message, /^The ntfy server rejected the token \(HTTP 403\).*"forbidden"/);
  });

  it('reports an invalid draft as a failed test instead of sending', async () => {
    const { service } = await setup();
    const result = await service.test(draft('telegram', { chatId: 'my chat' }), { botToken: TELEGRAM_TOKEN });
    assert.equal(result.ok, false);
    assert.match(result.message, /^The chat id is a number/);
    assert.equal(receiver.requests.length, 0);
  });
});
