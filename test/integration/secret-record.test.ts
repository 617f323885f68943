import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ContractError } from '../../shared/contract';
import { ChannelService } from '../../main/alerts/channels/channel-service';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import { deleteRecordSecrets, planSecrets, writeSecretRecord, type SecretPlanInput } from '../../main/secrets/secret-record';
import { KeychainUnavailableError, type SecretStore } from '../../main/secrets/secret-store';
import { AppConfigSchema, type AppConfigInput } from '../../main/store/config-schema';
import type { ConfigRepository } from '../../main/store/config-repository';
import { SettingsStore } from '../../main/store/settings-store';
import { FakeClock } from '../support/fake-clock';
import { captureLogger } from '../support/capture-logger';
import { memorySecrets } from '../support/memory-secrets';

// The keychain parts run against the real Secret Service started by test/with-keyring.sh.
const hasKeyring = Boolean(process.env.POOLWATCH_KEYRING_READY);
const reason = 'no Secret Service on this session: run under `dbus-run-session -- bash test/with-keyring.sh`';
if (!hasKeyring) console.log(`secret-record keychain tests skipped: ${reason}`);

const FIELDS = [
  { name: 'apiKey', label: 'API key' },
  { name: 'apiSecret', label: 'API secret' },
  { name: 'token', label: 'Access token', optional: true },
];

function input(overrides: Partial<SecretPlanInput> = {}): SecretPlanInput {
  return { fields: FIELDS, stored: {}, typed: {}, who: 'Account "Farm"', missing: (field) => `Enter the ${field.label}.`, ...overrides };
}

function invalidRequest(pattern: RegExp) {
  return (error: unknown) => error instanceof ContractError && error.code === 'invalid_request' && pattern.test(error.message);
}

describe('secret records: typed vs kept secrets', () => {
  it('typed values go to the keychain (trimmed, checked), blank ones keep the stored reference', () => {
    const plan = planSecrets(
      input({
        stored: { apiKey: { keychain: true }, apiSecret: { env: 'FARM_SECRET' }, observerKey: { keychain: true } },
        typed: { apiKey: '  new-key ', apiSecret: '   ' },
        normalize: (field, value) => `${field.name}:${value}`,
      }),
    );
    assert.deepEqual(plan.refs, { apiKey: { keychain: true }, apiSecret: { env: 'FARM_SECRET' } });
    assert.deepEqual(plan.toStore, { apiKey: 'apiKey:new-key' });
    assert.deepEqual(plan.stale, ['observerKey']);
  });

  it('a required field with neither value is refused by name; an optional one is left out', () => {
    assert.throws(() => planSecrets(input({ typed: { apiKey: 'k' } })), invalidRequest(/^Enter the API secret\.$/));
    const plan = planSecrets(input({ typed: { apiKey: 'k', apiSecret: 's' } }));
    assert.deepEqual(Object.keys(plan.refs), ['apiKey', 'apiSecret']);
  });

  it('stored secrets are not sent to a new address unless typed again', () => {
    const stored = { apiKey: { keychain: true as const }, apiSecret: { keychain: true as const } };
    const moved = { saved: 'https://pool.example.com', now: 'https://other.example.com/api', place: 'address' };
    assert.throws(
      () => planSecrets(input({ stored, typed: { apiKey: 'k' }, address: moved })),
      invalidRequest(/^Account "Farm" now points at a different address.*type the API secret again/),
    );
    assert.deepEqual(planSecrets(input({ stored, typed: { apiKey: 'k', apiSecret: 's' }, address: moved })).refs.apiSecret, { keychain: true });
    // Same origin, another path: the same receiver, so the stored secrets stay.
    assert.deepEqual(planSecrets(input({ stored, address: { ...moved, now: 'https://pool.example.com/v2' } })).toStore, {});
  });
});

describe('secret records: writing to the real keychain', { skip: hasKeyring ? false : reason }, () => {
  const store = createKeytarStore(`PoolWatch-test-${randomBytes(4).toString('hex')}`);
  const account = () => `rec-${randomBytes(3).toString('hex')}`;
  const failingPersist = async () => {
    throw new ContractError('config_error', 'The config could not be written.');
  };

  it('writes the typed secrets, then the config, then removes the ones no longer used', async () => {
    const id = account();
    await store.set(id, 'observerKey', 'old-observer');
    let persisted = false;
    await writeSecretRecord({
      store,
      keychainAccount: id,
      existing: true,
      plan: { toStore: { apiKey: 'k1', apiSecret: 's1' }, stale: ['observerKey'] },
      persist: async () => {
        // The config is written only once the secrets it refers to are in the keychain.
        assert.equal(await store.get(id, 'apiSecret'), 's1');
        persisted = true;
      },
    });
    assert.ok(persisted);
    assert.deepEqual([await store.get(id, 'apiKey'), await store.get(id, 'observerKey')], ['k1', null]);
    for (const field of ['apiKey', 'apiSecret']) await store.delete(id, field);
  });

  it('a new record whose config cannot be written leaves nothing in the keychain', async () => {
    const id = account();
    await assert.rejects(
      writeSecretRecord({ store, keychainAccount: id, existing: false, plan: { toStore: { apiKey: 'k', apiSecret: 's' }, stale: [] }, persist: failingPersist }),
      /could not be written/,
    );
    assert.deepEqual([await store.get(id, 'apiKey'), await store.get(id, 'apiSecret')], [null, null]);
  });

  it('an edited record whose config cannot be written gets its previous secrets back, stale ones kept', async () => {
    const id = account();
    await store.set(id, 'apiKey', 'old-key');
    await store.set(id, 'observerKey', 'old-observer');
    await assert.rejects(
      writeSecretRecord({ store, keychainAccount: id, existing: true, plan: { toStore: { apiKey: 'new-key', apiSecret: 'new-secret' }, stale: ['observerKey'] }, persist: failingPersist }),
      /could not be written/,
    );
    assert.deepEqual(
      [await store.get(id, 'apiKey'), await store.get(id, 'apiSecret'), await store.get(id, 'observerKey')],
      ['old-key', null, 'old-observer'],
    );
    for (const field of ['apiKey', 'observerKey']) await store.delete(id, field);
  });

  it('a keychain that fails half-way takes back what it took and says keychain_unavailable; no config is written', async () => {
    const id = account();
    let writes = 0;
    const flaky: SecretStore = {
      ...store,
      set: async (accountId, field, value) => {
        writes += 1;
        if (writes === 2) throw new KeychainUnavailableError('locked half-way');
        return store.set(accountId, field, value);
      },
    };
    let persisted = false;
    await assert.rejects(
      writeSecretRecord({ store: flaky, keychainAccount: id, existing: false, plan: { toStore: { apiKey: 'k', apiSecret: 's' }, stale: [] }, persist: async () => void (persisted = true) }),
      (error: unknown) => error instanceof ContractError && error.code === 'keychain_unavailable' && /locked half-way/.test(error.message),
    );
    assert.equal(persisted, false);
    assert.equal(await store.get(id, 'apiKey'), null);
  });
  it('removing a record deletes its keychain entries and leaves what it does not own', async () => {
    const id = account();
    await store.set(id, 'apiKey', 'k');
    await store.set(id, 'apiSecret', 'not-referenced-as-keychain');
    await deleteRecordSecrets(store, id, { apiKey: { keychain: true }, apiSecret: { env: 'FARM_SECRET' } });
    assert.deepEqual([await store.get(id, 'apiKey'), await store.get(id, 'apiSecret')], [null, 'not-referenced-as-keychain']);
    await store.delete(id, 'apiSecret');
  });
});

describe('secret records: accounts and channels share the flow', () => {
  function readOnlyConfig(initial: AppConfigInput = { accounts: [] }): ConfigRepository {
    const current = AppConfigSchema.parse(initial);
    return {
      location: '/readonly/config.json',
      load: async () => structuredClone(current),
      save: async () => {
        throw Object.assign(new Error('read-only'), { code: 'EROFS' });
      },
    };
  }

  it('a new account whose config cannot be written leaves no secrets behind', async () => {
    const secrets = memorySecrets();
    const engine = new Engine({ config: readOnlyConfig(), secrets, logger: captureLogger(), env: {} });
    await engine.start();
    await assert.rejects(
      new AccountEditor(engine).handle('accounts:save', {
        account: { pool: 'sbi', label: 'Farm', mode: 'api-key', baseUrl: 'http://127.0.0.1:9' },
        secrets: { apiKey: 'farm-key', apiSecret: 'farm-secret' },
      }),
      (error: unknown) => error instanceof ContractError && error.code === 'config_error' && /EROFS/.test(error.message),
    );
    assert.deepEqual([...secrets.entries.keys()], []);
    engine.stop();
  });

  it('an edited account whose config cannot be written keeps its previous secrets, including those of its old mode', async () => {
    const secrets = memorySecrets({ 'farm/observerKey': 'old-observer' });
    const initial = { accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: 'http://127.0.0.1:9', credentials: { observerKey: { keychain: true } } }] } as AppConfigInput;
    const engine = new Engine({ config: readOnlyConfig(initial), secrets, logger: captureLogger(), env: {} });
    await engine.start();
    await assert.rejects(
      new AccountEditor(engine).handle('accounts:save', {
        account: { id: 'farm', pool: 'sbi', label: 'Farm', mode: 'api-key', baseUrl: 'http://127.0.0.1:9' },
        secrets: { apiKey: 'farm-key', apiSecret: 'farm-secret' },
      }),
      (error: unknown) => error instanceof ContractError && error.code === 'config_error',
    );
    assert.deepEqual(Object.fromEntries(secrets.entries), { 'farm/observerKey': 'old-observer' });
    engine.stop();
  });

  it('an edited channel whose config cannot be written keeps its previous topic', async () => {
    const secrets = memorySecrets({ 'channel-phone/topic': 'old-topic' });
    const initial = {
      accounts: [],
      channels: [{ id: 'phone', kind: 'ntfy', label: 'Phone', enabled: true, minSeverity: 'warning', settings: { server: 'https://ntfy.sh' }, secrets: { topic: { keychain: true } } }],
    } as AppConfigInput;
    const settings = new SettingsStore(readOnlyConfig(initial));
    await settings.load();
    const service = new ChannelService({ settings, secrets, logger: captureLogger(), clock: new FakeClock(), env: {}, sleep: async () => {} });
    await assert.rejects(
      service.save({ id: 'phone', kind: 'ntfy', label: 'Phone', enabled: true, minSeverity: 'warning', settings: { server: 'https://ntfy.sh' } }, { topic: 'new-topic' }),
      (error: unknown) => error instanceof ContractError && error.code === 'config_error',
    );
    assert.deepEqual(Object.fromEntries(secrets.entries), { 'channel-phone/topic': 'old-topic' });
  });
});
