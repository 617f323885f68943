import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StepSizer } from '../../../main/store/step-sizer';

describe('StepSizer: steps of long work kept near a target time', () => {
  it('halves after a slow step, doubles after a quick one, stays between 1 and max, and returns the step result', () => {
    let now = 0;
    const sizer = new StepSizer(100, 400, 25, () => now);
    const step = (ms: number) => sizer.timed(() => ((now += ms), ms));
    assert.equal(step(80), 80);
    assert.equal(sizer.size, 50, 'slow: halved');
    step(15);
    assert.equal(sizer.size, 50, 'near the target: kept');
    for (let i = 0; i < 5; i += 1) step(2);
    assert.equal(sizer.size, 400, 'quick: doubled up to max');
    for (let i = 0; i < 12; i += 1) step(500);
    assert.equal(sizer.size, 1, 'never below one item');
  });
});
