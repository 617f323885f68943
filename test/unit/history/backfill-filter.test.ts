import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newBackfill } from '../../../main/history/backfill-filter';
import type { HashrateSeries } from '../../../shared/model';

function series(group: string, hps: number[], worker: string | null = null): HashrateSeries {
  return { group, worker, resolution: 'hour', points: hps.map((value, i) => ({ at: new Date(Date.UTC(2026, 10, 21, i)).toISOString(), hps: value })) };
}

describe('pool history merged once', () => {
  it('passes a series the first time and drops it when the cache hands it over again', () => {
    const backfill = newBackfill();
    const charts = [series('main (BTC)', [1, 2, 3]), series('main (BTC)', [4, 5], 'rig-1')];
    const first = backfill.select('spider', charts);
    assert.deepEqual(first.unmerged, charts);
    first.written();
    const again = backfill.select('spider', charts.map((one) => structuredClone(one)));
    assert.equal(again.unmerged, undefined, 'the same figures, even as new objects, are not merged again');
  });

  it('passes a series whose figures changed, and only that one', () => {
    const backfill = newBackfill();
    backfill.select('spider', [series('a', [1, 2]), series('b', [3])]).written();
    const next = backfill.select('spider', [series('a', [1, 2]), series('b', [3, 4])]);
    assert.deepEqual(next.unmerged, [series('b', [3, 4])]);
  });

  it('offers a series again when its write failed', () => {
    const backfill = newBackfill();
    const charts = [series('a', [1])];
    backfill.select('spider', charts); // the poll's transaction failed: written() never ran
    assert.deepEqual(backfill.select('spider', charts).unmerged, charts);
  });

  it('keeps accounts apart', () => {
    const backfill = newBackfill();
    const charts = [series('a', [1])];
    backfill.select('one', charts).written();
    assert.deepEqual(backfill.select('two', charts).unmerged, charts);
  });
});
