import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SLACK_TEXT_LIMIT, escapeSlack, formatSlack, slackPayload } from '../../../../main/alerts/channels/slack-format';
import { makeNotification } from './make-notification';

describe('Slack payload', () => {
  it('sends fallback text and mrkdwn blocks with the title in bold', () => {
    const payload = slackPayload(makeNotification());
    assert.equal(payload.text, 'Worker offline in Main farm: rig-01 has sent no shares for 15 min.');
    assert.deepEqual(payload.blocks[0], {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Worker offline in Main farm*\nrig-01 has sent no shares for 15 min.' },
    });
    assert.deepEqual(payload.blocks[1], { type: 'context', elements: [{ type: 'mrkdwn', text: ':warning: Warning · PoolWatch' }] });
  });

  it('labels urgent and resolved notifications', () => {
    const urgent = slackPayload(makeNotification({ severity: 'critical', urgent: true })).blocks[1];
    assert.deepEqual(urgent, { type: 'context', elements: [{ type: 'mrkdwn', text: ':red_circle: Critical · urgent · PoolWatch' }] });
    const resolved = slackPayload(makeNotification({ kind: 'resolved' })).blocks[1];
    assert.match(JSON.stringify(resolved), /:white_check_mark: Resolved/);
  });

  it('escapes &, < and > so a name cannot mention @channel or fake a link', () => {
    assert.equal(escapeSlack('<!channel> & <http://x|y>'), '&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
    const payload = slackPayload(makeNotification({ title: 'rig <!channel>', body: 'a & b' }));
    assert.ok(!JSON.stringify(payload).includes('<!channel>'));
    assert.match(payload.text, /rig &lt;!channel&gt;: a &amp; b/);
  });

  it('keeps text and the section within 3000 characters, truncated with "…"', () => {
    const payload = slackPayload(makeNotification({ title: 'x'.repeat(400), body: '<'.repeat(5000) }));
    assert.ok(payload.text.length <= SLACK_TEXT_LIMIT && payload.text.endsWith('…'));
    const section = payload.blocks[0];
    assert.ok(section?.type === 'section');
    assert.ok(section.text.text.length <= SLACK_TEXT_LIMIT, `${section.text.text.length}`);
    assert.ok(section.text.text.length > SLACK_TEXT_LIMIT - 5);
    assert.match(section.text.text, /^\*x{299}…\*\n(&lt;)+…$/);
  });

  it('posts JSON to the webhook URL as given', () => {
    const request = formatSlack('https://hooks.slack.com/services/T1/B2/abc', makeNotification());
    assert.equal(request.url, 'https://hooks.slack.com/services/T1/B2/abc');
    assert.equal(request.headers['Content-Type'], 'application/json');
  });
});
