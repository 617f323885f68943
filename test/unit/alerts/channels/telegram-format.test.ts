import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TELEGRAM_TEXT_LIMIT, formatTelegram, telegramPayload } from '../../../../main/alerts/channels/telegram-format';
import { makeNotification } from './make-notification';

describe('Telegram payload', () => {
  it('calls sendMessage with the token in the path and plain text', () => {
    const request = formatTelegram('https://api.telegram.org', '123:ABC', '-100123', makeNotification({ severity: 'critical' }));
    assert.equal(request.url, 'https://api.telegram.org/bot123:ABC/sendMessage');
    assert.deepEqual(JSON.parse(request.body), {
      chat_id: '-100123',
      text: '🔴 Worker offline in Main farm\n\nrig-01 has sent no shares for 15 min.',
      disable_web_page_preview: true,
    });
  });

  it('sends names verbatim: no parse_mode, so nothing needs escaping', () => {
    const payload = telegramPayload('1', makeNotification({ title: '<b>*rig*_1</b>', body: '', kind: 'resolved' }));
    assert.equal(payload.text, '✅ <b>*rig*_1</b>');
    assert.ok(!('parse_mode' in payload));
  });

  it('cuts text to 4096 characters with "…"', () => {
    const payload = telegramPayload('1', makeNotification({ body: '😀'.repeat(5000) }));
    assert.ok(payload.text.length <= TELEGRAM_TEXT_LIMIT);
    assert.ok(payload.text.endsWith('…'));
    assert.ok(!/[\ud800-\udbff]…$/.test(payload.text), 'no half emoji before the ellipsis');
  });
});
