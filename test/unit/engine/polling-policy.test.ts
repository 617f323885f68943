import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BACKOFF_MS, nextPollDelay, POLL_JITTER } from '../../../main/engine/polling-policy';
import { parseRetryAfter } from '../../../main/pools/http-client';
import { MAX_DELAY_MS, safeDelayMs } from '../../../main/base/safe-delay';

const MINUTE = 60_000;

describe('next poll delay', () => {
  it('lands within ±10 % of the interval, spread by the random draw', () => {
    assert.equal(POLL_JITTER, 0.1);
    assert.equal(nextPollDelay(MINUTE, 0, () => 0), 54_000);
    assert.equal(nextPollDelay(MINUTE, 0, () => 0.5), MINUTE);
    assert.equal(nextPollDelay(MINUTE, 0, () => 0.999_999), 66_000);
    const draws = Array.from({ length: 200 }, (_, i) => nextPollDelay(MINUTE, 0, () => i / 200));
    assert.ok(draws.every((delay) => delay >= 54_000 && delay <= 66_000));
    assert.ok(new Set(draws).size > 100, 'different draws give different delays: accounts do not poll in lockstep');
  });

  it('doubles after each failure, up to 15 minutes', () => {
    const middle = () => 0.5;
    assert.deepEqual([1, 2, 3, 4, 5].map((failures) => nextPollDelay(MINUTE, failures, middle)), [MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 15 * MINUTE]);
    assert.equal(nextPollDelay(MINUTE, 30, middle), MAX_BACKOFF_MS);
    assert.ok(nextPollDelay(MINUTE, 30, () => 0.999) <= MAX_BACKOFF_MS * 1.1);
  });

  it('never backs off below an interval longer than the cap', () => {
    assert.equal(nextPollDelay(60 * MINUTE, 3, () => 0.5), 60 * MINUTE);
  });

  it('honours a Retry-After longer than the delay, and ignores a shorter one', () => {
    assert.equal(nextPollDelay(MINUTE, 1, () => 0.5, 10 * MINUTE), 10 * MINUTE);
    assert.equal(nextPollDelay(MINUTE, 1, () => 0.5, 1_000), MINUTE);
  });
});

describe('every delay is capped', () => {
  it('an absurd Retry-After or backoff becomes MAX_DELAY_MS, never a timer Node would fire at once', () => {
    assert.equal(nextPollDelay(MINUTE, 1, () => 0.5, 99_999_999_999_000), MAX_DELAY_MS);
    assert.equal(nextPollDelay(MINUTE, 1, () => 0.5, Infinity), MAX_DELAY_MS);
    assert.equal(nextPollDelay(MINUTE, 5000, () => 0.5), MAX_BACKOFF_MS);
    assert.equal(nextPollDelay(Infinity, 0, () => 0.5), MAX_DELAY_MS);
    assert.ok(MAX_DELAY_MS < 2 ** 31 - 1);
  });

  it('safeDelayMs: negative -> 0, NaN and huge -> the cap, the rest unchanged', () => {
    assert.deepEqual([-5, 0, 1_500, NaN, Infinity, 1e300].map(safeDelayMs), [0, 0, 1_500, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  it('parseRetryAfter caps seconds and dates far in the future', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(parseRetryAfter('99999999999', now), MAX_DELAY_MS);
    assert.equal(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now), MAX_DELAY_MS);
    assert.equal(parseRetryAfter('1e400', now), MAX_DELAY_MS);
    assert.equal(parseRetryAfter('7', now), 7_000);
    assert.equal(parseRetryAfter('soon', now), null);
  });
});
