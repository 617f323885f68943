import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ELLIPSIS, fitEscaped, truncateUtf8 } from '../../../../main/alerts/channels/text-fit';
import { cutText } from '../../../../shared/units';
import { escapeSlack } from '../../../../main/alerts/channels/slack-format';

describe('cutText', () => {
  it('keeps text that fits and cuts longer text to exactly the limit, ending in an ellipsis', () => {
    assert.equal(cutText('abc', 3), 'abc');
    const cut = cutText('abcdef', 4);
    assert.equal(cut, `abc${ELLIPSIS}`);
    assert.equal(cut.length, 4);
  });

  it('never splits an emoji (surrogate pair)', () => {
    const cut = cutText('ab😀cd', 4);
    assert.equal(cut, `ab${ELLIPSIS}`);
    assert.ok(!/[\ud800-\udbff]$/.test(cut.slice(0, -1)));
  });
});

describe('fitEscaped', () => {
  it('fits the escaped text within the limit without cutting an entity in half', () => {
    const raw = '<'.repeat(50);
    const out = fitEscaped(raw, 30, escapeSlack);
    // 7 escaped characters (28) and the ellipsis fit in 30; 8 would not: the longest fitting cut is taken.
    assert.equal(out, `${'&lt;'.repeat(7)}${ELLIPSIS}`);
  });

  it('returns the escaped text unchanged when it fits', () => {
    assert.equal(fitEscaped('a<b', 10, escapeSlack), 'a&lt;b');
  });
});

describe('truncateUtf8', () => {
  it('counts bytes, not characters, and cuts on a code point boundary', () => {
    const text = 'é'.repeat(3000); // 6000 bytes
    const cut = truncateUtf8(text, 4096);
    assert.ok(Buffer.byteLength(cut, 'utf8') <= 4096);
    assert.ok(cut.endsWith(ELLIPSIS));
    assert.ok(!cut.includes('\ufffd'));
    assert.equal(truncateUtf8('short', 4096), 'short');
  });
});
