import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_TOKEN_TTL_MS, ActionTokens, MAX_ACTION_TOKENS, decodePress, encodePress } from '../../../../main/alerts/channels/phone-actions';
import { formatNtfy } from '../../../../main/alerts/channels/ntfy-format';
import { formatTelegram } from '../../../../main/alerts/channels/telegram-format';
import { readLines } from '../../../../main/alerts/channels/replies/listen-loop';
import { commandName } from '../../../../main/alerts/channels/replies/telegram-bot';
import type { SnoozeTarget } from '../../../../main/alerts/snoozes';
import { makeNotification } from './make-notification';

function recorder(): { calls: Array<[SnoozeTarget, number | null]>; snooze: (target: SnoozeTarget, minutes: number | null) => void } {
  const calls: Array<[SnoozeTarget, number | null]> = [];
  return { calls, snooze: (target, minutes) => calls.push([target, minutes]) };
}

describe('phone action tokens', () => {
  it('one random token per message and channel, the same on a retry, snoozing exactly that message\'s alerts', () => {
    let now = 1_000;
    const tokens = new ActionTokens(() => now);
    const notification = makeNotification();
    const first = tokens.buttonsFor('phone', notification);
    assert.ok(first);
    assert.match(first.token, /^[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(first.actions, ['snooze-1h', 'snooze-8h', 'mute-worker']);
    assert.equal(tokens.buttonsFor('phone', notification)?.token, first.token, 'a retry carries the same token');
    assert.notEqual(tokens.buttonsFor('bot', notification)?.token, first.token, 'another channel gets its own');
    assert.notEqual(tokens.buttonsFor('phone', makeNotification({ id: 'n-2' }))?.token, first.token);

    const { calls, snooze } = recorder();
    assert.deepEqual(tokens.press('phone', 'snooze-8h', first.token, snooze), { ok: true, reply: 'Snoozed 1 alert for 8 h.' });
    assert.deepEqual(calls, [[{ key: notification.alertKeys[0] }, 480]]);
    assert.deepEqual(tokens.press('phone', 'mute-worker', first.token, snooze), { ok: true, reply: 'Muted worker rig-01 until resumed in PoolWatch.' });
    assert.deepEqual(calls[1], [{ accountId: 'farm', group: 'main', worker: 'rig-01' }, null]);

    // Another channel's token, an unknown one, an unknown action and an expired one change nothing.
    const before = calls.length;
    assert.equal(tokens.press('bot', 'snooze-1h', first.token, snooze).ok, false);
    assert.equal(tokens.press('phone', 'snooze-1h', 'A'.repeat(24), snooze).ok, false);
    assert.equal(tokens.press('phone', 'delete-everything', first.token, snooze).ok, false);
    now += ACTION_TOKEN_TTL_MS;
    assert.match(tokens.press('phone', 'snooze-1h', first.token, snooze).reply, /expired/);
    assert.equal(calls.length, before);
  });

  it('no buttons on a notification with nothing to snooze, no Mute without a worker', () => {
    const tokens = new ActionTokens(() => 0);
    assert.equal(tokens.buttonsFor('phone', makeNotification({ kind: 'resolved', actions: ['open'] })), null);
    assert.equal(tokens.buttonsFor('phone', makeNotification({ alertKeys: [] })), null);
    const fleet = makeNotification();
    const item = fleet.items[0];
    assert.ok(item);
    const noWorker = makeNotification({ items: [{ ...item, scope: { ...item.scope, worker: null } }] });
    assert.deepEqual(tokens.buttonsFor('phone', noWorker)?.actions, ['snooze-1h', 'snooze-8h']);
  });

  it('keeps at most MAX_ACTION_TOKENS, forgetting the oldest first', () => {
    const tokens = new ActionTokens(() => 0);
    const first = tokens.buttonsFor('phone', makeNotification({ id: 'n-0' }));
    for (let i = 1; i <= MAX_ACTION_TOKENS; i += 1) tokens.buttonsFor('phone', makeNotification({ id: `n-${i}` }));
    const last = tokens.buttonsFor('phone', makeNotification({ id: `n-${MAX_ACTION_TOKENS}` }));
    const { snooze } = recorder();
    assert.equal(tokens.press('phone', 'snooze-1h', first?.token ?? '', snooze).ok, false);
    assert.equal(tokens.press('phone', 'snooze-1h', last?.token ?? '', snooze).ok, true);
  });

  it('a press travels as "<action>:<token>"; anything else is not one', () => {
    assert.deepEqual(decodePress(encodePress('snooze-1h', 'abcdefghijklmnopqrstuvwx')), { action: 'snooze-1h', token: 'abcdefghijklmnopqrstuvwx' });
    for (const text of ['', 'snooze-1h', 'snooze-1h:short', 'SNOOZE:abcdefghijklmnopqrstuvwx', 'snooze-1h:abc def ghi jkl mno pqr', '{"action":"x"}']) assert.equal(decodePress(text), null, text);
  });
});

describe('buttons in the messages', () => {
  const buttons = { token: 'Tok_abcdefghijklmnopqrst', actions: ['snooze-1h', 'snooze-8h', 'mute-worker'] as const };

  it('ntfy: three http actions posting to the reply topic, with the access token where there is one', () => {
    const request = formatNtfy('https://ntfy.example', 'alerts', 'tk_abc', makeNotification(), { replyTopic: 'pw-reply-xyz', buttons: { ...buttons, actions: [...buttons.actions] } });
    assert.equal(
      request.headers.Actions,
      [
        'http, Snooze 1 h, https://ntfy.example/pw-reply-xyz, method=POST, headers.Authorization=Bearer tk_abc, body=snooze-1h:Tok_abcdefghijklmnopqrst, clear=true',
        'http, Snooze 8 h, https://ntfy.example/pw-reply-xyz, method=POST, headers.Authorization=Bearer tk_abc, body=snooze-8h:Tok_abcdefghijklmnopqrst, clear=true',
        'http, Mute worker, https://ntfy.example/pw-reply-xyz, method=POST, headers.Authorization=Bearer tk_abc, body=mute-worker:Tok_abcdefghijklmnopqrst, clear=true',
      ].join('; '),
    );
    assert.equal(formatNtfy('https://ntfy.example', 'alerts', null, makeNotification()).headers.Actions, undefined);
  });

  it('Telegram: one row of inline buttons whose callback_data fits 64 bytes', () => {
    const body = JSON.parse(formatTelegram('https://api.telegram.org', '1:x', '42', makeNotification(), { ...buttons, actions: [...buttons.actions] }).body) as {
      reply_markup: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    };
    assert.deepEqual(body.reply_markup.inline_keyboard, [
      [
        { text: 'Snooze 1 h', callback_data: 'snooze-1h:Tok_abcdefghijklmnopqrst' },
        { text: 'Snooze 8 h', callback_data: 'snooze-8h:Tok_abcdefghijklmnopqrst' },
        { text: 'Mute worker', callback_data: 'mute-worker:Tok_abcdefghijklmnopqrst' },
      ],
    ]);
    for (const button of body.reply_markup.inline_keyboard.flat()) assert.ok(Buffer.byteLength(button.callback_data) <= 64);
  });

  it('bot commands: /status, /status@Bot and /payouts now are commands; other text is not', () => {
    assert.equal(commandName('/status'), 'status');
    assert.equal(commandName(' /status@PoolWatchBot '), 'status');
    assert.equal(commandName('/payouts now'), 'payouts');
    assert.equal(commandName('status'), null);
    assert.equal(commandName('/statusX!'), null);
  });
});

describe('reading a stream by lines', () => {
  const stream = (chunks: string[]): ReadableStream<Uint8Array> =>
    new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });

  it('joins lines split across chunks, drops CR, and reports an overlong line once as null without buffering it', async () => {
    const lines: Array<string | null> = [];
    for await (const line of readLines(stream(['{"a":', '1}\r\n', 'x'.repeat(50), 'y'.repeat(50), 'z\n{"b":2}\n', 'tail-without-newline']), 60)) lines.push(line);
    assert.deepEqual(lines, ['{"a":1}', null, '{"b":2}']);
  });
});
