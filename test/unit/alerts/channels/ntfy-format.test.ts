import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NTFY_BODY_LIMIT_BYTES, encodeHeaderValue, formatNtfy, ntfyPriority, ntfyTags } from '../../../../main/alerts/channels/ntfy-format';
import { makeNotification } from './make-notification';

describe('ntfy request', () => {
  it('posts the body as text to server/topic with Title, Priority and Tags headers', () => {
    const request = formatNtfy('https://ntfy.sh', 'rigs-8d1f', null, makeNotification());
    assert.equal(request.url, 'https://ntfy.sh/rigs-8d1f');
    assert.equal(request.body, 'rig-01 has sent no shares for 15 min.');
    assert.equal(request.headers.Title, 'Worker offline in Main farm');
    assert.equal(request.headers.Priority, 'default');
    assert.equal(request.headers.Tags, 'warning,poolwatch');
    assert.equal(request.headers.Authorization, undefined);
  });

  it('sends the access token as a Bearer header when set', () => {
    assert.equal(formatNtfy('https://n.example', 't', 'tk_abc', makeNotification()).headers.Authorization, 'Bearer tk_abc');
  });

  it('maps urgent and critical to high, warning to default, info to low', () => {
    assert.equal(ntfyPriority({ severity: 'critical', urgent: false }), 'high');
    assert.equal(ntfyPriority({ severity: 'info', urgent: true }), 'high');
    assert.equal(ntfyPriority({ severity: 'warning', urgent: false }), 'default');
    assert.equal(ntfyPriority({ severity: 'info', urgent: false }), 'low');
    assert.equal(ntfyTags({ severity: 'critical', kind: 'alert' }), 'rotating_light,poolwatch');
    assert.equal(ntfyTags({ severity: 'critical', kind: 'resolved' }), 'white_check_mark,poolwatch');
  });

  it('encodes non-ASCII titles as RFC 2047 and strips line breaks (no header injection)', () => {
    assert.equal(encodeHeaderValue('plain title'), 'plain title');
    assert.equal(encodeHeaderValue('a\r\nX-Evil: 1'), 'a X-Evil: 1');
    const encoded = encodeHeaderValue('Ферма 😀 offline');
    const match = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(encoded);
    assert.ok(match, encoded);
    assert.equal(Buffer.from(match[1] ?? '', 'base64').toString('utf8'), 'Ферма 😀 offline');
    // Would throw in fetch if a non-Latin-1 character reached a header.
    assert.ok(/^[\x20-\x7e]+$/.test(formatNtfy('https://ntfy.sh', 't', null, makeNotification({ title: 'Ферма' })).headers.Title ?? ''));
  });

  it('keeps the body under 4096 bytes and URL-encodes the topic', () => {
    const request = formatNtfy('https://ntfy.sh', 'a_b-C', null, makeNotification({ body: 'ü'.repeat(4000) }));
    assert.ok(Buffer.byteLength(request.body, 'utf8') <= NTFY_BODY_LIMIT_BYTES);
    assert.ok(request.body.endsWith('…'));
    assert.equal(request.url, 'https://ntfy.sh/a_b-C');
  });
});
