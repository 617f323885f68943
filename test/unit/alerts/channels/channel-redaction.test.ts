import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactSecrets, secretVariants } from '../../../../main/base/redaction';
import { redactUrl } from '../../../../main/alerts/channels/channel-redaction';

const DISCORD = 'https://discord.com/api/webhooks/1234567890123456789/AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789-abcdefghij';
const SLACK = 'https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/xYzAbCdEfGhIjKlMnOpQrStU';
const TELEGRAM = '123456789:AAHsecretTokenPartThatIsLong_abc-XYZ';

describe('redactUrl', () => {
  it('keeps only scheme and host (with port)', () => {
    assert.equal(redactUrl(DISCORD), 'https://discord.com');
    assert.equal(redactUrl('http://127.0.0.1:8080/hook/secret?token=abc'), 'http://127.0.0.1:8080');
    assert.equal(redactUrl('not a url'), '[invalid URL]');
  });
});

describe('redactSecrets', () => {
  it('removes a webhook URL in every form a server or error may echo it', () => {
    const token = DISCORD.split('/').at(-1) ?? '';
    const forms = [
      DISCORD,
      encodeURIComponent(DISCORD),
      DISCORD.replaceAll('/', '\\/'),
      '/api/webhooks/1234567890123456789/' + token,
      token,
      `POST ${DISCORD}?wait=true failed`,
    ];
    for (const form of forms) {
      const out = redactSecrets(`answer: ${form} end`, [DISCORD]);
      assert.ok(!out.includes(token), out);
      assert.ok(!out.includes('1234567890123456789'), out);
      assert.ok(out.includes(REDACTED), out);
      assert.ok(out.startsWith('answer: ') && out.endsWith(' end'), out);
    }
  });

  it('removes the Slack ids and token but keeps ordinary words', () => {
    const out = redactSecrets('no_service for /services/T01ABCDEF/B02GHIJKL/xYzAbCdEfGhIjKlMnOpQrStU, check services', [SLACK]);
    for (const part of ['T01ABCDEF', 'B02GHIJKL', 'xYzAbCdEfGhIjKlMnOpQrStU']) assert.ok(!out.includes(part), out);
    assert.match(out, /check services$/);
  });

  it('removes a bot token and its secret half, also inside a URL path', () => {
    const out = redactSecrets(`https://api.telegram.org/bot${TELEGRAM}/sendMessage; token part AAHsecretTokenPartThatIsLong_abc-XYZ`, [TELEGRAM]);
    assert.ok(!out.includes('AAHsecretTokenPartThatIsLong'), out);
    assert.equal(out, `https://api.telegram.org/bot${REDACTED}/sendMessage; token part ${REDACTED}`);
  });

  it('replaces a short secret (an ntfy topic) only as a whole word', () => {
    assert.equal(redactSecrets('posted to /ops on stops', ['ops']), `posted to /${REDACTED} on stops`);
  });

  it('ignores blank secrets and leaves text without secrets alone', () => {
    assert.equal(redactSecrets('nothing secret here', ['', '  ']), 'nothing secret here');
    assert.deepEqual(secretVariants('   '), []);
  });
});
