import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downsampleMinMax, lttb, type RangePoint } from '../../../shared/charts/lttb';

/** A noisy but steady series with one deep drop and one tall spike, seeded so failures reproduce. */
function series(length: number, dropAt: number, spikeAt: number) {
  let seed = 7;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length }, (_, x) => ({ x, y: x === dropAt ? 0 : x === spikeAt ? 500 : 100 + 10 * noise() }));
}

describe('LTTB', () => {
  it('returns at most maxPoints, always the first and the last', () => {
    const points = series(100_000, 40_000, 70_000);
    for (const max of [4, 10, 1_000, 3_000]) {
      const out = lttb(points, max);
      assert.ok(out.length <= max, `${out.length} <= ${max}`);
      assert.equal(out[0], points[0]);
      assert.equal(out.at(-1), points.at(-1));
    }
  });

  it('keeps a one-sample drop and a one-sample spike visible', () => {
    for (const [dropAt, spikeAt] of [[40_000, 70_000], [1, 99_998], [50_000, 50_001]]) {
      const out = lttb(series(100_000, dropAt!, spikeAt!), 200);
      assert.ok(out.some((p) => p.y === 0), `drop at ${dropAt} kept`);
      assert.ok(out.some((p) => p.y === 500), `spike at ${spikeAt} kept`);
    }
  });

  it('keeps points in time order and picks only input points', () => {
    const points = series(10_000, 10, 20);
    const out = lttb(points, 500);
    for (let i = 1; i < out.length; i += 1) assert.ok(out[i]!.x > out[i - 1]!.x);
    assert.ok(out.every((p) => points[p.x] === p));
  });

  it('passes short series through untouched', () => {
    const points = series(50, 3, 4);
    assert.deepEqual(lttb(points, 100), points);
  });
});

describe('min/max time buckets', () => {
  const minute = 60_000;
  const year: RangePoint[] = Array.from({ length: 525_600 }, (_, i) => ({ at: i * minute, min: 95, avg: 100, max: 105 }));
  year[200_000] = { at: 200_000 * minute, min: 3, avg: 3, max: 3 };
  year[400_000] = { at: 400_000 * minute, min: 900, avg: 900, max: 900 };

  it('bounds a year of minutes to the budget', () => {
    const out = downsampleMinMax(year, 2_000);
    assert.ok(out.length <= 2_000 && out.length >= 1_900, String(out.length));
  });

  it('keeps the extremes in the bands and the average of each bucket', () => {
    const out = downsampleMinMax(year, 2_000);
    assert.equal(Math.min(...out.map((p) => p.min)), 3);
    assert.equal(Math.max(...out.map((p) => p.max)), 900);
    const steady = out.filter((p) => p.min === 95 && p.max === 105);
    assert.ok(steady.length > 1_900 && steady.every((p) => p.avg === 100));
  });

  it('keeps times ordered and each bucket at its first time', () => {
    const out = downsampleMinMax(year, 500);
    for (let i = 1; i < out.length; i += 1) assert.ok(out[i]!.at > out[i - 1]!.at);
    assert.equal(out[0]!.at, 0);
  });
});
