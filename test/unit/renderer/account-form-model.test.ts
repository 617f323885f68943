import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOLS } from '../../../shared/model';
import {
  buildDraft,
  collectSecrets,
  missingSecretLabels,
  newAccountValues,
  secretState,
  selectedMode,
  valuesFromConfig,
  withPool,
} from '../../../renderer/features/accounts/account-form-model';
import { makeConfig } from './fixtures';

const sbiApiKey = POOLS.sbi.modes[0]!;

describe('account form: values', () => {
  it('starts a new account with the pool\'s first mode and a 60 s interval', () => {
    const values = newAccountValues('spider');
    assert.equal(values.mode, 'signed');
    assert.equal(values.pollIntervalSec, '60');
    assert.equal(values.baseUrl, '');
  });

  it('fills the form from a saved account', () => {
    const values = valuesFromConfig(
      makeConfig({ id: 'main', label: 'Main', baseUrl: 'http://127.0.0.1:9000', pollIntervalSec: 120, mode: 'observer', keyExpiresOn: '2027-01-31' }),
    );
    assert.deepEqual(values, {
      pool: 'sbi',
      mode: 'observer',
      label: 'Main',
      baseUrl: 'http://127.0.0.1:9000',
      pollIntervalSec: '120',
      subaccounts: '',
      keyExpiresOn: '2027-01-31',
    });
  });

  it('switching pools picks a mode the new pool has', () => {
    const sbi = { ...newAccountValues('sbi'), mode: 'observer' };
    const spider = withPool(sbi, 'spider');
    assert.equal(spider.mode, 'signed');
    assert.equal(selectedMode(spider)?.fields.length, 2);
    assert.equal(withPool({ ...newAccountValues('sbi') }, 'stratumsphere').mode, 'api-key');
  });
});

describe('account form: buildDraft', () => {
  it('builds a draft for a new account, base URL empty meaning the default', () => {
    const result = buildDraft({ ...newAccountValues('sbi'), label: '  Main farm ' }, null);
    assert.ok(result.ok);
    assert.deepEqual(result.draft, { pool: 'sbi', mode: 'api-key', label: 'Main farm', baseUrl: null, pollIntervalSec: 60, keyExpiresOn: null });
  });

  it('takes an optional key expiry date, and refuses one that does not exist', () => {
    const dated = buildDraft({ ...newAccountValues('sbi'), label: 'x', keyExpiresOn: '2027-01-31' }, null);
    assert.ok(dated.ok);
    assert.equal(dated.draft.keyExpiresOn, '2027-01-31');
    const impossible = buildDraft({ ...newAccountValues('sbi'), label: 'x', keyExpiresOn: '2027-02-30' }, null);
    assert.ok(!impossible.ok);
    assert.match(impossible.errors.keyExpiresOn ?? '', /does not exist/);
    const garbled = buildDraft({ ...newAccountValues('sbi'), label: 'x', keyExpiresOn: '31.01.2027' }, null);
    assert.ok(!garbled.ok);
    assert.match(garbled.errors.keyExpiresOn ?? '', /such as 2027-01-31/);
  });

  it('keeps the id and the saved Spider subaccounts when editing (coins lower-case)', () => {
    const existing = makeConfig({ id: 'spider-1', pool: 'spider', mode: 'signed', options: { subaccounts: [{ name: 's1', coin: 'BTC' }] } });
    const values = valuesFromConfig(existing);
    assert.equal(values.subaccounts, 's1:btc');
    const result = buildDraft({ ...values, pollIntervalSec: '30' }, existing);
    assert.ok(result.ok);
    assert.equal(result.draft.id, 'spider-1');
    assert.deepEqual(result.draft.options, { subaccounts: [{ name: 's1', coin: 'btc' }] });
    assert.equal(result.draft.pollIntervalSec, 30);
  });

  it('keeps saved options of other pools as they are', () => {
    const existing = makeConfig({ id: 'sbi-1', options: {} });
    const result = buildDraft(valuesFromConfig(existing), existing);
    assert.ok(result.ok);
    assert.deepEqual(result.draft.options, {});
  });

  it('sends the typed Spider subaccounts, or none to discover them all', () => {
    const typed = buildDraft({ ...newAccountValues('spider'), label: 'Spider', subaccounts: 'main:BTC, backup:ltc' }, null);
    assert.ok(typed.ok);
    assert.deepEqual(typed.draft.options, { subaccounts: [{ name: 'main', coin: 'btc' }, { name: 'backup', coin: 'ltc' }] });

    const existing = makeConfig({ id: 'spider-1', pool: 'spider', mode: 'signed', options: { subaccounts: [{ name: 's1', coin: 'btc' }] } });
    const cleared = buildDraft({ ...valuesFromConfig(existing), subaccounts: '  ' }, existing);
    assert.ok(cleared.ok);
    assert.deepEqual(cleared.draft.options, {});
  });

  it('shows a bad subaccounts entry as an error on that field only', () => {
    const result = buildDraft({ ...newAccountValues('spider'), label: 'Spider', subaccounts: 'main:btc, backup' }, null);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors), ['subaccounts']);
    assert.match(result.errors.subaccounts ?? '', /backup/);
  });

  it('ignores the subaccounts text for pools other than Spider', () => {
    const result = buildDraft({ ...newAccountValues('sbi'), label: 'x', subaccounts: 'not: valid: at all,' }, null);
    assert.ok(result.ok);
    assert.equal(result.draft.options, undefined);
  });

  it('says what to fix: label, base URL, interval', () => {
    const result = buildDraft({ ...newAccountValues('sbi'), label: ' ', baseUrl: 'pool.example', pollIntervalSec: '5' }, null);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['baseUrl', 'label', 'pollIntervalSec']);
    assert.ok(!buildDraft({ ...newAccountValues('sbi'), label: 'x', pollIntervalSec: '60.5' }, null).ok);
    assert.ok(!buildDraft({ ...newAccountValues('sbi'), label: 'x', pollIntervalSec: '3601' }, null).ok);
    assert.ok(!buildDraft({ ...newAccountValues('sbi'), label: 'x', baseUrl: 'ftp://pool.example' }, null).ok);
    assert.ok(buildDraft({ ...newAccountValues('sbi'), label: 'x', pollIntervalSec: '10', baseUrl: 'http://127.0.0.1:8080' }, null).ok);
  });

  it('refuses a mode the pool does not have', () => {
    const result = buildDraft({ ...newAccountValues('webminepool'), label: 'x', mode: 'api-key' }, null);
    assert.ok(!result.ok);
    assert.ok(result.errors.mode);
  });
});

describe('account form: secrets', () => {
  it('sends only typed, trimmed values of the chosen mode', () => {
    assert.deepEqual(collectSecrets(sbiApiKey, { apiKey: ' key \n', apiSecret: '', observerKey: 'other mode' }), { apiKey: 'key' });
  });

  it('requires every secret for a new account', () => {
    assert.deepEqual(missingSecretLabels(sbiApiKey, { apiKey: 'k' }, null), ['API secret']);
    assert.deepEqual(missingSecretLabels(sbiApiKey, { apiKey: 'k', apiSecret: 's' }, null), []);
  });

  it('lets an edit keep stored secrets by leaving them empty, but not missing ones', () => {
    const stored = makeConfig({ id: 'a' });
    assert.deepEqual(missingSecretLabels(sbiApiKey, {}, stored), []);
    const halfStored = makeConfig({
      id: 'b',
      credentials: [
        { field: 'apiKey', source: 'keychain', env: null, hasSecret: true },
        { field: 'apiSecret', source: 'keychain', env: null, hasSecret: false },
      ],
    });
    assert.deepEqual(missingSecretLabels(sbiApiKey, {}, halfStored), ['API secret']);
  });

  it('describes where a stored secret lives', () => {
    const config = makeConfig({
      id: 'a',
      credentials: [
        { field: 'apiKey', source: 'keychain', env: null, hasSecret: true },
        { field: 'apiSecret', source: 'env', env: 'SBI_SECRET', hasSecret: false },
      ],
    });
    assert.deepEqual(secretState(sbiApiKey.fields[0]!, config), { kind: 'stored' });
    assert.deepEqual(secretState(sbiApiKey.fields[1]!, config), { kind: 'env', env: 'SBI_SECRET', present: false });
    assert.deepEqual(secretState(sbiApiKey.fields[0]!, null), { kind: 'missing' });
  });
});
