import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContractError } from '../../shared/contract';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';
import { KeychainUnavailableError, type SecretStore } from '../../main/secrets/secret-store';

describe('adding, testing, editing and removing accounts', () => {
  let sim: SbiSim;
  before(async () => {
    sim = await startSbiSim({ seed: 11, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 12 }] });
  });
  after(async () => {
    await sim.close();
  });

  function setup(secrets: SecretStore = memorySecrets()) {
    const config = memoryConfig();
    const logger = captureLogger();
    const engine = new Engine({ config, secrets, logger, env: {}, httpLimits: { maxRetries: 0, timeoutMs: 2000 } });
    return { config, engine, logger, secrets };
  }

  const draft = () => ({ pool: 'sbi' as const, label: 'Main farm', mode: 'api-key', baseUrl: sim.url });

  it('tests a connection before saving: exact failure, then success, storing nothing', async () => {
    const { engine, config, secrets } = setup();
    await engine.start();
    const bad = await new AccountEditor(engine).handle('accounts:test', { account: draft(), secrets: { apiKey: sim.fullKey.apiKey, apiSecret: 'wrong-secret' } });
    assert.equal(bad.ok, false);
    assert.equal(bad.status, 'auth_error');
    assert.match(bad.message ?? '', /HTTP 401/);
    const good = await new AccountEditor(engine).handle('accounts:test', { account: draft(), secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret } });
    assert.equal(good.ok, true);
    assert.equal(good.workers?.total, 12);
    assert.deepEqual(good.groups, ['rigs']);
    assert.equal(config.saved.length, 0);
    assert.equal((secrets as ReturnType<typeof memorySecrets>).entries.size, 0);
    engine.stop();
  });

  it('saves secrets to the secret store and only references to the config; the UI sees hasSecret', async () => {
    const { engine, config, secrets, logger } = setup();
    await engine.start();
    const view = await new AccountEditor(engine).handle('accounts:save', {
      account: draft(),
      secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret },
    });
    assert.equal(view.id, 'main-farm');
    assert.deepEqual(view.credentials, [
      { field: 'apiKey', source: 'keychain', env: null, hasSecret: true },
      { field: 'apiSecret', source: 'keychain', env: null, hasSecret: true },
    ]);
    const saved = JSON.stringify(config.saved.at(-1));
    assert.ok(!saved.includes(sim.fullKey.apiSecret) && !saved.includes(sim.fullKey.apiKey));
    assert.deepEqual(config.saved.at(-1)?.accounts[0]?.credentials, { apiKey: { keychain: true }, apiSecret: { keychain: true } });
    assert.equal(await secrets.get('main-farm', 'apiSecret'), sim.fullKey.apiSecret);

    const list = JSON.stringify(await new AccountEditor(engine).handle('accounts:list', {}));
    assert.ok(!list.includes(sim.fullKey.apiSecret));
    await engine.handle('engine:poll-now', { accountId: 'main-farm' });
    await waitFor(() => engine.summaries()[0]?.status === 'ok');
    const state = JSON.stringify(await engine.handle('state:get', {}));
    assert.ok(!state.includes(sim.fullKey.apiSecret));
    assert.ok(logger.lines.every((line) => !line.includes(sim.fullKey.apiSecret)));
    engine.stop();
  });

  it('edits without retyping secrets, switches to observer mode (old secrets deleted), then removes', async () => {
    const { engine, config, secrets } = setup();
    await engine.start();
    await new AccountEditor(engine).handle('accounts:save', { account: draft(), secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret } });
    const renamed = await new AccountEditor(engine).handle('accounts:save', { account: { ...draft(), id: 'main-farm', label: 'Renamed', pollIntervalSec: 120 }, secrets: {} });
    assert.equal(renamed.label, 'Renamed');
    assert.equal(renamed.pollIntervalSec, 120);
    assert.equal(await secrets.get('main-farm', 'apiSecret'), sim.fullKey.apiSecret);

    const observer = sim.observerKeys[0]!;
    await new AccountEditor(engine).handle('accounts:save', { account: { ...draft(), id: 'main-farm', mode: 'observer' }, secrets: { observerKey: observer.key } });
    assert.equal(await secrets.get('main-farm', 'apiSecret'), null);
    assert.equal(await secrets.get('main-farm', 'observerKey'), observer.key);

    const removedEvents: string[] = [];
    engine.subscribe((event) => {
      if (event.channel === 'state:account-removed') removedEvents.push(event.payload.id);
    });
    await new AccountEditor(engine).handle('accounts:remove', { id: 'main-farm' });
    assert.deepEqual(removedEvents, ['main-farm']);
    assert.equal(await secrets.get('main-farm', 'observerKey'), null);
    assert.deepEqual(config.saved.at(-1)?.accounts, []);
    engine.stop();
  });

  it('refuses incomplete drafts and unknown ids with specific messages', async () => {
    const { engine } = setup();
    await engine.start();
    await assert.rejects(new AccountEditor(engine).handle('accounts:save', { account: draft(), secrets: { apiKey: 'only-key' } }), /Enter the apiSecret/);
    await assert.rejects(new AccountEditor(engine).handle('accounts:remove', { id: 'nope' }), (error: unknown) => error instanceof ContractError && error.code === 'not_found');
    await assert.rejects(engine.handle('workers:get', { accountId: 'nope' }), /no account "nope"/);
    engine.stop();
  });

  it('reports a missing keychain as keychain_unavailable and changes nothing', async () => {
    const broken: SecretStore = {
      get: async () => {
        throw new KeychainUnavailableError('no Secret Service');
      },
      set: async () => {
        throw new KeychainUnavailableError('no Secret Service');
      },
      delete: async () => false,
    };
    const { engine, config } = setup(broken);
    await engine.start();
    await assert.rejects(
      new AccountEditor(engine).handle('accounts:save', { account: draft(), secrets: { apiKey: 'k', apiSecret: 's' } }),
      (error: unknown) => error instanceof ContractError && error.code === 'keychain_unavailable' && /environment variable/.test(error.message),
    );
    assert.equal(config.saved.length, 0);
    engine.stop();
  });

  it('pauses and resumes polling', async () => {
    const { engine } = setup();
    await engine.start();
    const events: boolean[] = [];
    engine.subscribe((event) => {
      if (event.channel === 'state:paused') events.push(event.payload.paused);
    });
    assert.deepEqual(await engine.handle('engine:set-paused', { paused: true }), { paused: true });
    await new AccountEditor(engine).handle('accounts:save', { account: draft(), secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(engine.summaries()[0]?.status, 'pending', 'no poll while paused');
    await engine.handle('engine:set-paused', { paused: false });
    await waitFor(() => engine.summaries()[0]?.status === 'ok');
    assert.deepEqual(events, [true, false]);
    engine.stop();
  });
});

