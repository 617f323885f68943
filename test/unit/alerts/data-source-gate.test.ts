import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newGateState, stepGate, type GateOptions, type GateState, type GateVerdict } from '../../../main/alerts/data-source-gate';
import { MAX_BACKOFF_MS } from '../../../main/engine/polling-policy';
import { HOUR, MINUTE, T0, fleet, observation, worker, type ObservationOptions } from './observation-builder';

const OPTIONS: GateOptions = { sleepGapFactor: 3, settlePolls: 1, staleMs: 30 * MINUTE };

/** Feeds observations through the gate and returns each verdict's reason. */
function feed(inputs: Array<Partial<ObservationOptions> & { atMs: number }>, options = OPTIONS): GateVerdict[] {
  let state: GateState = newGateState(options.settlePolls);
  return inputs.map((input) => {
    const next = stepGate(state, observation({ workers: fleet(3), ...input }), options);
    state = next.state;
    return next.verdict;
  });
}

const minutes = (...at: number[]) => at.map((m) => ({ atMs: T0 + m * MINUTE }));

describe('data-source gate', () => {
  it('takes the first fresh observation as a baseline, then opens', () => {
    assert.deepEqual(feed(minutes(0, 1, 2)).map((v) => [v.reason, v.open, v.fresh]), [
      ['first', false, true],
      ['open', true, true],
      ['open', true, true],
    ]);
  });

  it('opens at once with settlePolls 0', () => {
    assert.equal(feed(minutes(0), { ...OPTIONS, settlePolls: 0 })[0]?.open, true);
  });

  it('closes on a failed poll, counts the failure streak, and settles once after an outage', () => {
    const verdicts = feed([
      ...minutes(0, 1),
      { atMs: T0 + 2 * MINUTE, workers: null },
      { atMs: T0 + 4 * MINUTE, workers: null },
      { atMs: T0 + 8 * MINUTE, workers: null },
      ...minutes(9, 10),
    ]);
    assert.deepEqual(verdicts.map((v) => v.reason), ['first', 'open', 'failed', 'failed', 'failed', 'resumed', 'open']);
    assert.deepEqual(verdicts.map((v) => v.failingForMs), [null, null, 0, 2 * MINUTE, 6 * MINUTE, null, null]);
    assert.deepEqual(verdicts.map((v) => v.resume), [true, false, false, false, false, true, false]);
    assert.ok(verdicts.slice(2, 6).every((v) => !v.open));
  });

  it('lets a blip of one or two failed polls cost nothing, so a flaky pool is still judged', () => {
    const blip = feed([...minutes(0, 1), { atMs: T0 + 2 * MINUTE, workers: null }, { atMs: T0 + 3 * MINUTE, workers: null }, ...minutes(4)]);
    assert.deepEqual(blip.map((v) => v.reason), ['first', 'open', 'failed', 'failed', 'open']);
    const flaky = feed(Array.from({ length: 10 }, (_, m) => ({ atMs: T0 + m * MINUTE, workers: m % 2 ? null : fleet(3) })));
    assert.deepEqual(flaky.filter((v) => v.open).length, 4, 'every good poll but the first is judged');
  });

  it('sees a gap of more than 3 intervals as sleep: closed, streak restarted, pending reset upstream', () => {
    const verdicts = feed([...minutes(0, 1, 2), { atMs: T0 + 2 * MINUTE + 2 * HOUR }, { atMs: T0 + 3 * MINUTE + 2 * HOUR }]);
    assert.deepEqual(verdicts.map((v) => [v.reason, v.gap, v.resume]), [
      ['first', false, true],
      ['open', false, false],
      ['open', false, false],
      ['resumed', true, true],
      ['open', false, false],
    ]);
    assert.equal(feed(minutes(0, 1, 4))[2]?.reason, 'open', 'exactly 3 intervals is still normal');
    assert.equal(feed([...minutes(0, 1), { atMs: T0 + 4 * MINUTE + 1 }])[2]?.reason, 'resumed');
  });

  it('does not mistake the backoff of a failing pool for sleep', () => {
    const verdicts = feed([...minutes(0, 1), { atMs: T0 + 2 * MINUTE, workers: null }, { atMs: T0 + 2 * MINUTE + MAX_BACKOFF_MS, workers: null }]);
    assert.equal(verdicts[3]?.gap, false);
    assert.equal(verdicts[3]?.failingForMs, MAX_BACKOFF_MS);
    const slept = feed([...minutes(0, 1), { atMs: T0 + 2 * MINUTE, workers: null }, { atMs: T0 + 2 * MINUTE + 2 * HOUR, workers: null }]);
    assert.equal(slept[3]?.gap, true);
    assert.equal(slept[3]?.failingForMs, 0, 'the streak starts again after sleep');
  });

  it('calls the data stale when online workers have not shared for staleMinutes', () => {
    const old = new Date(T0 - 45 * MINUTE).toISOString();
    const stuck = [worker('a', 'online', { lastShareAt: old }), worker('b', 'online', { lastShareAt: old })];
    const [verdict] = feed([{ atMs: T0, workers: stuck }]);
    assert.equal(verdict?.reason, 'stale');
    assert.equal(verdict?.open, false);
    assert.equal(verdict?.staleForMs, 45 * MINUTE);
    // One live worker is enough; an all-offline fleet is a fleet problem, not stale data.
    assert.equal(feed([{ atMs: T0, workers: [...stuck, worker('c')] }], { ...OPTIONS, settlePolls: 0 })[0]?.reason, 'open');
    assert.equal(feed([{ atMs: T0, workers: [worker('x', 'offline', { lastShareAt: old })] }], { ...OPTIONS, settlePolls: 0 })[0]?.reason, 'open');
    assert.equal(feed([{ atMs: T0, workers: stuck }], { ...OPTIONS, staleMs: Number.POSITIVE_INFINITY })[0]?.reason, 'first');
  });

  it('judges nothing, not even the source, while this machine is offline', () => {
    const verdicts = feed([...minutes(0, 1), { atMs: T0 + 2 * MINUTE, workers: null, hostOffline: true }, ...minutes(3, 4)]);
    assert.deepEqual(verdicts.map((v) => [v.reason, v.judgeSource]), [
      ['first', true],
      ['open', true],
      ['host-offline', false],
      ['open', true],
      ['open', true],
    ]);
    assert.equal(verdicts[2]?.failingForMs, null);
    const longer = feed([...minutes(0, 1), ...[2, 3, 4, 5].map((m) => ({ atMs: T0 + m * MINUTE, workers: null, hostOffline: true })), ...minutes(6, 7)]);
    assert.deepEqual(longer.slice(6).map((v) => v.reason), ['resumed', 'open']);
  });
});
