import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoTimeFromMs } from '../../../main/base/time';
import { mayOverflow, numberFromText, parseJsonBody, parseJsonBodyAs } from '../../../main/pools/response-parsing';
import { dayLabel, msToIso, secondsToIso } from '../../../main/pools/spider/spider-mapping';

describe('numbers and times no date or double can hold', () => {
  it('JSON 1e309 and "1e309" become the largest number (for the reading checks to name), never Infinity', () => {
    const body = parseJsonBody({ status: 200, headers: new Headers(), text: '{"a":1e309,"b":-1e309,"c":2}' }, 'Pool', 'x') as Record<string, number>;
    assert.deepEqual(body, { a: Number.MAX_VALUE, b: -Number.MAX_VALUE, c: 2 });
    assert.equal(numberFromText('1e309'), Number.MAX_VALUE);
    assert.equal(numberFromText('2.5E10'), 2.5e10);
  });

  it('a body checked as it is parsed keeps 1e309 for the check too, and parses a plain body once', () => {
    const answer = (text: string) => ({ status: 200, headers: new Headers(), text });
    let checks = 0;
    // Like every schema: numbers must be finite.
    const finite = (json: unknown) => {
      checks += 1;
      const values = Object.values(json as Record<string, unknown>);
      if (values.some((value) => typeof value === 'number' && !Number.isFinite(value))) throw new Error('not finite');
      return values;
    };
    assert.deepEqual(parseJsonBodyAs(answer('{"a":1e309,"c":2}'), 'Pool', 'x', finite), [Number.MAX_VALUE, 2]);
    assert.equal(checks, 2, 'checked as parsed, then again with the huge number kept');
    checks = 0;
    assert.deepEqual(parseJsonBodyAs(answer('{"name":"rig-e123","c":2}'), 'Pool', 'x', finite), ['rig-e123', 2]);
    assert.equal(checks, 1);
    assert.throws(() => parseJsonBodyAs(answer('{"a":-1e400}'), 'Pool', 'x', (json) => { throw new Error(`refused ${JSON.stringify(json)}`); }), /refused \{"a":-1\.7976931348623157e\+308\}/);
    assert.throws(() => parseJsonBodyAs(answer('<html>'), 'Pool', 'the worker list', finite), /HTML page/);
  });

  it('only a number literal with a 3-digit exponent takes the slow parse; key names like avgHashrate1440 do not', () => {
    for (const text of ['{"a":1e309}', '{"a":-1E+309}', '{"a":1.5e308}', '[2e1000]']) assert.equal(mayOverflow(text), true, text);
    // Every Spider worker has avgHashrate1440 and avgRejectrate1440: each page paid for the reviver (3x JSON.parse).
    for (const text of ['{"avgHashrate1440":"1","avgRejectrate1440":0.1}', '{"name":"node1234"}', '{"a":1e30,"b":"e999"}', '{"a":2.5E10}', '{"a":9.99e-999}']) {
      assert.equal(mayOverflow(text), false, text);
    }
    const body = parseJsonBody({ status: 200, headers: new Headers(), text: '{"avgHashrate1440":"5","x":[1e309]}' }, 'Pool', 'x');
    assert.deepEqual(body, { avgHashrate1440: '5', x: [Number.MAX_VALUE] });
  });

  it('a time beyond any date is null, not a RangeError', () => {
    assert.equal(isoTimeFromMs(Number.MAX_VALUE), null);
    assert.equal(isoTimeFromMs(1e20), null);
    assert.equal(isoTimeFromMs(0), '1970-01-01T00:00:00.000Z');
    assert.equal(secondsToIso(Number.MAX_VALUE), null);
    assert.equal(msToIso(1e300), null);
    assert.equal(dayLabel(Number.MAX_VALUE), null);
    assert.equal(dayLabel(Date.UTC(2026, 0, 2, 3)), '2026-01-02');
  });
});
