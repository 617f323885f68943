import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoTimeFromMs, isoTimeFromText } from '../../../main/base/time';

describe('ISO times shared between polls', () => {
  it('give the same answer the first time, again, and after more distinct times than are kept', () => {
    const base = Date.UTC(2026, 11, 4, 23, 59, 58, 7);
    const asked = Array.from({ length: 5000 }, (_, i) => base + i * 1000);
    const first = asked.map((ms) => isoTimeFromMs(ms));
    assert.deepEqual(first.slice(0, 3), ['2026-12-04T23:59:58.007Z', '2026-12-04T23:59:59.007Z', '2026-12-05T00:00:00.007Z']);
    assert.deepEqual(asked.map((ms) => isoTimeFromMs(ms)), asked.map((ms) => new Date(ms).toISOString()));
    const texts = first.map((iso) => `${iso!.slice(0, 23)}+00:00`);
    assert.deepEqual(texts.map((text) => isoTimeFromText(text)), first);
    assert.deepEqual(texts.map((text) => isoTimeFromText(text)), first, 'the second time, from what was kept');
  });

  it('remember what is no time as null, and never give it for a real time', () => {
    for (let round = 0; round < 2; round += 1) {
      assert.equal(isoTimeFromText('yesterday'), null);
      assert.equal(isoTimeFromMs(Number.MAX_VALUE), null);
      assert.equal(isoTimeFromMs(Number.NaN), null);
      assert.equal(isoTimeFromText('2021-09-17T12:04:49+02:00'), '2021-09-17T10:04:49.000Z');
      assert.equal(isoTimeFromMs(-1), '1969-12-31T23:59:59.999Z');
      assert.equal(isoTimeFromMs(0.5), '1970-01-01T00:00:00.000Z');
      assert.equal(isoTimeFromText(`2021-09-17T10:04:49.000Z${' '.repeat(100_000)}`), null, 'a long text, not kept');
    }
  });
});
