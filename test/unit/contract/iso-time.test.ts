import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIsoTime } from '../../../shared/contract/iso-time';

describe('ISO times for history and export', () => {
  it('reads what PoolWatch and browsers print', () => {
    assert.equal(parseIsoTime('2026-11-21T12:00:00.000Z'), Date.UTC(2026, 10, 21, 12));
    assert.equal(parseIsoTime('2026-11-21T12:00:00Z'), Date.UTC(2026, 10, 21, 12));
    assert.equal(parseIsoTime('2026-11-21T12:00:00.5Z'), Date.UTC(2026, 10, 21, 12, 0, 0, 500));
  });

  it('takes a date or a time without an offset as UTC, wherever the computer is', () => {
    assert.equal(parseIsoTime('2026-01-01'), Date.UTC(2026, 0, 1));
    assert.equal(parseIsoTime('2026-01-01T06:30'), Date.UTC(2026, 0, 1, 6, 30));
  });

  it('applies an offset', () => {
    assert.equal(parseIsoTime('2026-01-01T01:00:00+01:00'), Date.UTC(2026, 0, 1, 0));
    assert.equal(parseIsoTime('2025-12-31T19:00:00-05:00'), Date.UTC(2026, 0, 1, 0));
  });

  it('refuses dates that do not exist and text that is not ISO', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-01-01T24:00', '2026-01-01T12:60', 'March 3', 'yesterday', '1700000000000', '2026-1-1', '']) {
      assert.equal(parseIsoTime(text), null, text);
    }
  });
});
