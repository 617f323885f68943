import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAge, formatHashrate, mhsToHps, scaleHashrate, unitSystemFor } from '../../../shared/units';

describe('hashrate units', () => {
  it('scales by 1000 in SI units, up to EH/s', () => {
    assert.deepEqual(scaleHashrate(999), { value: 999, unit: 'H/s' });
    assert.deepEqual(scaleHashrate(1500), { value: 1.5, unit: 'KH/s' });
    assert.equal(formatHashrate(2.9906012588065426e16), '29.9 PH/s');
    assert.equal(formatHashrate(3.2e20), '320 EH/s');
    assert.equal(formatHashrate(5e24), '5000000 EH/s');
  });

  it('scales by 1024 in binary units, as Stratumsphere shows them', () => {
    assert.deepEqual(scaleHashrate(1024, 'binary'), { value: 1, unit: 'KH/s' });
    assert.equal(formatHashrate(1024 ** 4 * 1.5, 'binary'), '1.50 TH/s');
    assert.equal(formatHashrate(1000 ** 4 * 1.5, 'binary'), '1.36 TH/s');
  });

  it('picks binary units for Stratumsphere accounts only', () => {
    assert.equal(unitSystemFor('stratumsphere'), 'binary');
    for (const pool of ['sbi', 'spider', 'webminepool'] as const) assert.equal(unitSystemFor(pool), 'si');
  });

  it('shows unknown as a dash and converts MH/s', () => {
    assert.equal(formatHashrate(null), '—');
    assert.equal(formatHashrate(Number.NaN), '—');
    assert.equal(mhsToHps(2.5), 2.5e6);
  });

  it('formats ages', () => {
    assert.equal(formatAge(45_000), '45 s');
    assert.equal(formatAge(12 * 60_000), '12 min');
    assert.equal(formatAge(3 * 3_600_000), '3 h');
    assert.equal(formatAge(50 * 3_600_000), '2 d');
  });
});
