import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOLS } from '../../../shared/model';
import { buildAccountRequest, newAccountValues, valuesFromConfig } from '../../../renderer/features/accounts/account-form-model';
import { buildChannelRequest, channelFacts, newChannelValues, valuesFromChannel } from '../../../renderer/features/alerts/channel-form-model';
import {
  collectTypedSecrets,
  keptSecretHint,
  labelError,
  missingSecrets,
  secretFact,
  secretStateOf,
  secretStoreNote,
} from '../../../renderer/features/records/secret-record-model';
import { makeChannel } from './alert-fixtures';
import { makeConfig } from './fixtures';

const FIELDS = [
  { name: 'topic', label: 'Topic' },
  { name: 'accessToken', label: 'Access token', optional: true },
];

describe('secret records in the UI: the shared draft model', () => {
  it('reads what the engine holds from an account\'s credentials and a channel\'s secrets alike', () => {
    const account = makeConfig({ id: 'farm', credentials: [{ field: 'apiKey', source: 'env', env: 'SBI_KEY', hasSecret: false }, { field: 'apiSecret', source: 'keychain', env: null, hasSecret: true }] });
    assert.deepEqual(secretStateOf('apiKey', account.credentials), { kind: 'env', env: 'SBI_KEY', present: false });
    assert.deepEqual(secretStateOf('apiSecret', account.credentials), { kind: 'stored' });
    const channel = makeChannel({ id: 'phone', kind: 'ntfy', settings: { server: 'https://ntfy.sh' }, secrets: [{ field: 'topic', hasSecret: true }, { field: 'accessToken', hasSecret: false }] });
    assert.deepEqual(secretStateOf('topic', channel.secrets), { kind: 'stored' });
    assert.deepEqual(secretStateOf('accessToken', channel.secrets), { kind: 'missing' });
    assert.deepEqual(secretStateOf('topic', null), { kind: 'missing' });
  });

  it('sends typed secrets trimmed, leaves blank ones out (kept), and asks only for required ones missing', () => {
    assert.deepEqual(collectTypedSecrets(FIELDS, { topic: ' rigs \n', accessToken: '  ', other: 'x' }), { topic: 'rigs' });
    assert.deepEqual(missingSecrets(FIELDS, {}, null), ['Topic']);
    assert.deepEqual(missingSecrets(FIELDS, {}, [{ field: 'topic', hasSecret: true }]), []);
  });

  it('words labels, list facts and input hints the same way for every record', () => {
    assert.equal(labelError('  '), 'Enter a label.');
    assert.equal(labelError('x'.repeat(81)), 'Keep the label to 80 characters.');
    assert.equal(labelError(' Farm '), null);
    assert.deepEqual(secretFact(FIELDS[0]!, { kind: 'missing' }), { text: 'missing', missing: true });
    assert.deepEqual(secretFact(FIELDS[1]!, { kind: 'missing' }), { text: 'not set', missing: false });
    assert.deepEqual(secretFact(FIELDS[0]!, { kind: 'env', env: 'TOPIC', present: false }), { text: 'from environment variable TOPIC (not set)', missing: true });
    assert.equal(keptSecretHint({ kind: 'stored' }), 'stored in keychain — leave empty to keep it');
    assert.equal(keptSecretHint({ kind: 'missing' }), null);
  });

  it('says where a secret goes before it is saved: the keychain, or the encrypted secrets file on a machine without one', () => {
    const file = { kind: 'file', file: '/srv/poolwatch/secrets.enc' } as const;
    assert.equal(secretStoreNote({ kind: 'keychain', file: null }), 'Secrets you type here are saved in the system keychain, never in the config file.');
    assert.match(secretStoreNote(file) ?? '', /no system keychain in use: secrets you type here are saved encrypted in \/srv\/poolwatch\/secrets\.enc/);
    assert.equal(secretStoreNote(null), null, 'nothing said before the engine has told');
    assert.equal(keptSecretHint({ kind: 'stored' }, file), 'stored in secrets file — leave empty to keep it');
    assert.deepEqual(secretFact(FIELDS[0]!, { kind: 'stored' }, file), { text: 'stored in secrets file', missing: false });
    assert.deepEqual(secretFact(FIELDS[0]!, { kind: 'stored' }, { kind: 'keychain', file: null }), { text: 'stored in keychain', missing: false });
  });

  it('accounts and channels build their requests the same way: a blank secret keeps the stored one', () => {
    const account = makeConfig({ id: 'farm', label: 'Farm' });
    const accountRequest = buildAccountRequest(valuesFromConfig(account), { apiKey: ' new-key ', apiSecret: '' }, account);
    assert.ok(accountRequest.ok);
    assert.deepEqual(accountRequest.request.secrets, { apiKey: 'new-key' });
    const channel = makeChannel({ id: 'phone' });
    const channelRequest = buildChannelRequest(valuesFromChannel(channel), {}, channel);
    assert.ok(channelRequest.ok);
    assert.deepEqual(channelRequest.request.secrets, {});

    const newAccount = buildAccountRequest({ ...newAccountValues('sbi'), label: 'Farm' }, { apiKey: 'k' }, null);
    assert.deepEqual(newAccount, { ok: false, errors: { secrets: `Enter the ${POOLS.sbi.modes[0]!.fields[1]!.label}.` } });
    const newChannel = buildChannelRequest({ ...newChannelValues('webhook'), label: 'Hook' }, {}, null);
    assert.deepEqual(newChannel, { ok: false, errors: { url: 'Enter the Webhook URL.' } });
  });
});

describe('secret records in the UI: list facts', () => {
  it('a channel\'s facts: settings plain, a missing required secret in the problem tone, an optional one "not set"', () => {
    const channel = makeChannel({ id: 'phone', kind: 'ntfy', settings: { server: 'https://ntfy.sh' }, secrets: [{ field: 'topic', hasSecret: false }] });
    assert.deepEqual(channelFacts(channel), [
      { label: 'Server URL', text: 'https://ntfy.sh', tone: null },
      { label: 'Topic', text: 'missing', tone: 'problem' },
      { label: 'Access token', text: 'not set', tone: null },
    ]);
  });
});
