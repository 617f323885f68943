import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactSecrets, redactThenCut } from '../../../main/base/redaction';
import { cutText } from '../../../shared/units';

const KEY = 'Zq4Xv8Lm2Np6Rt0Wk3Yb7Hc5';

describe('shared redaction', () => {
  it('redacts before it cuts: a secret across the cut leaves no piece behind', () => {
    for (let padding = 150; padding <= 200; padding += 1) {
      const text = `${'.'.repeat(padding)} X-API-Secret: ${KEY} and more`;
      const shown = redactThenCut(text, [KEY], 200);
      assert.ok(shown.length <= 200);
      for (let start = 0; start + 6 <= KEY.length; start += 1) assert.ok(!shown.includes(KEY.slice(start, start + 6)), `${padding}: ${shown}`);
    }
  });

  it('a text already cut upstream (a read window) loses the start of a secret at its end', () => {
    assert.equal(redactSecrets(`error near ${KEY.slice(0, 9)}`, [KEY]), `error near ${REDACTED}`);
    assert.equal(redactSecrets('error near Zq', [KEY]), 'error near Zq', 'two characters are no piece of it');
  });

  it('finds URL-encoded and JSON-escaped forms, and flattens control characters', () => {
    const secret = 'a/b+c=d?e&f12';
    const text = `GET /x?k=${encodeURIComponent(secret)} body {"k":"${secret.replaceAll('/', '\\/')}"}\n${secret}`;
    const shown = redactThenCut(text, [secret], 500);
    assert.ok(!shown.includes('b+c=d') && !shown.includes('b%2Bc'), shown);
    assert.ok(!shown.includes('\n'));
  });

  it('cuts with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(cutText('abcdef', 10), 'abcdef');
    assert.equal(cutText('abcdef', 4), 'abc…');
    assert.equal(cutText('ab😀cd', 4), 'ab…');
  });
});
