import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvDocument } from '../../../main/history/csv';

describe('CSV cells', () => {
  it('leaves plain text and numbers as they are, unformatted', () => {
    assert.equal(csvCell('rig-01'), 'rig-01');
    assert.equal(csvCell(29_900_000_000_000_000), '29900000000000000');
    assert.equal(csvCell(0.00012345), '0.00012345');
    assert.equal(csvCell(true), 'true');
  });

  it('writes tiny and huge numbers in plain decimals, without exponents', () => {
    assert.equal(csvCell(1e-8), '0.00000001');
    assert.equal(csvCell(5e-7), '0.0000005');
    assert.equal(csvCell(1.25e-7), '0.000000125');
    assert.equal(csvCell(-3e-9), '-0.000000003');
    assert.equal(csvCell(1.5e21), '1500000000000000000000');
    assert.equal(csvCell(0.1 + 0.2), '0.30000000000000004', 'full precision, as stored');
  });

  it('writes null and non-finite numbers as empty cells', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(Number.POSITIVE_INFINITY), '');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
  });

  it('keeps text a spreadsheet would run as a formula from running', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-rig'), "'-rig");
    assert.equal(csvCell('@sum'), "'@sum");
    assert.equal(csvCell(-5), '-5', 'a negative number is a number, not a formula');
  });
});

describe('CSV documents', () => {
  it('has a header row and CRLF line ends, also after the last row', () => {
    assert.equal(csvDocument(['a', 'b'], [[1, 'x'], [null, 'y,z']]), 'a,b\r\n1,x\r\n,"y,z"\r\n');
  });

  it('is only the header when there are no rows', () => {
    assert.equal(csvDocument(['time', 'hashrate_hps'], []), 'time,hashrate_hps\r\n');
  });
});
