// Stratumsphere value parsing and mapping rules, one at a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { mapBounded } from '../../../main/pools/stratumsphere/bounded-map';
import { errorText, isErrorOnlyBody, reportsFailure, saysInvalidKey, unwrapEnvelope } from '../../../main/pools/stratumsphere/endpoints';
import { lenientId, optionalFlag, optionalNumber } from '../../../main/pools/stratumsphere/lenient-values';
import { rejectRate, rentalState, schedulerToGroup, rentalToWorker, uniqueNames } from '../../../main/pools/stratumsphere/stratumsphere-mapping';

describe('lenient values', () => {
  const number = z.object({ value: optionalNumber });
  const flag = z.object({ value: optionalFlag });

  it('numbers as numbers or numeric strings ("2", \'1\', E-notation); empty means null; absent stays absent', () => {
    assert.deepEqual(number.parse({ value: '2' }), { value: 2 });
    assert.deepEqual(number.parse({ value: ' 1.5e13 ' }), { value: 1.5e13 });
    assert.deepEqual(number.parse({ value: '' }), { value: null });
    assert.deepEqual(number.parse({}), {});
    assert.equal(number.safeParse({ value: 'fast' }).success, false);
    assert.equal(number.safeParse({ value: '1e999' }).success, false, 'Infinity is not a hashrate');
  });

  it('flags as booleans, 0/1 and their strings', () => {
    for (const [input, expected] of [[true, true], [0, false], [1, true], ['1', true], ['false', false], ['TRUE', true], [null, null]] as const) {
      assert.deepEqual(flag.parse({ value: input }), { value: expected }, String(input));
    }
    assert.equal(flag.safeParse({ value: 'sometimes' }).success, false);
    assert.equal(flag.safeParse({ value: 2 }).success, false);
  });

  it('ids as numbers or text, kept as text', () => {
    assert.equal(lenientId.parse(103), '103');
    assert.equal(lenientId.parse(' 103 '), '103');
    assert.equal(lenientId.safeParse('').success, false);
  });
});

describe('envelopes and error bodies', () => {
  it('unwraps {success, data} and {data} alone, keeps flat bodies', () => {
    assert.deepEqual(unwrapEnvelope({ success: true, data: [1] }), [1]);
    assert.deepEqual(unwrapEnvelope({ data: { id: 1 }, message: 'ok' }), { id: 1 });
    const flat = { id: 1, data: 'rental notes', hashrate: 5 };
    assert.equal(unwrapEnvelope(flat), flat, 'a rental with a "data" field of its own is not an envelope');
  });

  it('reads success:false in its spellings and the error text from error or message', () => {
    assert.equal(reportsFailure({ success: '0' }), true);
    assert.equal(reportsFailure({ success: 1 }), false);
    assert.equal(errorText({ error: { message: 'nested' } }), 'nested');
    assert.equal(errorText({ message: '  ' }), null);
    assert.equal(isErrorOnlyBody({ error: 'invalid key' }), true);
    assert.equal(isErrorOnlyBody({ message: 'ok', data: [] }), false);
  });

  it('recognises the invalid-key wording, whatever its case', () => {
    for (const text of ['invalid key', 'Invalid Key', 'invalid api key', 'INVALID_KEY']) assert.equal(saysInvalidKey(text), true, text);
    assert.equal(saysInvalidKey('invalid scheduler'), false);
    assert.equal(saysInvalidKey(null), false);
  });
});

describe('mapping rules', () => {
  it('state: connections > 0 online, 0 offline, unknown when not said', () => {
    assert.equal(rentalState(4), 'online');
    assert.equal(rentalState(0), 'offline');
    assert.equal(rentalState(null), 'unknown');
  });

  it('reject rate is rejected / (accepted + rejected), null without work or figures', () => {
    assert.equal(rejectRate(99, 1), 0.01);
    assert.equal(rejectRate(0, 5), 1);
    assert.equal(rejectRate(0, 0), null);
    assert.equal(rejectRate(null, 1), null);
    assert.equal(rejectRate(100, -1), null);
  });

  it('rentals report accepted H/s apart when they can: it then wins over hashrate for the rate', () => {
    const worker = rentalToWorker('9', { id: '9', name: 'r', hashrateHps: 200, averageHps: 150, acceptedHps: 90, rejectedHps: 10, connections: 1, stable: null }, 'r', 'S');
    assert.equal(worker.rejectRate, 0.1);
    assert.deepEqual(worker.hashrate, { h10m: 200, h1h: null, h24h: 150 });
  });

  it('names repeated within a list get the id on every use, so they do not depend on order', () => {
    const items = [{ id: '5', name: 'a' }, { id: '6', name: 'b' }, { id: '7', name: 'a' }, { id: '8', name: null }];
    assert.deepEqual(
      uniqueNames(items, (item) => item.name, (item) => item.id, (id) => `rental ${id}`),
      ['a #5', 'b', 'a #7', 'rental 8'],
    );
  });

  it('unread rentals count as unknown in the group', () => {
    const group = schedulerToGroup(
      { id: '1', name: 'S', type: null, algorithm: null, location: null, hashrate: { totalHps: null, personalHps: null, rentedHps: null, averageHps: null, rejectedHps: null }, rentals: [] },
      'S',
      [],
      3,
    );
    assert.deepEqual(group.workers, { online: 0, offline: 0, dead: 0, unknown: 3, total: 3 });
    assert.deepEqual(group.attributes, { schedulerId: '1', unstableRentals: '0' });
  });
});

describe('mapBounded', () => {
  it('keeps order, never exceeds the limit, and starts nothing new after a failure', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      started.push(item);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 8 - item));
      running -= 1;
      return item * 10;
    });
    assert.deepEqual(results, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(peak, 3);

    started.length = 0;
    await assert.rejects(
      mapBounded([1, 2, 3, 4, 5, 6, 7, 8], 2, async (item) => {
        started.push(item);
        await new Promise((resolve) => setImmediate(resolve));
        if (item === 2) throw new Error('stop');
        return item;
      }),
      /stop/,
    );
    assert.ok(started.length <= 3, `started ${started.join(',')}`);
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
  });
});
