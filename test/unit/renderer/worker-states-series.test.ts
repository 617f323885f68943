import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkerStatesPoint } from '../../../shared/contract';
import { mergeWorkerStates, workerStatesChartData } from '../../../renderer/features/charts/worker-states-series';

function point(minute: number, online: number, offline = 0, dead = 0): WorkerStatesPoint {
  return { at: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(), online, offline, dead, unknown: 0 };
}

describe('worker states series', () => {
  it('keeps each bucket’s worst moment, at the bucket’s start', () => {
    assert.deepEqual(mergeWorkerStates([point(0, 10), point(1, 7, 2, 1), point(2, 9, 1)]), { ...point(1, 7, 2, 1), at: point(0, 0).at });
  });

  it('bounds a year of samples to the budget and still shows a one-sample outage', () => {
    const points = Array.from({ length: 20_000 }, (_, index) => (index === 12_345 ? point(index, 0, 0, 10) : point(index, 10)));
    const data = workerStatesChartData(points, 1600);
    assert.equal(data.length, 1600);
    assert.equal(data.filter((datum) => datum.dead === 10).length, 1);
    assert.equal(data[0]?.atMs, Date.UTC(2025, 0, 1));
  });

  it('stops the areas where nothing was recorded instead of holding the last state across the gap', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
    const points = [0, 1, 2, 3, 90, 91, 92].map((minute) => ({ at: at(minute), online: 5, offline: 1, dead: 0, unknown: 0 }));
    const data = workerStatesChartData(points, 100);
    assert.equal(data.length, 8);
    const gap = data[4]!;
    assert.deepEqual([gap.online, gap.offline, gap.dead, gap.unknown], [null, null, null, null]);
    assert.ok(gap.atMs > Date.parse(at(3)) && gap.atMs < Date.parse(at(90)));
  });
});
