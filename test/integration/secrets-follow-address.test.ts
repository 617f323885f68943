import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChannelDraft } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { SettingsStore } from '../../main/store/settings-store';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// A stored secret belongs to the address it was saved for. Pointing an account or a channel at another
// address must not send it there unless the user types it again: in the engine, whatever the form does.
describe('stored secrets stay with their address', () => {
  let sim: SbiSim;
  let other: WebhookReceiver;
  before(async () => {
    sim = await startSbiSim({ seed: 31, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 3 }] });
    other = await startWebhookReceiver();
  });
  after(async () => {
    await other.close();
    await sim.close();
  });

  async function savedAccount() {
    const secrets = memorySecrets();
    const engine = new Engine({ config: memoryConfig(), secrets, logger: captureLogger(), env: {}, httpLimits: { maxRetries: 0, timeoutMs: 2000 } });
    await engine.load();
    const view = await new AccountEditor(engine).handle('accounts:save', {
      account: { pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: sim.url },
      secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret },
    });
    return { engine, secrets, id: view.id };
  }

  it('accounts:test with a new address and no typed secrets sends nothing there and says what to do', async () => {
    const { engine, id } = await savedAccount();
    const before = other.requests.length;
    const result = await new AccountEditor(engine).handle('accounts:test', { account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: other.url }, secrets: {} });
    assert.equal(result.ok, false);
    assert.match(result.message ?? '', /Main farm/);
    assert.match(result.message ?? '', /type the API key and API secret again to send them to the new address/);
    assert.equal(other.requests.length, before, 'no request reached the new address');
    // The same address with the stored secrets still works, and typing them again allows the new one.
    assert.equal((await new AccountEditor(engine).handle('accounts:test', { account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: sim.url }, secrets: {} })).ok, true);
    await new AccountEditor(engine).handle('accounts:test', {
      account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: other.url },
      secrets: { apiKey: 'typed-key-again', apiSecret: 'typed-secret-again' },
    });
    assert.ok(other.requests.length > before, 'typed secrets are sent to the new address');
  });

  it('accounts:test refuses when only some secrets are typed again, naming the ones missing', async () => {
    const { engine, id } = await savedAccount();
    const before = other.requests.length;
    const result = await new AccountEditor(engine).handle('accounts:test', {
      account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: other.url },
      secrets: { apiKey: sim.fullKey.apiKey },
    });
    assert.equal(result.ok, false);
    assert.match(result.message ?? '', /type the API secret again/);
    assert.equal(other.requests.length, before);
  });

  it('accounts:save with a new address and "keep stored" secrets is refused and changes nothing', async () => {
    const { engine, id, secrets } = await savedAccount();
    await assert.rejects(
      new AccountEditor(engine).handle('accounts:save', { account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: other.url }, secrets: {} }),
      (error: Error) => /Main farm/.test(error.message) && /type the API key and API secret again/.test(error.message),
    );
    assert.equal((await new AccountEditor(engine).handle('accounts:list', {}))[0]?.baseUrl, sim.url);
    assert.equal(await secrets.get(id, 'apiSecret'), sim.fullKey.apiSecret);
    // The address back to its default counts as a change too; typing the secrets again saves.
    const saved = await new AccountEditor(engine).handle('accounts:save', {
      account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key', baseUrl: other.url },
      secrets: { apiKey: 'new-key', apiSecret: 'new-secret' },
    });
    assert.equal(saved.baseUrl, other.url);
    await assert.rejects(
      new AccountEditor(engine).handle('accounts:save', { account: { id, pool: 'sbi', label: 'Main farm', mode: 'api-key' }, secrets: {} }),
      /type the API key and API secret again/,
    );
    engine.stop();
  });

  it('a changed ntfy server needs the topic and token typed again, for a test and for a save', async () => {
    const settings = new SettingsStore(memoryConfig());
    await settings.load();
    const service = new ChannelService({ settings, secrets: memorySecrets(), logger: captureLogger(), clock: new FakeClock(), env: {}, sleep: async () => {} });
    const draft: ChannelDraft = { kind: 'ntfy', label: 'Phone', enabled: true, minSeverity: 'info', settings: { server: sim.url } };
    const { id } = await service.save(draft, { topic: 'rigs-topic-5d1f', accessToken: 'tk_ntfysecret0123456789abcdef' });
    const moved = { ...draft, id, settings: { server: other.url } };
    const before = other.requests.length;

    const test = await service.test(moved, {});
    assert.equal(test.ok, false);
    assert.match(test.message, /Phone/);
    assert.match(test.message, /type the Topic and Access token again to send them to the new server/);
    await assert.rejects(service.save(moved, { topic: 'rigs-topic-5d1f' }), /type the Access token again/);
    assert.equal(other.requests.length, before, 'nothing reached the new server');
    assert.equal((await service.list())[0]?.settings.server, sim.url);

    const saved = await service.save(moved, { topic: 'rigs-topic-5d1f', accessToken: 'tk_ntfysecret0123456789abcdef' });
    assert.equal(saved.settings.server, other.url);
    // Settings that are not the address (the label) still keep the stored secrets.
    assert.equal((await service.save({ ...moved, label: 'Phone 2' }, {})).label, 'Phone 2');
  });
});
