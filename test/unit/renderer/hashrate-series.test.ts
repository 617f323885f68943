import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HashrateHistoryPoint } from '../../../shared/contract';
import {
  axisTickText,
  axisUnitFor,
  exactHashrateText,
  hashrateChartData,
  mergeHashratePoints,
  scaledHashrateText,
} from '../../../renderer/features/charts/hashrate-series';

function point(minute: number, avg: number, spread = 0): HashrateHistoryPoint {
  return { at: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(), min: avg - spread, avg, max: avg + spread };
}

describe('axis units', () => {
  it('picks one SI unit for the whole axis from its highest value', () => {
    assert.deepEqual(axisUnitFor(2.5e15, 'si'), { unit: 'PH/s', divisor: 1e15 });
    assert.deepEqual(axisUnitFor(999, 'si'), { unit: 'H/s', divisor: 1 });
    assert.deepEqual(axisUnitFor(0, 'si'), { unit: 'H/s', divisor: 1 });
    assert.deepEqual(axisUnitFor(3e18, 'si'), { unit: 'EH/s', divisor: 1e18 });
  });

  it('steps by 1024 for Stratumsphere', () => {
    assert.deepEqual(axisUnitFor(1024 ** 2 * 5, 'binary'), { unit: 'MH/s', divisor: 1024 ** 2 });
    assert.deepEqual(axisUnitFor(1000 ** 2, 'binary'), { unit: 'KH/s', divisor: 1024 });
  });

  it('writes ticks in the axis unit', () => {
    assert.equal(axisTickText(1.5, { unit: 'PH/s', divisor: 1e15 }), '1.5 PH/s');
    assert.equal(axisTickText(1234.567, { unit: 'TH/s', divisor: 1e12 }), '1,234.57 TH/s');
  });
});

describe('tooltip figures', () => {
  it('shows the readable value and the exact H/s behind it', () => {
    assert.equal(exactHashrateText(1.234e15, 'si'), '1.234 PH/s (1,234,000,000,000,000 H/s)');
    assert.equal(exactHashrateText(512, 'si'), '512 H/s');
    assert.equal(exactHashrateText(Number.NaN, 'si'), '—');
  });

  it('scales with 1024 for binary units', () => {
    assert.equal(scaledHashrateText(1536, 'binary'), '1.5 KH/s');
    assert.equal(exactHashrateText(1536, 'binary'), '1.5 KH/s (1,536 H/s)');
  });
});

describe('hashrate chart data', () => {
  it('scales points to the axis unit and keeps the exact figures', () => {
    const { data, axis } = hashrateChartData([point(0, 2e15, 1e14), point(1, 3e15)], 'si', 100);
    assert.deepEqual(axis, { unit: 'PH/s', divisor: 1e15 });
    assert.deepEqual(data[0], { atMs: Date.UTC(2025, 0, 1, 0, 0), avg: 2, band: [1.9, 2.1], hps: { min: 1.9e15, avg: 2e15, max: 2.1e15 } });
  });

  it('never hands recharts more points than the budget, keeping the band', () => {
    const points = Array.from({ length: 5000 }, (_, index) => point(index, 1e12, index === 2500 ? 5e11 : 0));
    const { data } = hashrateChartData(points, 'si', 1600);
    assert.equal(data.length, 1600);
    const drawn = data.flatMap((datum) => (datum.avg === null ? [] : [datum]));
    assert.equal(Math.min(...drawn.map((datum) => datum.hps.min)), 5e11);
    assert.equal(Math.max(...drawn.map((datum) => datum.hps.max)), 1.5e12);
  });

  it('merges a bucket into its lowest min, highest max and mean average, at its start', () => {
    assert.deepEqual(mergeHashratePoints([point(0, 10, 1), point(1, 20, 5), point(2, 30, 0)]), {
      at: point(0, 0).at,
      min: 9,
      avg: 20,
      max: 30,
    });
  });

  it('breaks the line where nothing was recorded, and nowhere else', () => {
    // point(i) is i minutes in: polls every minute, then the app was off for an hour.
    const points = [0, 1, 2, 3, 63, 64, 65].map((minute) => point(minute, 1e12));
    const { data } = hashrateChartData(points, 'si', 100);
    const gaps = data.filter((datum) => datum.avg === null);
    assert.equal(gaps.length, 1);
    assert.equal(data.indexOf(gaps[0]!), 4, 'between the last point before and the first after');
    assert.ok(gaps[0]!.atMs > data[3]!.atMs && gaps[0]!.atMs < data[5]!.atMs);
    assert.equal(hashrateChartData(points.slice(0, 4), 'si', 100).data.length, 4, 'evenly spaced points have no gap');
  });

  it('marks a point with gaps on both sides, which a line cannot show, as isolated', () => {
    // Hours of pool history, then the first poll of our own after a pause.
    const points = [0, 60, 120, 180, 240, 600].map((minute) => point(minute, 1e15));
    const drawn = hashrateChartData(points, 'si', 100).data.filter((datum) => datum.avg !== null);
    assert.deepEqual(drawn.map((datum) => 'isolated' in datum && datum.isolated === true), [false, false, false, false, false, true]);
    const single = hashrateChartData([point(5, 1e15)], 'si', 100).data;
    assert.equal(single.length, 1);
    assert.equal('isolated' in single[0]! && single[0].isolated, true, 'a single point is a dot');
  });

  it('skips points whose time does not parse', () => {
    const { data } = hashrateChartData([{ at: 'nonsense', min: 1, avg: 1, max: 1 }, point(0, 1)], 'si', 100);
    assert.equal(data.length, 1);
  });
});
