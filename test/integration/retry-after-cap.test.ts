// An absurd Retry-After (99999999999 s, an HTTP date in 2100) must not become a request loop: Node fires timers
// longer than 2^31-1 ms after 1 ms, so every delay is capped. Real clock, real simulator, real loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../../main/engine/engine';
import { MAX_DELAY_MS } from '../../main/base/safe-delay';
import { startStratumsphereSim, type StratumsphereSim } from '../sim/stratumsphere';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';
import type { Clock } from '../../main/base/clock';

const ABSURD_RETRY_AFTER = ['99999999999', 'Fri, 01 Jan 2100 00:00:00 GMT'];

function engineFor(sim: StratumsphereSim, clock?: Clock): Engine {
  return new Engine({
    config: memoryConfig({
      accounts: [{ id: 'rented', pool: 'stratumsphere', label: 'Rented', baseUrl: sim.url, pollIntervalSec: 10, credentials: { apiKey: { keychain: true } } }],
    }),
    secrets: memorySecrets({ 'rented/apiKey': sim.apiKey }),
    logger: captureLogger(),
    httpLimits: { timeoutMs: 2_000, maxRetries: 2, maxRetryWaitMs: 50 },
    ...(clock ? { clock } : {}),
  });
}

describe('an absurd Retry-After', () => {
  let sim: StratumsphereSim;
  before(async () => {
    sim = await startStratumsphereSim({ seed: 3 });
  });
  after(async () => {
    await sim.close();
  });

  for (const retryAfter of ABSURD_RETRY_AFTER) {
    it(`"${retryAfter}" on the real clock: one request in 1.5 s, not a loop`, async () => {
      sim.faults.clear();
      sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 0, retryAfter } });
      const before = sim.requestLog.length;
      const engine = engineFor(sim);
      await engine.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const requests = sim.requestLog.length - before;
        assert.equal(requests, 1, `the pool saw ${requests} requests in 1.5 s`);
        const account = engine.summaries()[0]!;
        assert.equal(account.status, 'unreachable');
        const nextPollInMs = Date.parse(account.nextPollAt!) - Date.now();
        assert.ok(nextPollInMs > MAX_DELAY_MS - 60_000 && nextPollInMs <= MAX_DELAY_MS, `next poll in ${nextPollInMs} ms`);
      } finally {
        engine.stop();
        sim.faults.clear();
      }
    });
  }

  it('on the fake clock: one request in a minute, the next after the cap, not 3 years later', async () => {
    const clock = new FakeClock(Date.now());
    sim.faults.clear();
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 0, retryAfter: '99999999999' } });
    const before = sim.requestLog.length;
    const engine = engineFor(sim, clock);
    await engine.start();
    try {
      await clock.advance(60_000);
      assert.equal(sim.requestLog.length - before, 1, 'one request in the first minute');
      const pending = clock.pendingTimers();
      assert.ok(pending.every((ms) => ms <= MAX_DELAY_MS), `timers: ${pending.join(', ')}`);
      sim.faults.clear();
      await clock.advance(MAX_DELAY_MS);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await clock.advance(0);
      assert.equal(engine.summaries()[0]!.status, 'ok', 'polled again once the capped wait was over');
    } finally {
      engine.stop();
    }
  });

  it('an HTTP date is read against the engine’s clock, not the computer’s', async () => {
    // A month behind the computer, on a whole second (an HTTP date has no milliseconds).
    const clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000 - 30 * 86_400_000);
    sim.faults.clear();
    sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 0, retryAfter: new Date(clock.now() + 10 * 60_000).toUTCString() } });
    const engine = engineFor(sim, clock);
    await engine.start();
    try {
      await clock.advance(0);
      await waitFor(() => engine.summaries()[0]!.status === 'unreachable', 5_000, 'the rate-limited poll');
      const account = engine.summaries()[0]!;
      assert.match(account.message ?? '', /it asked to wait 600 s/);
      assert.equal(Date.parse(account.nextPollAt!) - clock.now(), 10 * 60_000, 'the next poll when the pool asked for it');
    } finally {
      engine.stop();
      sim.faults.clear();
    }
  });
});
