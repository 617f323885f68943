import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractError, type ChannelDraft } from '../../../../shared/contract';
import { checkPostUrl, validateChannelField } from '../../../../main/alerts/channels/channel-validation';
import { applyChannelDraft } from '../../../../main/alerts/channels/channel-config';

function rejects(run: () => unknown, pattern: RegExp, secret?: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ContractError);
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, pattern);
    if (secret) assert.ok(!error.message.includes(secret), error.message);
    return true;
  });
}

describe('post URLs', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(checkPostUrl('https://example.com/hook', 'webhook URL').host, 'example.com');
    assert.equal(checkPostUrl('http://127.0.0.1:9000/hook', 'webhook URL').port, '9000');
    assert.equal(checkPostUrl('http://localhost/hook', 'webhook URL').hostname, 'localhost');
    rejects(() => checkPostUrl('http://example.com/hook/s3cretPath', 'webhook URL'), /must use https:\/\//, 's3cretPath');
    rejects(() => checkPostUrl('ftp://example.com/s3cretPath', 'webhook URL'), /must start with https:\/\//, 's3cretPath');
    rejects(() => checkPostUrl('discord.com/api/webhooks/1/s3cretPath', 'webhook URL'), /not a valid URL/, 's3cretPath');
    rejects(() => checkPostUrl('https://user:pa55word@example.com/x', 'webhook URL'), /user name or password/, 'pa55word');
  });

  it('wants a Discord webhook path for Discord', () => {
    assert.ok(validateChannelField('discord', 'url', ' https://discord.com/api/webhooks/123/tok_en ').startsWith('https://discord.com'));
    assert.ok(validateChannelField('discord', 'url', 'https://discord.com/api/v10/webhooks/123/tok'));
    rejects(() => validateChannelField('discord', 'url', 'https://hooks.slack.com/services/T1/B2/s3cretSlack'), /not a Discord webhook URL/, 's3cretSlack');
  });

  it('normalizes the ntfy server and refuses a query in it', () => {
    assert.equal(validateChannelField('ntfy', 'server', 'https://ntfy.example.org/'), 'https://ntfy.example.org');
    rejects(() => validateChannelField('ntfy', 'server', 'https://ntfy.sh/?auth=x'), /without \? or #/);
    rejects(() => validateChannelField('ntfy', 'server', 'http://ntfy.sh'), /https/);
  });
});

describe('Telegram and ntfy fields', () => {
  it('checks the bot token form without repeating it', () => {
    assert.ok(validateChannelField('telegram', 'botToken', '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'));
    rejects(() => validateChannelField('telegram', 'botToken', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'), /@BotFather/, 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    rejects(() => validateChannelField('telegram', 'botToken', '123:short'), /bot token/);
  });

  it('accepts numeric chat ids (negative for groups) and @channel names', () => {
    for (const id of ['123456789', '-1001234567890', '@poolwatch_alerts']) assert.equal(validateChannelField('telegram', 'chatId', id), id);
    for (const id of ['12a45', '@ab', 'https://t.me/x', '']) rejects(() => validateChannelField('telegram', 'chatId', id), /chat id/);
  });

  it('checks the ntfy topic and access token', () => {
    assert.equal(validateChannelField('ntfy', 'topic', 'rigs_alerts-42'), 'rigs_alerts-42');
    rejects(() => validateChannelField('ntfy', 'topic', 'has space'), /topic/);
    rejects(() => validateChannelField('ntfy', 'topic', 'x'.repeat(65)), /topic/);
    assert.equal(validateChannelField('ntfy', 'accessToken', 'tk_abc123'), 'tk_abc123');
    rejects(() => validateChannelField('ntfy', 'accessToken', 'tk abc'), /access token/);
  });
});

describe('applyChannelDraft', () => {
  const draft = (overrides: Partial<ChannelDraft> = {}): ChannelDraft => ({
    kind: 'ntfy',
    label: ' Phone ',
    enabled: true,
    minSeverity: 'warning',
    settings: { server: 'https://ntfy.sh/' },
    ...overrides,
  });

  it('splits settings from secrets: only references go to the config', () => {
    const { config, toStore } = applyChannelDraft(draft(), undefined, { topic: ' rigs-8d1f ', accessToken: '' }, 'phone');
    assert.deepEqual(config, {
      id: 'phone',
      kind: 'ntfy',
      label: 'Phone',
      enabled: true,
      minSeverity: 'warning',
      settings: { server: 'https://ntfy.sh' },
      secrets: { topic: { keychain: true }, replyTopic: { keychain: true } },
    });
    const { replyTopic, ...typed } = toStore;
    assert.deepEqual(typed, { topic: 'rigs-8d1f' });
    assert.match(replyTopic ?? '', /^pw-reply-/, 'a private reply topic for the buttons is made on first save');
  });

  it('keeps a stored secret when left blank, and asks for a missing required one', () => {
    const existing = applyChannelDraft(draft(), undefined, { topic: 'rigs-8d1f' }, 'phone').config;
    const kept = applyChannelDraft(draft(), existing, { topic: '  ' }, 'phone');
    assert.deepEqual(kept.config.secrets, { topic: { keychain: true }, replyTopic: { keychain: true } });
    assert.deepEqual(kept.toStore, {}, 'the stored topic and reply topic are kept');
    rejects(() => applyChannelDraft(draft(), undefined, {}, 'phone'), /Enter the Topic/);
    rejects(() => applyChannelDraft(draft({ settings: {} }), undefined, { topic: 'rigs' }, 'phone'), /Enter the Server URL/);
  });

  it('refuses a secret typed into the settings, and unknown fields', () => {
    const url = 'https://discord.com/api/webhooks/1/secretTokenValue';
    rejects(() => applyChannelDraft(draft({ kind: 'discord', settings: { url } }), undefined, {}, 'd'), /secret: it goes with the secrets/, url);
    rejects(() => applyChannelDraft(draft({ settings: { server: 'https://ntfy.sh', colour: 'red' } }), undefined, { topic: 'x' }, 'p'), /no setting "colour"/);
    rejects(() => applyChannelDraft(draft(), undefined, { topic: 'x', password: 'p' }, 'p'), /no secret "password"/);
  });
});
