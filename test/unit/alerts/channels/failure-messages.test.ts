import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHttpFailure, describeNetworkFailure, quoteAnswer } from '../../../../main/alerts/channels/failure-messages';

describe('describeHttpFailure', () => {
  it('says the webhook URL was not found on 404/410 for URL-based kinds', () => {
    for (const kind of ['webhook', 'discord', 'slack'] as const) {
      assert.match(describeHttpFailure(kind, 404, '', null), /the webhook URL was not found/);
    }
    assert.match(describeHttpFailure('slack', 410, 'channel_is_archived', null), /HTTP 410: the webhook URL was not found.*channel_is_archived/);
  });

  it('says the token was rejected on 401/403', () => {
    assert.match(describeHttpFailure('discord', 401, '{"message": "Invalid Webhook Token", "code": 50027}', null), /^Discord rejected the token in the webhook URL \(HTTP 401\).*"Invalid Webhook Token"/);
    assert.match(describeHttpFailure('slack', 403, 'invalid_token', null), /^Slack rejected the token/);
    assert.match(describeHttpFailure('ntfy', 403, '{"code":40301,"http":403,"error":"forbidden"}', null), /^The ntfy server rejected the token \(HTTP 403\).*"forbidden"/);
    assert.match(describeHttpFailure('telegram', 401, '{"ok":false,"error_code":401,"description":"Unauthorized"}', null), /^Telegram rejected the token \(HTTP 401\).*"Unauthorized"/);
  });

  it('quotes Telegram\'s description for a wrong chat', () => {
    assert.equal(
      describeHttpFailure('telegram', 400, '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}', null),
      'Telegram refused the message (HTTP 400): check the chat id and that the bot was added to the chat. It said: "Bad Request: chat not found".',
    );
  });

  it('describes rate limits with the wait, server errors and redirects', () => {
    assert.equal(describeHttpFailure('discord', 429, '', 1500), 'Discord is rate-limiting messages (HTTP 429); it asked to wait 2 s.');
    assert.match(describeHttpFailure('webhook', 503, 'down', null), /^The webhook had a server error \(HTTP 503\)\. It said: "down"\.$/);
    assert.match(describeHttpFailure('webhook', 301, '', null), /redirect/);
  });

  it('quotes at most 200 characters of an answer, on one line', () => {
    assert.equal(quoteAnswer('a\n  b'), 'a b');
    assert.equal(quoteAnswer('x'.repeat(500)).length, 201);
  });
});

describe('describeNetworkFailure', () => {
  const failure = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });

  it('names refused, reset, DNS and timeouts, with only scheme and host', () => {
    assert.equal(
      describeNetworkFailure(failure('ECONNREFUSED'), 'https://hooks.example', false, 10_000),
      'Could not connect to https://hooks.example: the connection was refused (is the address right and the service up?).',
    );
    assert.match(describeNetworkFailure(failure('ECONNRESET'), 'https://h', false, 10_000), /connection was reset/);
    assert.match(describeNetworkFailure(failure('UND_ERR_SOCKET'), 'https://h', false, 10_000), /connection was reset/);
    assert.match(describeNetworkFailure(failure('ENOTFOUND'), 'https://h', false, 10_000), /could not be resolved/);
    assert.match(describeNetworkFailure(failure('CERT_HAS_EXPIRED'), 'https://h', false, 10_000), /TLS certificate/);
    assert.equal(describeNetworkFailure(new Error('aborted'), 'https://h', true, 10_000), 'https://h did not answer within 10 s.');
  });
});
