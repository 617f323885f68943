import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNEL_FIELDS, CHANNEL_KIND_SPECS, CHANNEL_KINDS, ContractError, type ChannelKind } from '../../../../shared/contract';
import { CHANNEL_KIND_DESCRIPTORS, channelKind } from '../../../../main/alerts/channels/kinds';
import { validateChannelField } from '../../../../main/alerts/channels/channel-validation';
import { describeHttpFailure } from '../../../../main/alerts/channels/failure-messages';
import { makeNotification } from './make-notification';
import { makeSelfSignedCert } from '../../../support/self-signed-cert';

/** A valid value for every field of every kind, as a user would type them. */
const SAMPLE_VALUES: Record<ChannelKind, Record<string, string>> = {
  webhook: { url: 'https://hooks.example.com/poolwatch/abc123' },
  discord: { url: 'https://discord.com/api/webhooks/123456/tokenTOKENtoken' },
  slack: { url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX' },
  telegram: { botToken: '123456789:AAFabcdefghijklmnopqrstuvwxyz', chatId: '-100123' },
  ntfy: { server: 'https://ntfy.example.com/', topic: 'farm-alerts', accessToken: 'tk_secret' },
  email: {
    host: 'smtp.example.com',
    security: 'starttls',
    port: '587',
    from: 'poolwatch@example.com',
    to: 'me@example.com, ops@example.org',
    username: 'poolwatch@example.com',
    password: 'app password 1',
    // Pasted into a one-line field: the line breaks are gone.
    tlsCa: makeSelfSignedCert().cert.replace(/\n/g, ' '),
  },
};

/** Fields that take any text without line breaks (a password may contain spaces and "://"). */
const FREE_TEXT: ReadonlySet<string> = new Set(['email.username', 'email.password']);

describe('channel kind descriptors', () => {
  it('every kind in the contract has exactly one descriptor, filed under its own kind', () => {
    assert.deepEqual(Object.keys(CHANNEL_KIND_DESCRIPTORS).sort(), [...CHANNEL_KINDS].sort());
    for (const kind of CHANNEL_KINDS) {
      assert.equal(channelKind(kind).kind, kind);
      assert.notEqual(channelKind(kind).serviceName.trim(), '', kind);
    }
  });

  it('each descriptor checks exactly the fields the contract gives its kind', () => {
    for (const kind of CHANNEL_KINDS) {
      assert.deepEqual(Object.keys(channelKind(kind).validators).sort(), CHANNEL_FIELDS[kind].map((field) => field.name).sort(), kind);
      for (const field of CHANNEL_FIELDS[kind]) {
        assert.equal(typeof validateChannelField(kind, field.name, ` ${SAMPLE_VALUES[kind][field.name]} `), 'string', `${kind}.${field.name}`);
        if (FREE_TEXT.has(`${kind}.${field.name}`)) assert.throws(() => validateChannelField(kind, field.name, 'two\nlines'), ContractError, `${kind}.${field.name}`);
        else assert.throws(() => validateChannelField(kind, field.name, 'bad value with spaces://'), ContractError, `${kind}.${field.name}`);
      }
      assert.throws(() => validateChannelField(kind, 'constructor', 'x'), /has no field "constructor"/);
    }
  });

  it('every kind has its shared spec (label, fields); fields marked as addresses are checked as URLs', () => {
    assert.deepEqual(Object.keys(CHANNEL_KIND_SPECS).sort(), [...CHANNEL_KINDS].sort());
    for (const kind of CHANNEL_KINDS) {
      assert.notEqual(CHANNEL_KIND_SPECS[kind].label.trim(), '', kind);
      assert.equal(CHANNEL_FIELDS[kind], CHANNEL_KIND_SPECS[kind].fields, kind);
      for (const field of CHANNEL_FIELDS[kind].filter((candidate) => candidate.url === true)) {
        assert.throws(() => validateChannelField(kind, field.name, 'ftp://files.example.com/x'), /must start with https:\/\//, `${kind}.${field.name}`);
      }
    }
  });

  it('an address setting, where a kind has one, is one of its non-secret fields', () => {
    for (const kind of CHANNEL_KINDS) {
      const setting = channelKind(kind).addressSetting;
      if (setting === undefined) continue;
      assert.equal(CHANNEL_FIELDS[kind].find((field) => field.name === setting)?.secret, false, kind);
    }
    assert.equal(channelKind('ntfy').addressSetting, 'server');
  });

  it('each descriptor builds one POST to its service from validated values', () => {
    const notification = makeNotification();
    const expectedUrl: Record<Exclude<ChannelKind, 'email'>, string> = {
      webhook: 'https://hooks.example.com/poolwatch/abc123',
      discord: 'https://discord.com/api/webhooks/123456/tokenTOKENtoken?wait=true',
      slack: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX',
      telegram: 'http://127.0.0.1:9/bot123456789:AAFabcdefghijklmnopqrstuvwxyz/sendMessage',
      ntfy: 'https://ntfy.example.com/farm-alerts',
    };
    for (const kind of CHANNEL_KINDS) {
      const descriptor = channelKind(kind);
      if (kind === 'email' || 'deliver' in descriptor) {
        assert.equal(kind, 'email', 'only e-mail delivers without one POST');
        continue;
      }
      const values = Object.fromEntries(Object.entries(SAMPLE_VALUES[kind]).map(([field, value]) => [field, validateChannelField(kind, field, value)]));
      const request = descriptor.request(values, notification, { telegramApiBase: 'http://127.0.0.1:9/' });
      assert.equal(request.url, expectedUrl[kind], kind);
      assert.ok(request.body.includes('rig-01'), kind);
    }
  });

  it('failure messages name the service and use its own reading of a refusal', () => {
    for (const kind of CHANNEL_KINDS) {
      assert.ok(describeHttpFailure(kind, 500, '', null).startsWith(channelKind(kind).serviceName), kind);
      const own = channelKind(kind).describeRefusal(401, '');
      assert.equal(describeHttpFailure(kind, 401, '', null), own ?? `${channelKind(kind).serviceName} refused the message (HTTP 401).`, kind);
    }
    assert.match(describeHttpFailure('slack', 410, '', null), /^Slack answered HTTP 410: the webhook URL was not found/);
    assert.equal(describeHttpFailure('ntfy', 418, '', null), 'The ntfy server refused the message (HTTP 418).');
  });
});
