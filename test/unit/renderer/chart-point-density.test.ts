import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HashrateHistoryPoint, WorkerStatesPoint } from '../../../shared/contract';
import { hashrateChartData } from '../../../renderer/features/charts/hashrate-series';
import { plotWidthOf, pointBudget } from '../../../renderer/features/charts/point-budget';
import { workerStatesChartData } from '../../../renderer/features/charts/worker-states-series';

// No chart draws more than two points per pixel of its plot (the width its x-axis draws on), whatever the engine
// sends: long series, and series broken by gaps, whose breaks are points too.

const START = Date.UTC(2025, 0, 1);

/** `count` polls a minute apart, with the app off for an hour after every `runLength` of them. */
function pollTimes(count: number, runLength: number): string[] {
  const times: string[] = [];
  let atMs = START;
  for (let index = 0; index < count; index += 1) {
    times.push(new Date(atMs).toISOString());
    atMs += index % runLength === runLength - 1 ? 3_600_000 : 60_000;
  }
  return times;
}

function hashratePoints(count: number, runLength: number): HashrateHistoryPoint[] {
  return pollTimes(count, runLength).map((at, index) => ({ at, min: 1e12, avg: 1e12 + index, max: 2e12 }));
}

function statePoints(count: number, runLength: number): WorkerStatesPoint[] {
  return pollTimes(count, runLength).map((at) => ({ at, online: 10, offline: 1, dead: 0, unknown: 0 }));
}

describe('chart point density', () => {
  for (const chartWidth of [320, 800, 1400]) {
    const plotWidth = plotWidthOf(chartWidth);
    for (const [count, runLength] of [[50_000, 3], [50_000, 40], [20_000, 20_000], [3 * plotWidth, 2]] as const) {
      it(`draws at most 2 points per plot pixel: ${chartWidth} px chart, ${count} points, a gap every ${runLength}`, () => {
        const hashrate = hashrateChartData(hashratePoints(count, runLength), 'si', pointBudget(plotWidth)).data;
        const states = workerStatesChartData(statePoints(count, runLength), pointBudget(plotWidth));
        assert.ok(hashrate.length <= 2 * plotWidth, `hashrate: ${hashrate.length} points on ${plotWidth} px`);
        assert.ok(states.length <= 2 * plotWidth, `worker states: ${states.length} points on ${plotWidth} px`);
        // Still a full chart: the budget is used, not thrown away.
        assert.ok(hashrate.length >= plotWidth, `hashrate: only ${hashrate.length} points on ${plotWidth} px`);
      });
    }
  }

  it('counts the plot without the y-axis and margins', () => {
    assert.equal(plotWidthOf(800), 700);
    assert.equal(plotWidthOf(50), 0);
    assert.ok(pointBudget(plotWidthOf(800)) <= 1400);
  });
});
