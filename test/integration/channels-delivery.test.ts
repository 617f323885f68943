import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ChannelDraft } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { MAX_PENDING } from '../../main/alerts/channels/delivery-queue';
import { KeychainUnavailableError, type SecretStore } from '../../main/secrets/secret-store';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { makeNotification } from '../unit/alerts/channels/make-notification';

describe('channels: background delivery', () => {
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

  async function setup(options: { timeoutMs?: number; secrets?: SecretStore; sleep?: (ms: number) => Promise<void> } = {}) {
    const settings = new SettingsStore(memoryConfig());
    await settings.load();
    const logger = captureLogger();
    const waits: number[] = [];
    const secrets = options.secrets ?? memorySecrets();
    const service = new ChannelService({
      settings,
      secrets,
      logger,
      clock: new FakeClock(),
      env: {},
      sleep: async (ms) => {
        waits.push(ms);
        await options.sleep?.(ms);
      },
      telegramApiBase: receiver.url,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
    const addWebhook = (path: string, overrides: Partial<ChannelDraft> = {}) =>
      service.save({ kind: 'webhook', label: path.slice(1), enabled: true, minSeverity: 'warning', settings: {}, ...overrides }, { url: `${receiver.url}${path}` });
    return { service, logger, waits, addWebhook, settings };
  }

  const idsAt = (path: string) => receiver.requestsTo(path).map((request) => (JSON.parse(request.body) as { id: string }).id);

  it('retries 5xx with 2 s then 10 s backoff, sending the same payload', async () => {
    const { service, waits, addWebhook, logger } = await setup();
    await addWebhook('/a');
    receiver.answer([500, 503, 200]);
    service.dispatch(makeNotification());
    await service.idle();
    assert.equal(receiver.requests.length, 3);
    assert.deepEqual(waits, [2_000, 10_000]);
    assert.equal(new Set(receiver.requests.map((request) => request.body)).size, 1);
    assert.deepEqual(
      logger.lines.filter((line) => line.includes('n-1')),
      [
        'info channel a: attempt 1 for n-1 failed: The webhook had a server error (HTTP 500). It said: "{"ok":false,"error_code":500}". Retrying in 2 s.',
        'info channel a: attempt 2 for n-1 failed: The webhook had a server error (HTTP 503). It said: "{"ok":false,"error_code":503}". Retrying in 10 s.',
        'info channel a: delivered n-1 on attempt 3',
      ],
    );
  });

  it('gives up after 5 attempts (2 s, 10 s, 60 s, 5 min) with a warning', async () => {
    const { service, waits, addWebhook, logger } = await setup();
    await addWebhook('/a');
    receiver.answer([], { then: 502 });
    service.dispatch(makeNotification());
    await service.idle();
    assert.equal(receiver.requests.length, 5);
    assert.deepEqual(waits, [2_000, 10_000, 60_000, 300_000]);
    assert.match(logger.lines.at(-1) ?? '', /^warn channel a: gave up delivering n-1 after 5 attempts: The webhook had a server error \(HTTP 502\)/);
  });

  it('honours Retry-After on 429, from the header or from Telegram\'s answer', async () => {
    const { service, waits, addWebhook } = await setup();
    await addWebhook('/a');
    receiver.answer([500, { status: 429, headers: { 'Retry-After': '1' } }, 200]);
    service.dispatch(makeNotification());
    await service.idle();
    assert.deepEqual(waits, [2_000, 1_000]);
    assert.equal(receiver.requests.length, 3);

    await service.remove('a');
    waits.length = 0;
    await service.save({ kind: 'telegram', label: 'Chat', enabled: true, minSeverity: 'info', settings: { chatId: '42' } }, { botToken: '123456789:AAHsecretTelegramToken_0123456789abc' });
    receiver.answer([{ status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}' }, 200]);
    service.dispatch(makeNotification({ id: 'n-2' }));
    await service.idle();
    assert.deepEqual(waits, [7_000]);
  });

  it('does not retry 4xx other than 408/429, and says the URL is wrong; 408 is retried', async () => {
    const { service, waits, addWebhook, logger } = await setup();
    await addWebhook('/a');
    receiver.answer([404]);
    service.dispatch(makeNotification());
    await service.idle();
    assert.equal(receiver.requests.length, 1);
    assert.deepEqual(waits, []);
    assert.match(logger.lines.at(-1) ?? '', /^warn channel a: could not deliver n-1, not retrying: The webhook answered HTTP 404: the webhook URL was not found/);

    receiver.answer([408, 200]);
    service.dispatch(makeNotification({ id: 'n-2' }));
    await service.idle();
    assert.deepEqual(waits, [2_000]);
    assert.equal(receiver.requests.length, 3);
  });

  it('sends only to enabled channels whose minimum severity the notification reaches', async () => {
    const { service, addWebhook } = await setup();
    await addWebhook('/critical-only', { minSeverity: 'critical' });
    await addWebhook('/warnings', { minSeverity: 'warning' });
    await addWebhook('/everything', { minSeverity: 'info' });
    await addWebhook('/off', { minSeverity: 'info', enabled: false });
    service.dispatch(makeNotification({ id: 'info', severity: 'info' }));
    service.dispatch(makeNotification({ id: 'warn', severity: 'warning' }));
    service.dispatch(makeNotification({ id: 'crit', severity: 'critical' }));
    await service.idle();
    assert.deepEqual(idsAt('/critical-only'), ['crit']);
    assert.deepEqual(idsAt('/warnings'), ['warn', 'crit']);
    assert.deepEqual(idsAt('/everything'), ['info', 'warn', 'crit']);
    assert.deepEqual(idsAt('/off'), []);
  });

  it('does not let a hanging channel delay another', async () => {
    const { service, addWebhook } = await setup({ timeoutMs: 60_000 });
    await addWebhook('/slow');
    await addWebhook('/fast');
    receiver.answer(['hang'], { path: '/slow' });
    const started = Date.now();
    service.dispatch(makeNotification());
    await receiver.waitForRequests(1, { path: '/fast', timeoutMs: 2_000 });
    assert.ok(Date.now() - started < 2_000);
    await receiver.waitForRequests(1, { path: '/slow', timeoutMs: 2_000 });
    assert.equal(receiver.hanging, 1, 'the slow channel is still waiting for its answer');
    service.dispatch(makeNotification({ id: 'n-2' }));
    await receiver.waitForRequests(2, { path: '/fast', timeoutMs: 2_000 });
    assert.deepEqual(idsAt('/slow'), ['n-1']);
    service.stop();
    await service.idle();
    assert.ok(Date.now() - started < 5_000, 'stop() cancels the hanging request');
  });

  it('keeps at most 100 waiting per channel, dropping the oldest with a log line', async () => {
    const { service, addWebhook, logger } = await setup({ timeoutMs: 300 });
    await addWebhook('/a');
    receiver.answer(['hang']);
    service.dispatch(makeNotification({ id: 'n-0' }));
    await receiver.waitForRequests(1);
    for (let i = 1; i <= MAX_PENDING + 3; i += 1) service.dispatch(makeNotification({ id: `n-${i}` }));
    await service.idle();
    const ids = idsAt('/a');
    assert.deepEqual(ids.slice(0, 3), ['n-0', 'n-0', 'n-4'], 'the timed-out first one is retried, then the oldest kept');
    assert.equal(ids.length, MAX_PENDING + 2);
    assert.ok(!ids.includes('n-1') && !ids.includes('n-2') && !ids.includes('n-3'));
    assert.equal(ids.at(-1), `n-${MAX_PENDING + 3}`);
    const drops = logger.lines.filter((line) => line.startsWith('warn channel a: 100 notifications are already waiting; dropped the oldest'));
    assert.deepEqual(drops.map((line) => /\((n-\d+):/.exec(line)?.[1]), ['n-1', 'n-2', 'n-3']);
  });

  it('never throws from dispatch: a broken secret store is logged, a locked keychain retried', async () => {
    let locked = true;
    const inner = memorySecrets();
    const flaky: SecretStore = {
      ...inner,
      get: async (account, field) => {
        if (locked) {
          locked = false;
          throw new KeychainUnavailableError('the keychain is locked');
        }
        return inner.get(account, field);
      },
    };
    const { service, addWebhook, waits } = await setup({ secrets: flaky });
    await addWebhook('/a');
    locked = true;
    assert.doesNotThrow(() => service.dispatch(makeNotification()));
    await service.idle();
    assert.deepEqual(waits, [2_000]);
    assert.deepEqual(idsAt('/a'), ['n-1']);

    const broken: SecretStore = { ...inner, get: async () => Promise.reject(new Error('bus exploded')) };
    const second = await setup({ secrets: broken });
    await second.settings.update((config) => ({ ...config, channels: [{ id: 'b', kind: 'webhook', label: 'B', enabled: true, minSeverity: 'info', settings: {}, secrets: { url: { keychain: true } } }] }));
    assert.doesNotThrow(() => second.service.dispatch(makeNotification()));
    await second.service.idle();
    assert.ok(second.logger.lines.some((line) => line === 'error channel b: delivery of n-1 failed unexpectedly: bus exploded'), second.logger.lines.join('\n'));
  });

  it('delivers with the channel as configured at each attempt (an edited URL is used by the retry)', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, addWebhook, waits } = await setup({ sleep: () => gate });
    await addWebhook('/old');
    receiver.answer([500], { path: '/old' });
    service.dispatch(makeNotification());
    await receiver.waitForRequests(1, { path: '/old' });
    while (waits.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await service.save({ id: 'old', kind: 'webhook', label: 'old', enabled: true, minSeverity: 'warning', settings: {} }, { url: `${receiver.url}/new` });
    release();
    await service.idle();
    assert.equal(receiver.requestsTo('/old').length, 1);
    assert.deepEqual(idsAt('/new'), ['n-1']);
  });
});
