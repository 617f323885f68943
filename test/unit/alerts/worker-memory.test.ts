import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkerMemory } from '../../../main/alerts/worker-memory';
import { HOUR, MINUTE, T0 } from './observation-builder';

const START = Math.floor(T0 / HOUR) * HOUR; // on an hour boundary, so bucket edges are easy to reason about

describe('WorkerMemory', () => {
  it('has no baseline before an hour of history', () => {
    const memory = new WorkerMemory();
    for (let m = 0; m < 59; m += 1) memory.addSample('a', START + m * MINUTE, 100);
    assert.equal(memory.average('a', START + 59 * MINUTE), null);
    assert.equal(memory.average('a', START + 60 * MINUTE), 100);
    assert.equal(memory.average('unknown', START + 60 * MINUTE), null);
  });

  it('averages every sample of the trailing 24 hours', () => {
    const memory = new WorkerMemory();
    for (let h = 0; h < 24; h += 1) for (let m = 0; m < 60; m += 10) memory.addSample('a', START + h * HOUR + m * MINUTE, h < 12 ? 100 : 200);
    assert.equal(memory.average('a', START + 23 * HOUR + 59 * MINUTE), 150);
  });

  it('forgets hours older than 24', () => {
    const memory = new WorkerMemory();
    memory.addSample('a', START, 1000);
    memory.addSample('a', START + 2 * HOUR, 100);
    assert.equal(memory.average('a', START + 2 * HOUR), 550);
    memory.addSample('a', START + 24 * HOUR, 100); // reuses the first hour's bucket
    assert.equal(memory.average('a', START + 24 * HOUR), 100);
    assert.equal(memory.average('a', START + 48 * HOUR), null, 'nothing left in the window');
  });

  it('keeps workers apart, and stays accurate at large hashrates', () => {
    const memory = new WorkerMemory();
    for (let m = 0; m <= 60; m += 1) {
      memory.addSample('a', START + m * MINUTE, 120e12);
      memory.addSample('b', START + m * MINUTE, 30e12);
    }
    assert.ok(Math.abs((memory.average('a', START + HOUR) ?? 0) / 120e12 - 1) < 1e-6);
    assert.ok(Math.abs((memory.average('b', START + HOUR) ?? 0) / 30e12 - 1) < 1e-6);
  });

  it('remembers who was seen online', () => {
    const memory = new WorkerMemory();
    memory.touch('a', START, false);
    assert.equal(memory.wasSeenOnline('a'), false);
    memory.touch('a', START + MINUTE, true);
    memory.touch('a', START + 2 * MINUTE, false);
    assert.equal(memory.wasSeenOnline('a'), true);
    assert.equal(memory.wasSeenOnline('b'), false);
  });

  it('frees workers not listed for 24 hours and reuses their slots clean', () => {
    const memory = new WorkerMemory();
    for (let i = 0; i < 100; i += 1) {
      memory.touch(`w${i}`, START, true);
      memory.addSample(`w${i}`, START, 5);
    }
    memory.touch('w0', START + 23 * HOUR, true);
    memory.sweep(START + 24 * HOUR);
    assert.equal(memory.size, 1);
    memory.touch('new', START + 24 * HOUR, false);
    assert.equal(memory.wasSeenOnline('new'), false, 'a reused slot starts empty');
    assert.equal(memory.average('new', START + 26 * HOUR), null);
    assert.equal(memory.size, 2);
  });

  it('holds 30,000 workers', () => {
    const memory = new WorkerMemory();
    for (let m = 0; m <= 60; m += 30) for (let i = 0; i < 30_000; i += 1) memory.addSample(`w${i}`, START + m * MINUTE, i);
    assert.equal(memory.size, 30_000);
    assert.equal(memory.average('w29999', START + HOUR), 29_999);
  });

  it("finds a whole list's slots by position or by key, and never hands out a swept worker's slot by position", () => {
    const memory = new WorkerMemory();
    const first = memory.slotsOf(['a', 'b']);
    memory.touchSlot(first[0]!, START, true);
    assert.deepEqual([...memory.slotsOf(['a', 'b'])], [...first], 'the same list: the same slots');
    const swapped = memory.slotsOf(['b', 'a']);
    assert.equal(memory.slotSeenOnline(swapped[1]!), true, 'a keeps its memory after the order changed');
    assert.equal(memory.slotSeenOnline(swapped[0]!), false);
    // a is not listed for a day: swept; a new worker in a's old place must start empty.
    for (let h = 1; h <= 25; h += 1) {
      memory.touchSlot(memory.slotsOf(['b'])[0]!, START + h * HOUR, false);
      memory.sweep(START + h * HOUR);
    }
    memory.slotsOf(['a', 'b']); // listed again but never touched: swept again below, its slot freed
    memory.sweep(START + 26 * HOUR);
    const after = memory.slotsOf(['a', 'b', 'c']);
    assert.notEqual(after[0], after[2], 'a and c never share a slot');
    assert.equal(memory.slotSeenOnline(after[2]!), false, 'c does not inherit what a was');
  });
});
