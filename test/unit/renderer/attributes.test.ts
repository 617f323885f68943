import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  attributeKind,
  attributeNumber,
  attributeTitle,
  discoverAttributeColumns,
  formatAttributeValue,
} from '../../../renderer/components/attributes';

describe('discoverAttributeColumns', () => {
  it('lists every label once, in the order labels first appear', () => {
    const columns = discoverAttributeColumns([
      {},
      { attributes: { connections: 3, stable: true } },
      { attributes: { stable: false, rejected: 0.5, connections: 1 } },
    ]);
    assert.deepEqual(
      columns.map((column) => column.label),
      ['connections', 'stable', 'rejected'],
    );
  });

  it('marks a column numeric when every present value is a number or numeric text', () => {
    const columns = discoverAttributeColumns([
      { attributes: { connections: 3, stable: true, unstable: '2', location: 'europe' } },
      { attributes: { connections: null, stable: null, unstable: '0', location: '1' } },
    ]);
    assert.deepEqual(
      Object.fromEntries(columns.map((column) => [column.label, column.numeric])),
      { connections: true, stable: false, unstable: true, location: false },
    );
  });

  it('titles and kinds the columns from their keys', () => {
    const columns = discoverAttributeColumns([
      { attributes: { unstableRentals: '2', rejectedHps: 'n/a', countedAt: '2025-01-01T00:00:00Z', 'Payout address': 'bc1q' } },
    ]);
    assert.deepEqual(
      columns.map((column) => [column.title, column.kind, column.numeric]),
      [
        ['Unstable rentals', 'plain', true],
        ['Rejected', 'hashrate', true],
        ['Counted at', 'time', false],
        ['Payout address', 'plain', false],
      ],
    );
  });

  it('finds no columns when nothing carries attributes (SBI, Spider)', () => {
    assert.deepEqual(discoverAttributeColumns([{}, { attributes: {} }]), []);
  });
});

describe('attribute values', () => {
  it('reads numbers, also sent as text', () => {
    assert.equal(attributeNumber(2), 2);
    assert.equal(attributeNumber(' 2 '), 2);
    assert.equal(attributeNumber('1.5e3'), 1500);
    assert.equal(attributeNumber(''), null);
    assert.equal(attributeNumber('0x10'), null);
    assert.equal(attributeNumber('Infinity'), null);
    assert.equal(attributeNumber(true), null);
    assert.equal(attributeNumber(Number.NaN), null);
  });

  it('spells out camelCase keys and keeps labels written in words', () => {
    assert.equal(attributeTitle('rentalId'), 'Rental ID');
    assert.equal(attributeTitle('schedulerId'), 'Scheduler ID');
    assert.equal(attributeTitle('unstableRentals'), 'Unstable rentals');
    assert.equal(attributeTitle('rejectedHps'), 'Rejected');
    assert.equal(attributeTitle('hashes'), 'Hashes');
    assert.equal(attributeTitle('Payout address'), 'Payout address');
    assert.equal(attributeTitle('unstable rentals'), 'Unstable rentals');
    assert.equal(attributeTitle('Satoshi per 1,000,000 hashes (CLI mining)'), 'Satoshi per 1,000,000 hashes (CLI mining)');
  });

  it('reads hashrates from `…Hps` keys and times from `…At` keys only', () => {
    assert.equal(attributeKind('rejectedHps'), 'hashrate');
    assert.equal(attributeKind('countedAt'), 'time');
    assert.equal(attributeKind('Hps'), 'plain');
    assert.equal(attributeKind('stable'), 'plain');
    assert.equal(attributeKind('Sat'), 'plain');
  });

  it('formats hashrates in the row\'s unit system', () => {
    assert.equal(formatAttributeValue(2048, 'hashrate', 'binary'), '2.00 KH/s');
    assert.equal(formatAttributeValue('2048', 'hashrate', 'si'), '2.05 KH/s');
    assert.equal(formatAttributeValue('n/a', 'hashrate', 'si'), 'n/a');
    assert.equal(formatAttributeValue(null, 'hashrate', 'si'), '—');
    assert.equal(formatAttributeValue('not a time', 'time'), 'not a time');
  });

  it('formats for a cell', () => {
    assert.equal(formatAttributeValue(1234567), '1,234,567');
    assert.equal(formatAttributeValue(0.12345), '0.123');
    assert.equal(formatAttributeValue(true), 'yes');
    assert.equal(formatAttributeValue(false), 'no');
    assert.equal(formatAttributeValue('us-central'), 'us-central');
    assert.equal(formatAttributeValue(null), '—');
    assert.equal(formatAttributeValue(undefined), '—');
    assert.equal(formatAttributeValue(''), '—');
  });
});
