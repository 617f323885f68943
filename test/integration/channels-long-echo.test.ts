// Every notification channel: an endpoint answering with a long error that echoes its URL and token, placed across
// the point where the quote is cut, leaks no 6-character piece of a token (redact first, then cut), and an absurd
// retry_after is capped like every wait.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChannelDraft, ChannelKind } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { MAX_DELAY_MS } from '../../main/base/safe-delay';
import { SettingsStore } from '../../main/store/settings-store';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { secretFragmentsIn } from '../support/pool-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const draft = (kind: ChannelKind, settings: Record<string, string> = {}): ChannelDraft => ({ kind, label: `${kind} channel`, enabled: true, minSeverity: 'info', settings });

interface KindCase {
  kind: ChannelKind;
  draft(base: string): ChannelDraft;
  secrets(base: string): Record<string, string>;
  /** The secret parts of those values (a URL's host is not a secret). */
  tokens: string[];
}

const CASES: KindCase[] = [
  { kind: 'webhook', draft: () => draft('webhook'), secrets: (base) => ({ url: `${base}/hooks/whsec-8e7d6c5b4a39?key=QueryKey42zz` }), tokens: ['whsec-8e7d6c5b4a39', 'QueryKey42zz'] },
  {
    kind: 'discord',
    draft: () => draft('discord'),
    secrets: (base) => ({ url: `${base}/api/webhooks/9876543210987654321/DiscTok_zYxWvUtSrQpOnMlKjIhGfEdCbA987654` }),
    tokens: ['9876543210987654321', 'DiscTok_zYxWvUtSrQpOnMlKjIhGfEdCbA987654'],
  },
  { kind: 'slack', draft: () => draft('slack'), secrets: (base) => ({ url: `${base}/services/T09ZYXWVU/B08TSRQPO/SlackTokAbCdEfGhIjKlMnOp` }), tokens: ['T09ZYXWVU', 'B08TSRQPO', 'SlackTokAbCdEfGhIjKlMnOp'] },
  { kind: 'telegram', draft: () => draft('telegram', { chatId: '-1009876543210' }), secrets: () => ({ botToken: '987654321:AAGq7ZkP3vXw_9nB2mLtR8sYc4dHf6Jx' }), tokens: ['987654321:AAGq7ZkP3vXw_9nB2mLtR8sYc4dHf6Jx'] },
  { kind: 'ntfy', draft: (base) => draft('ntfy', { server: base }), secrets: () => ({ topic: 'farm-alerts-4d2b8f', accessToken: 'tk_anotherntfysecret9876543210' }), tokens: ['farm-alerts-4d2b8f', 'tk_anotherntfysecret9876543210'] },
];

describe('channels: long errors echoing the token', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
  });

  async function service(): Promise<{ channels: ChannelService; logger: ReturnType<typeof captureLogger> }> {
    const settings = new SettingsStore(memoryConfig());
    await settings.load();
    const logger = captureLogger();
    const channels = new ChannelService({ settings, secrets: memorySecrets(), logger, clock: new FakeClock(), env: {}, sleep: async () => {}, telegramApiBase: receiver.url, timeoutMs: 1_000 });
    return { channels, logger };
  }

  for (const testCase of CASES) {
    it(`${testCase.kind}: no 6-character piece of a token in any test result or log line, wherever the cut falls`, async () => {
      const { channels, logger } = await service();
      const secrets = testCase.secrets(receiver.url);
      const echoed = [...Object.values(secrets), ...testCase.tokens].join(' | ');
      const messages: string[] = [];
      for (let padding = 0; padding <= 240; padding += 6) {
        for (const status of [400, 500]) {
          receiver.answer([{ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: `${'x'.repeat(padding)} cannot POST ${echoed}` }) }]);
          const result = await channels.test(testCase.draft(receiver.url), secrets);
          assert.equal(result.ok, false);
          messages.push(result.message);
        }
      }
      assert.ok(messages.some((message) => message.includes('It said: "xxxx')), 'the answer is quoted');
      assert.deepEqual(secretFragmentsIn([...messages, ...logger.lines].join('\n'), testCase.tokens), []);
    });
  }

  it('an absurd retry_after is capped at the longest wait', async () => {
    const { channels } = await service();
    receiver.answer([{ status: 429, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ retry_after: 1e15 }) }]);
    const result = await channels.test(draft('discord'), { url: `${receiver.url}/api/webhooks/1/abc` });
    assert.match(result.message, new RegExp(`asked to wait ${MAX_DELAY_MS / 1000} s`));
  });
});
