import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChannelViewSchema, ContractError, type ChannelDraft } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { KeychainUnavailableError, type SecretStore } from '../../main/secrets/secret-store';
import type { ConfigRepository } from '../../main/store/config-repository';
import type { AppConfigInput } from '../../main/store/config-schema';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { makeNotification } from '../unit/alerts/channels/make-notification';

describe('channels: save, list, remove', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
  });

  const discordUrl = () => `${receiver.url}/api/webhooks/1234567890123456789/DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789`;

  async function setup(options: { initial?: AppConfigInput; secrets?: SecretStore; repository?: ConfigRepository; env?: Record<string, string> } = {}) {
    const config = memoryConfig(options.initial ?? { accounts: [] });
    const settings = new SettingsStore(options.repository ?? config);
    await settings.load();
    const secrets = memorySecrets();
    const logger = captureLogger();
    const service = new ChannelService({
      settings,
      secrets: options.secrets ?? secrets,
      logger,
      clock: new FakeClock(),
      env: options.env ?? {},
      sleep: async () => {},
    });
    return { config, settings, secrets, logger, service };
  }

  const discord = (overrides: Partial<ChannelDraft> = {}): ChannelDraft => ({
    kind: 'discord',
    label: 'Team Discord',
    enabled: true,
    minSeverity: 'warning',
    settings: {},
    ...overrides,
  });

  it('saves the URL to the keychain under channel-<id> and only a reference to the config; list shows hasSecret', async () => {
    const { service, config, secrets, logger } = await setup();
    const view = await service.save(discord(), { url: discordUrl() });
    assert.deepEqual(view, {
      id: 'team-discord',
      kind: 'discord',
      label: 'Team Discord',
      enabled: true,
      minSeverity: 'warning',
      settings: {},
      secrets: [{ field: 'url', hasSecret: true }],
    });
    assert.deepEqual([...secrets.entries.keys()], ['channel-team-discord/url']);
    assert.equal(secrets.entries.get('channel-team-discord/url'), discordUrl());
    assert.deepEqual(config.saved.at(-1)?.channels, [
      { id: 'team-discord', kind: 'discord', label: 'Team Discord', enabled: true, minSeverity: 'warning', settings: {}, secrets: { url: { keychain: true } } },
    ]);
    assert.deepEqual(await service.list(), [view]);
    assert.deepEqual(ChannelViewSchema.parse(view), view, 'the view satisfies the contract');
    const token = 'DiscordTok_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
    assert.ok(!JSON.stringify(config.saved).includes(token));
    assert.ok(logger.lines.some((line) => line === 'info channel team-discord (discord): added'));
  });

  it('edits without retyping secrets, adds an optional one, and gives each new channel its own id', async () => {
    const { service, secrets } = await setup();
    const draft: ChannelDraft = { kind: 'ntfy', label: 'Phone', enabled: true, minSeverity: 'info', settings: { server: receiver.url } };
    const first = await service.save(draft, { topic: 'rigs-topic-7c3e9a', accessToken: '' });
    assert.deepEqual(first.secrets, [
      { field: 'topic', hasSecret: true },
      { field: 'accessToken', hasSecret: false },
    ]);
    const edited = await service.save({ ...draft, id: 'phone', label: 'Phone (Anna)', enabled: false }, { topic: '', accessToken: 'tk_ntfysecret0123456789abcdef' });
    assert.equal(edited.id, 'phone');
    assert.equal(edited.label, 'Phone (Anna)');
    assert.equal(edited.enabled, false);
    assert.deepEqual(edited.settings, { server: receiver.url });
    assert.deepEqual(edited.secrets, [
      { field: 'topic', hasSecret: true },
      { field: 'accessToken', hasSecret: true },
    ]);
    assert.equal(await secrets.get('channel-phone', 'topic'), 'rigs-topic-7c3e9a');
    const twin = await service.save(draft, { topic: 'other-topic' });
    assert.match(twin.id, /^phone-[0-9a-f]{4}$/);
    assert.equal((await service.list()).length, 2);
  });

  it('removes a channel with its keychain entries and drops its queued deliveries', async () => {
    const { service, secrets, config } = await setup();
    await service.save({ kind: 'telegram', label: 'Ops chat', enabled: true, minSeverity: 'warning', settings: { chatId: '-1001234567890' } }, { botToken: '123456789:AAHsecretTelegramToken_0123456789abc' });
    await service.save(discord(), { url: discordUrl() });
    assert.equal(secrets.entries.size, 2);
    assert.deepEqual(await service.remove('ops-chat'), { removed: true });
    assert.deepEqual([...secrets.entries.keys()], ['channel-team-discord/url']);
    assert.deepEqual(config.saved.at(-1)?.channels.map((channel) => channel.id), ['team-discord']);
    assert.deepEqual(await service.remove('ops-chat'), { removed: false });

    receiver.answer(['hang']);
    const before = receiver.requests.length;
    service.dispatch(makeNotification());
    await receiver.waitForRequests(before + 1);
    assert.deepEqual(await service.remove('team-discord'), { removed: true });
    await service.idle();
    assert.equal(receiver.requests.length, before + 1, 'no retry after removal');
    assert.equal(secrets.entries.size, 0);
    receiver.answer([]);
  });

  it('refuses invalid drafts with invalid_request and never echoes the URL', async () => {
    const { service, config, secrets } = await setup();
    const expectError = async (run: () => Promise<unknown>, code: string, pattern: RegExp) => {
      await assert.rejects(run, (error: unknown) => {
        assert.ok(error instanceof ContractError, String(error));
        assert.equal(error.code, code);
        assert.match(error.message, pattern);
        assert.ok(!error.message.includes('s3cr3tPathToken'), error.message);
        return true;
      });
    };
    await expectError(() => service.save(discord(), { url: 'http://discord.example/api/webhooks/1/s3cr3tPathToken' }), 'invalid_request', /must use https:\/\//);
    await expectError(() => service.save(discord(), { url: 'https://hooks.slack.com/services/T1/B2/s3cr3tPathToken' }), 'invalid_request', /not a Discord webhook URL/);
    await expectError(() => service.save(discord(), {}), 'invalid_request', /Enter the Discord webhook URL/);
    await expectError(() => service.save(discord({ settings: { url: 'https://discord.com/api/webhooks/1/s3cr3tPathToken' } }), {}), 'invalid_request', /is secret/);
    await expectError(() => service.save({ kind: 'telegram', label: 'T', enabled: true, minSeverity: 'info', settings: { chatId: 'me' } }, { botToken: '1:s3cr3tPathToken' }), 'invalid_request', /bot token/);
    await expectError(() => service.save(discord({ id: 'nope' }), { url: discordUrl() }), 'not_found', /no notification channel "nope"/);
    await expectError(() => service.save(discord({ label: '  ' }), { url: discordUrl() }), 'invalid_request', /Invalid channel: label/);
    await service.save(discord(), { url: discordUrl() });
    await expectError(() => service.save({ ...discord({ id: 'team-discord' }), kind: 'slack' }, { url: `${receiver.url}/services/x` }), 'invalid_request', /kind of an existing channel cannot change/);
    assert.equal(config.saved.length, 1);
    assert.equal(secrets.entries.size, 1);
  });

  it('reports a locked keychain as keychain_unavailable and writes no config', async () => {
    const locked: SecretStore = {
      get: async () => {
        throw new KeychainUnavailableError('locked');
      },
      set: async () => {
        throw new KeychainUnavailableError('locked');
      },
      delete: async () => false,
    };
    const { service, config } = await setup({ secrets: locked });
    await assert.rejects(() => service.save(discord(), { url: discordUrl() }), (error: unknown) => error instanceof ContractError && error.code === 'keychain_unavailable');
    assert.equal(config.saved.length, 0);
    // The way out it offers fits any record: no pool's variable for a webhook (issue 12), and the file store named.
    const message = await service.save(discord(), { url: discordUrl() }).then(
      () => 'saved',
      (caught: unknown) => (caught as Error).message,
    );
    assert.doesNotMatch(message, /SBI/);
    assert.match(message, /--secret-store file/);
    assert.match(message, /\{"env": "VARIABLE_NAME"\}/);
  });

  it('takes back the new secrets when the config cannot be written', async () => {
    const failing: ConfigRepository = {
      location: '/readonly/config.json',
      load: async () => ({ accounts: [], channels: [] }),
      save: async () => {
        throw Object.assign(new Error('read-only'), { code: 'EROFS' });
      },
    };
    const { service, secrets } = await setup({ repository: failing });
    await assert.rejects(
      () => service.save(discord(), { url: discordUrl() }),
      (error: unknown) => error instanceof ContractError && error.code === 'config_error' && /\/readonly\/config\.json \(EROFS\)/.test(error.message),
    );
    assert.equal(secrets.entries.size, 0);
  });

  it('reads a hand-written {env} reference: hasSecret follows the variable and delivery uses it', async () => {
    const initial: AppConfigInput = { accounts: [], channels: [{ id: 'ops', kind: 'slack', label: 'Ops', secrets: { url: { env: 'POOLWATCH_SLACK_URL' } } }] };
    const missing = await setup({ initial });
    assert.deepEqual((await missing.service.list())[0]?.secrets, [{ field: 'url', hasSecret: false }]);
    const { service, logger } = await setup({ initial, env: { POOLWATCH_SLACK_URL: `${receiver.url}/services/T01/B02/envSlackToken123` } });
    assert.deepEqual((await service.list())[0], { id: 'ops', kind: 'slack', label: 'Ops', enabled: true, minSeverity: 'warning', settings: {}, secrets: [{ field: 'url', hasSecret: true }] });
    service.dispatch(makeNotification());
    await service.idle();
    assert.equal(receiver.requests.at(-1)?.path, '/services/T01/B02/envSlackToken123');
    missing.service.dispatch(makeNotification({ id: 'n-missing' }));
    await missing.service.idle();
    assert.ok(missing.logger.lines.some((line) => /warn channel ops: could not deliver n-missing, not retrying: The environment variable POOLWATCH_SLACK_URL/.test(line)), missing.logger.lines.join('\n'));
    assert.ok(logger.lines.every((line) => !line.includes('envSlackToken123')));
  });

  it('fails delivery and test with a reason when a hand-edited value cannot be used', async () => {
    const initial: AppConfigInput = { accounts: [], channels: [{ id: 'team', kind: 'discord', label: 'Team', minSeverity: 'info', secrets: { url: { env: 'POOLWATCH_DISCORD' } } }] };
    const { service, logger } = await setup({ initial, env: { POOLWATCH_DISCORD: 'discord.com/api/webhooks/1/s3cr3tPathToken' } });
    const result = await service.test({ id: 'team', kind: 'discord', label: 'Team', enabled: true, minSeverity: 'info', settings: {} }, {});
    assert.equal(result.ok, false);
    assert.match(result.message, /stored settings cannot be used/);
    service.dispatch(makeNotification());
    await service.idle();
    assert.match(logger.lines.at(-1) ?? '', /^warn channel team: could not deliver n-1, not retrying: The channel's stored settings cannot be used/);
    assert.ok([result.message, ...logger.lines].every((text) => !text.includes('s3cr3tPathToken')));
  });
});
