import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChannelDraft, ChannelKind } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { refusedUrl, startWebhookReceiver, type ReceiverAnswer, type WebhookReceiver } from '../support/webhook-receiver';
import { makeNotification } from '../unit/alerts/channels/make-notification';

const TELEGRAM_TOKEN = '123456789:AAHsecretTelegramToken_0123456789abc';

/** One channel of each kind, with the strings that must never show up outside the keychain. */
interface KindCase {
  kind: ChannelKind;
  draft(base: string): ChannelDraft;
  secrets(base: string): Record<string, string>;
  /** The URL the request goes to, as a server might echo it. */
  requestUrl(base: string): string;
  markers: string[];
}

const draft = (kind: ChannelKind, settings: Record<string, string> = {}): ChannelDraft => ({ kind, label: `${kind} channel`, enabled: true, minSeverity: 'info', settings });

const CASES: KindCase[] = [
  {
    kind: 'webhook',
    draft: () => draft('webhook'),
    secrets: (base) => ({ url: `${base}/hooks/whsec-9f8e7d6c5b4a3928?key=QueryKey77aa` }),
    requestUrl: (base) => `${base}/hooks/whsec-9f8e7d6c5b4a3928?key=QueryKey77aa`,
    markers: ['whsec-9f8e7d6c5b4a3928', 'QueryKey77aa'],
  },
  {
    kind: 'discord',
    draft: () => draft('discord'),
    secrets: (base) => ({ url: `${base}/api/webhooks/1234567890123456789/DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789` }),
    requestUrl: (base) => `${base}/api/webhooks/1234567890123456789/DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789?wait=true`,
    markers: ['1234567890123456789', 'DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
  },
  {
    kind: 'slack',
    draft: () => draft('slack'),
    secrets: (base) => ({ url: `${base}/services/T01ABCDEF/B02GHIJKL/SlackTokxYzAbCdEfGhIjKlM` }),
    requestUrl: (base) => `${base}/services/T01ABCDEF/B02GHIJKL/SlackTokxYzAbCdEfGhIjKlM`,
    markers: ['T01ABCDEF', 'B02GHIJKL', 'SlackTokxYzAbCdEfGhIjKlM'],
  },
  {
    kind: 'telegram',
    draft: () => draft('telegram', { chatId: '-1001234567890' }),
    secrets: () => ({ botToken: TELEGRAM_TOKEN }),
    requestUrl: (base) => `${base}/bot${TELEGRAM_TOKEN}/sendMessage`,
    markers: [TELEGRAM_TOKEN, 'AAHsecretTelegramToken_0123456789abc'],
  },
  {
    kind: 'ntfy',
    draft: (base) => draft('ntfy', { server: base }),
    secrets: () => ({ topic: 'rigs-topic-7c3e9a', accessToken: 'tk_ntfysecret0123456789abcdef' }),
    requestUrl: (base) => `${base}/rigs-topic-7c3e9a`,
    markers: ['rigs-topic-7c3e9a', 'tk_ntfysecret0123456789abcdef'],
  },
];

/** An error answer that repeats the request in every form a careless server might. */
function echo(status: number, url: string, markers: string[]): ReceiverAnswer {
  const parsed = new URL(url);
  const forms = [url, parsed.pathname + parsed.search, url.replaceAll('/', '\\/'), encodeURIComponent(url), ...markers];
  return { status, headers: { 'Content-Type': 'text/plain' }, body: `cannot POST ${forms.join(' | ')} (token ${markers.join(', ')})` };
}

describe('channels: secrets never reach logs, messages, errors or views', () => {
  let receiver: WebhookReceiver;
  let refused: string;
  before(async () => {
    receiver = await startWebhookReceiver();
    refused = await refusedUrl();
  });
  after(async () => {
    await receiver.close();
  });

  async function setup(telegramApiBase: string) {
    const config = memoryConfig();
    const settings = new SettingsStore(config);
    await settings.load();
    const logger = captureLogger();
    const service = new ChannelService({ settings, secrets: memorySecrets(), logger, clock: new FakeClock(), env: {}, sleep: async () => {}, telegramApiBase, timeoutMs: 300 });
    return { config, logger, service };
  }

  for (const testCase of CASES) {
    it(`${testCase.kind}: test failures, delivery logs, errors and views are redacted`, async () => {
      const { config, logger, service } = await setup(receiver.url);
      const texts: string[] = [];
      const url = testCase.requestUrl(receiver.url);

      const saved = await service.save(testCase.draft(receiver.url), testCase.secrets(receiver.url));
      texts.push(JSON.stringify(saved), JSON.stringify(await service.list()));

      for (const [answer, expected] of [
        [echo(404, url, testCase.markers), /HTTP 404/],
        [echo(401, url, testCase.markers), /HTTP 401/],
        [echo(403, url, testCase.markers), /HTTP 403/],
        [echo(500, url, testCase.markers), /HTTP 500/],
        ['reset', /reset/],
        ['hang', /did not answer within 1 s/],
      ] as const) {
        receiver.answer([answer]);
        const result = await service.test(testCase.draft(receiver.url), testCase.secrets(receiver.url));
        assert.equal(result.ok, false);
        assert.match(result.message, expected);
        texts.push(result.message);
      }

      // Refused: nothing listens at the address.
      const offline = await setup(refused);
      const refusedResult = await offline.service.test(testCase.draft(refused), testCase.secrets(refused));
      assert.match(refusedResult.message, /Could not connect to http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
      texts.push(refusedResult.message, ...offline.logger.lines);

      // Background delivery: 500s echoing the URL until it gives up, then a 403 echo, then a reset.
      receiver.answer([], { then: echo(500, url, testCase.markers) });
      service.dispatch(makeNotification({ id: 'n-500' }));
      await service.idle();
      receiver.answer([echo(403, url, testCase.markers)]);
      service.dispatch(makeNotification({ id: 'n-403' }));
      await service.idle();
      receiver.answer(['reset', 'hang', 200]);
      service.dispatch(makeNotification({ id: 'n-reset' }));
      await service.idle();
      assert.ok(logger.lines.some((line) => /gave up delivering n-500 after 5 attempts/.test(line)));
      assert.ok(logger.lines.some((line) => /could not deliver n-403/.test(line)));
      assert.ok(logger.lines.some((line) => /delivered n-reset on attempt 3/.test(line)));

      // Invalid input that contains the secret is refused without repeating it.
      const bad = { ...testCase.secrets(receiver.url) };
      const field = Object.keys(bad)[0] ?? '';
      bad[field] = `${bad[field]?.replace('http://', 'http://x.')} !`;
      await assert.rejects(() => service.save(testCase.draft('https://ntfy.example'), bad), (error: Error) => {
        texts.push(error.message);
        return true;
      });

      texts.push(...logger.lines, JSON.stringify(config.saved), JSON.stringify(await service.list()));
      for (const text of texts) {
        for (const marker of testCase.markers) assert.ok(!text.includes(marker), `leaked ${marker} in: ${text}`);
      }
      const redactedEchoes = texts.filter((text) => text.includes('[redacted]'));
      assert.ok(redactedEchoes.length >= 5, 'the echoed answers were quoted, redacted');
      assert.ok(texts.some((text) => text.includes(`It said: "cannot POST [redacted]`)));
    });
  }

  it('ntfy: the reply topic PoolWatch made and the access token in the buttons are redacted when a server echoes them', async () => {
    const config = memoryConfig();
    const settings = new SettingsStore(config);
    await settings.load();
    const logger = captureLogger();
    const secrets = memorySecrets();
    const service = new ChannelService({ settings, secrets, logger, clock: new FakeClock(), env: {}, sleep: async () => {}, timeoutMs: 300 });
    const access = 'tk_buttonsAccess0f1e2d3c4b5a6978';
    const saved = await service.save(draft('ntfy', { server: receiver.url }), { topic: 'phone-topic-e5d4c3b2', accessToken: access });
    const replyTopic = (await secrets.get(`channel-${saved.id}`, 'replyTopic')) ?? '';
    assert.match(replyTopic, /^pw-reply-[A-Za-z0-9_-]{22}$/);
    const echoed = `Actions: http, Snooze 1 h, ${receiver.url}/${replyTopic}, method=POST, headers.Authorization=Bearer ${access}`;
    receiver.answer([{ status: 403, headers: { 'Content-Type': 'text/plain' }, body: `forbidden: ${echoed} (${replyTopic})` }]);
    // After a restart: the service knows the reply topic only from the keychain, not from a save.
    const restarted = new ChannelService({ settings, secrets, logger, clock: new FakeClock(), env: {}, sleep: async () => {}, timeoutMs: 300 });
    restarted.dispatch(makeNotification({ id: 'n-buttons' }));
    await restarted.idle();
    assert.ok(logger.lines.some((line) => /could not deliver n-buttons/.test(line) && line.includes('[redacted]')), logger.lines.join('\n'));
    const texts = [...logger.lines, JSON.stringify(config.saved), JSON.stringify(await service.list())];
    for (const text of texts) for (const marker of [replyTopic, access, 'phone-topic-e5d4c3b2']) assert.ok(!text.includes(marker), `leaked ${marker} in: ${text}`);
  });

  it('redacts an answer before quoting it, so a quote cut mid-token leaks no part of it', async () => {
    const { service } = await setup(receiver.url);
    const token = 'DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
    const url = `${receiver.url}/api/webhooks/1234567890123456789/${token}`;
    // The 200-character quote would end inside the token if it were cut first.
    receiver.answer([{ status: 400, headers: { 'Content-Type': 'text/plain' }, body: `${'a'.repeat(190)} ${token}` }]);
    const result = await service.test(draft('discord'), { url });
    assert.match(result.message, /HTTP 400/);
    assert.ok(!result.message.includes(token.slice(0, 8)), result.message);
    assert.match(result.message, / \[redact/, 'the token was there, redacted');
  });
});
