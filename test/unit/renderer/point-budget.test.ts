import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketSeries, maxPointsForWidth, pointBudget } from '../../../renderer/features/charts/point-budget';

describe('point budget', () => {
  it('allows two points per pixel within the contract bounds', () => {
    assert.equal(pointBudget(800), 1600);
    assert.equal(pointBudget(3), 10);
    assert.equal(pointBudget(20_000), 10_000);
    assert.equal(pointBudget(Number.NaN), 10);
  });

  it('asks for a stepped maxPoints that never exceeds the budget', () => {
    assert.equal(maxPointsForWidth(1000), 2000);
    assert.equal(maxPointsForWidth(1049), 2000);
    assert.equal(maxPointsForWidth(1050), 2100);
    for (let width = 0; width <= 6000; width += 7) {
      const asked = maxPointsForWidth(width);
      assert.ok(asked <= pointBudget(width), `width ${width}`);
      assert.ok(asked >= 10 && asked <= 10_000, `width ${width}`);
    }
  });
});

describe('bucketSeries', () => {
  const sum = (bucket: readonly number[]) => bucket.reduce((total, value) => total + value, 0);

  it('hands back a series within the budget untouched', () => {
    const points = [1, 2, 3];
    assert.equal(bucketSeries(points, 3, sum), points);
  });

  it('merges a long series into exactly the budget, losing nothing', () => {
    const points = Array.from({ length: 100_000 }, (_, index) => index % 7);
    const bounded = bucketSeries(points, 1600, sum);
    assert.equal(bounded.length, 1600);
    assert.equal(sum(bounded), sum(points));
  });

  it('keeps buckets in order and nearly equal in size', () => {
    const bounded = bucketSeries([1, 2, 3, 4, 5, 6, 7], 3, (bucket) => bucket.length);
    assert.deepEqual(bounded, [2, 2, 3]);
  });
});
