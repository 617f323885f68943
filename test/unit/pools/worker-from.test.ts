import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerFrom, type Worker, type WorkerFigures } from '../../../shared/model';

const figures = (change: Partial<WorkerFigures> = {}): WorkerFigures => ({
  name: 'rig-01',
  group: 'alpha',
  state: 'online',
  lastShareAt: '2026-12-04T20:00:00.000Z',
  rejectRate: null,
  h10m: 1e12,
  h1h: 2e12,
  h24h: 3e12,
  ...change,
});

describe('a worker from one poll\'s figures and last poll\'s worker', () => {
  const before = workerFrom(figures(), undefined);

  it('is a new worker the first time', () => {
    assert.deepEqual(before, { name: 'rig-01', group: 'alpha', state: 'online', hashrate: { h10m: 1e12, h1h: 2e12, h24h: 3e12 }, lastShareAt: '2026-12-04T20:00:00.000Z', rejectRate: null });
  });

  it('is last poll\'s object when the figures say the same, whichever object they come in', () => {
    assert.equal(workerFrom(figures(), before), before);
  });

  it('is new when anything differs, sharing the hashrates that did not change', () => {
    const later = workerFrom(figures({ lastShareAt: '2026-12-04T20:01:00.000Z' }), before);
    assert.notEqual(later, before);
    assert.equal(later.hashrate, before.hashrate);
    assert.equal(later.lastShareAt, '2026-12-04T20:01:00.000Z');
    const faster = workerFrom(figures({ h1h: 2.5e12 }), before);
    assert.notEqual(faster.hashrate, before.hashrate);
    assert.deepEqual(faster.hashrate, { h10m: 1e12, h1h: 2.5e12, h24h: 3e12 });
    for (const change of [{ state: 'offline' }, { group: 'beta' }, { rejectRate: 0.01 }, { h24h: null }] as const) {
      const next = workerFrom(figures(change), before);
      assert.notEqual(next, before, JSON.stringify(change));
      assert.deepEqual(next, { ...before, ...(('h24h' in change) ? { hashrate: { ...before.hashrate, h24h: null } } : change) });
    }
  });

  it('is new when last poll\'s worker carried a judgement or pool facts the figures do not', () => {
    const judged: Worker = { ...before, notHashingSince: '2026-12-04T19:50:00.000Z' };
    const next = workerFrom(figures(), judged);
    assert.notEqual(next, judged);
    assert.equal(next.notHashingSince, undefined);
    const withFacts: Worker = { ...before, attributes: { connections: 2 } };
    assert.notEqual(workerFrom(figures(), withFacts), withFacts);
  });
});
