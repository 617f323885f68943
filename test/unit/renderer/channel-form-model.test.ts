import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildChannelRequest,
  channelFieldSummary,
  hasStoredSecret,
  newChannelValues,
  valuesFromChannel,
  type ChannelFormValues,
} from '../../../renderer/features/alerts/channel-form-model';
import { makeChannel } from './alert-fixtures';

function request(values: ChannelFormValues, secrets: Record<string, string>, existing = null as Parameters<typeof buildChannelRequest>[2]) {
  const built = buildChannelRequest(values, secrets, existing);
  if (!built.ok) assert.fail(`expected a request, got ${JSON.stringify(built.errors)}`);
  return built.request;
}

describe('channel form model', () => {
  it('builds a new webhook channel with its URL as a secret', () => {
    const values = { ...newChannelValues('webhook'), label: ' Ops hook ' };
    assert.deepEqual(request(values, { url: ' https://hooks.example.com/x ' }), {
      channel: { kind: 'webhook', label: 'Ops hook', enabled: true, minSeverity: 'warning', settings: {} },
      secrets: { url: 'https://hooks.example.com/x' },
    });
  });

  it('asks for every required field of a new channel, and checks addresses', () => {
    const telegram = buildChannelRequest({ ...newChannelValues('telegram'), label: '' }, {}, null);
    assert.deepEqual(telegram, {
      ok: false,
      errors: { label: 'Enter a label.', botToken: 'Enter the Bot token.', chatId: 'Enter the Chat ID.' },
    });
    const ntfy = buildChannelRequest({ ...newChannelValues('ntfy'), label: 'n', settings: { server: 'ntfy.sh' } }, { topic: 't' }, null);
    assert.deepEqual(ntfy, { ok: false, errors: { server: 'Enter a full address starting with https:// or http:// for the Server URL.' } });
  });

  it('leaves optional fields out when empty', () => {
    const values = { ...newChannelValues('ntfy'), label: 'n', settings: { server: 'https://ntfy.sh' } };
    assert.deepEqual(request(values, { topic: 'alerts', accessToken: '  ' }), {
      channel: { kind: 'ntfy', label: 'n', enabled: true, minSeverity: 'warning', settings: { server: 'https://ntfy.sh' } },
      secrets: { topic: 'alerts' },
    });
  });

  it('keeps a stored secret when its field is left empty on edit, and sends the id', () => {
    const existing = makeChannel({ id: 'phone' });
    const values = { ...valuesFromChannel(existing), minSeverity: 'critical' as const, enabled: false };
    assert.deepEqual(request(values, {}, existing), {
      channel: { id: 'phone', kind: 'telegram', label: 'Phone', enabled: false, minSeverity: 'critical', settings: { chatId: '12345' } },
      secrets: {},
    });
    assert.deepEqual(request(values, { botToken: 'new-token' }, existing).secrets, { botToken: 'new-token' });
  });

  it('asks for a secret the engine does not hold', () => {
    const existing = makeChannel({ id: 'phone', secrets: [{ field: 'botToken', hasSecret: false }] });
    assert.equal(hasStoredSecret(existing, 'botToken'), false);
    assert.deepEqual(buildChannelRequest(valuesFromChannel(existing), {}, existing), { ok: false, errors: { botToken: 'Enter the Bot token.' } });
  });

  it('keeps saved settings the form does not show', () => {
    const existing = makeChannel({ id: 'phone', settings: { chatId: '1', threadId: '9' } });
    assert.deepEqual(request(valuesFromChannel(existing), {}, existing).channel.settings, { chatId: '1', threadId: '9' });
  });

  it('summarises fields without secret values', () => {
    assert.deepEqual(channelFieldSummary(makeChannel({ id: 'phone' })), [
      { label: 'Bot token', text: 'stored in keychain', missing: false },
      { label: 'Chat ID', text: '12345', missing: false },
    ]);
    assert.deepEqual(
      channelFieldSummary(makeChannel({ id: 'n', kind: 'ntfy', settings: { server: 'https://ntfy.sh' }, secrets: [] })).map((fact) => fact.text),
      ['https://ntfy.sh', 'missing', 'not set'],
    );
  });

  it('sends routes and the summary only when set, and a choice left as shown as its first option', () => {
    const values = {
      ...newChannelValues('email'),
      label: 'Mail',
      settings: { host: 'smtp.example.com', from: 'a@example.com', to: 'b@example.com' },
      routes: { accounts: ['acme'], groups: [], rules: [] },
      digest: { ...newChannelValues().digest, daily: true, time: '07:30' },
    };
    const built = request(values, {});
    assert.deepEqual(built.channel.settings, { host: 'smtp.example.com', security: 'starttls', from: 'a@example.com', to: 'b@example.com' });
    assert.deepEqual(built.channel.routes, { accounts: ['acme'], groups: [], rules: [] });
    assert.equal(built.channel.digest?.time, '07:30');
    const plain = request({ ...values, routes: newChannelValues().routes, digest: newChannelValues().digest }, {});
    assert.equal('routes' in plain.channel, false);
    assert.equal('digest' in plain.channel, false);
    const badTime = buildChannelRequest({ ...values, digest: { ...values.digest, time: '25:00' } }, {}, null);
    assert.deepEqual(badTime, { ok: false, errors: { digest: 'Use HH:MM, 24-hour.' } });
  });
});
