import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetiredWorkersView } from '../../../shared/contract';
import { newDataMark, retiredCountsById, retiredCountText } from '../../../renderer/features/overview/retired-counts';
import { makeSummary } from './fixtures';

const view = (accountId: string, count: number): RetiredWorkersView => ({
  accountId,
  accountLabel: accountId,
  count,
  // Only the first ones are named: the count is what the card shows.
  workers: [{ group: 'main', name: 'rig-01', lastShareAt: '2026-11-01T00:00:00.000Z' }],
});

describe('retired workers on the account card', () => {
  it('counts per account from the retired-workers view, the whole count and not the names listed', () => {
    const counts = retiredCountsById([view('farm', 1234), view('rentals', 3)]);
    assert.equal(counts.get('farm'), 1234);
    assert.equal(counts.get('rentals'), 3);
    assert.equal(counts.get('other'), undefined);
  });

  it('says "N retired", and nothing when there are none', () => {
    assert.equal(retiredCountText(1234), '1,234 retired');
    assert.equal(retiredCountText(1), '1 retired');
    assert.equal(retiredCountText(0), null);
    assert.equal(retiredCountText(undefined), null);
  });

  it('asks again when any account has new data, not when nothing changed', () => {
    const before = [makeSummary({ id: 'a', lastGoodAt: '2026-12-04T10:00:00.000Z' }), makeSummary({ id: 'b', lastGoodAt: null })];
    assert.equal(newDataMark(before), newDataMark(before.map((account) => ({ ...account }))));
    assert.notEqual(newDataMark(before), newDataMark([before[0]!, makeSummary({ id: 'b', lastGoodAt: '2026-12-04T10:01:00.000Z' })]));
    assert.notEqual(newDataMark(before), newDataMark(before.slice(0, 1)), 'an account removed');
  });
});
