// The fault suite (npm run test:faults): every pool simulator x every fault, each case driving the real adapter and
// engine over loopback HTTP on a fake clock and asserting what the account shows afterwards. Test names are
// "<fault> @ <pool>"; table-reporter.mjs prints them as a table of faults x pools at the end.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AccountSummary } from '../../shared/model';
import { MAX_DELAY_MS } from '../../main/base/safe-delay';
import type { MalformedVariant } from '../sim/common/faults';
import { POOL_IDS, POLL_INTERVAL_SEC, secretFragmentsIn, startPoolHarness, type PoolHarness } from '../support/pool-harness';
import { POOL_PROFILES } from './pool-profiles';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MALFORMED: ReadonlyArray<[MalformedVariant, string]> = [
  ['invalid-json', 'malformed: invalid JSON'],
  ['html', 'malformed: HTML page'],
  ['wrong-types', 'malformed: wrong types'],
  ['missing-fields', 'malformed: missing fields'],
  ['truncated', 'malformed: truncated body'],
  ['huge', 'malformed: huge body'],
];

/** Every number finite and below anything real, so JSON carries the state unchanged to the UI. */
function assertJsonSafe(value: unknown, label: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(value)), value, `${label} changes through JSON (Infinity or NaN in it)`);
  const walk = (item: unknown, path: string): void => {
    if (typeof item === 'number') assert.ok(Number.isFinite(item) && Math.abs(item) < 1e24, `${label}${path} = ${item}`);
    else if (Array.isArray(item)) item.forEach((entry, index) => walk(entry, `${path}[${index}]`));
    else if (item && typeof item === 'object') for (const [key, entry] of Object.entries(item)) walk(entry, `${path}.${key}`);
  };
  walk(value, '');
}

/** What the current pool's first clean poll gave: its own ids, which a UUID key can share short pieces with. */
let cleanPollText = '';

/** Whatever happened: the state is JSON-safe, no worker is listed twice, no secret shows, and a failed poll keeps the last good data. */
function assertContained(harness: PoolHarness, good: AccountSummary): AccountSummary {
  const account = harness.summary();
  assertJsonSafe(account, 'the summary');
  assertJsonSafe(harness.workers(), 'the workers');
  const keys = harness.workers().map((worker) => `${worker.group}/${worker.name}`);
  assert.equal(new Set(keys).size, keys.length, 'a worker is listed twice');
  assert.deepEqual(secretFragmentsIn(`${JSON.stringify(account)}\n${harness.logger.lines.join('\n')}`, harness.secrets, 6, cleanPollText), [], 'a piece of a secret shows');
  if (account.status !== 'ok' && account.status !== 'permission_limited') {
    assert.ok((account.message ?? '').length > 20, `the account says what happened: ${account.message}`);
    assert.equal(account.stale, true, 'the data is marked stale');
    assert.equal(account.workers.total, good.workers.total, 'the last good data stays, not zeros');
    assert.deepEqual(account.hashrate, good.hashrate, 'the last good hashrate stays');
  }
  return account;
}

function msUntilNextPoll(harness: PoolHarness): number {
  return Date.parse(harness.summary().nextPollAt ?? '') - harness.clock.now();
}

for (const pool of POOL_IDS) {
  describe(pool, () => {
    let harness: PoolHarness;
    let good: AccountSummary;
    const profile = POOL_PROFILES[pool];
    const name = (fault: string): string => `${fault} @ ${pool}`;

    before(async () => {
      harness = await startPoolHarness(pool);
      const clean = await harness.poll();
      cleanPollText = `${JSON.stringify(clean)}\n${JSON.stringify(harness.workers())}`;
    });
    after(async () => {
      await harness.close();
    });
    beforeEach(async () => {
      harness.sim.faults.clear();
      good = await harness.poll();
      assert.equal(good.status, 'ok', `a good poll first: ${good.message}`);
      assert.ok(good.workers.total > 0);
    });

    it(name('HTTP 5xx'), async () => {
      harness.sim.faults.add({ fault: { kind: 'status', status: 503 } });
      const account = assertContained(harness, good);
      assert.equal(account.status, 'ok', 'not polled yet');
      await harness.poll();
      assert.equal(assertContained(harness, good).status, 'unreachable');
    });

    it(name('429 with Retry-After'), async () => {
      harness.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 1_800 } });
      await harness.poll();
      const account = assertContained(harness, good);
      assert.equal(account.status, 'unreachable');
      assert.match(account.message ?? '', /rate-limit/);
      assert.ok(msUntilNextPoll(harness) >= 1_800_000, `waits as asked: ${msUntilNextPoll(harness)} ms`);
    });

    it(name('absurd Retry-After'), async () => {
      for (const retryAfter of ['99999999999', 'Fri, 01 Jan 2100 00:00:00 GMT']) {
        harness.sim.faults.clear();
        harness.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 0, retryAfter } });
        await harness.poll();
        assert.equal(assertContained(harness, good).status, 'unreachable');
        const waitMs = msUntilNextPoll(harness);
        assert.ok(waitMs > HOUR && waitMs <= MAX_DELAY_MS, `${retryAfter}: next poll in ${waitMs} ms`);
        assert.ok(harness.clock.pendingTimers().every((ms) => ms <= MAX_DELAY_MS), 'no timer beyond the cap');
        const requests = harness.sim.requestLog.length;
        await harness.advance(MINUTE);
        assert.equal(harness.sim.requestLog.length, requests, `${retryAfter}: no request in the next minute`);
      }
    });

    it(name('latency within the timeout'), async () => {
      harness.sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 3 });
      await harness.poll();
      assert.equal(assertContained(harness, good).status, 'ok');
    });

    it(name('timeout (no answer)'), async () => {
      harness.sim.faults.add({ fault: { kind: 'hang' } });
      await harness.poll();
      const account = assertContained(harness, good);
      assert.equal(account.status, 'unreachable');
      assert.match(account.message ?? '', /did not answer within/);
    });

    it(name('connection reset'), async () => {
      harness.sim.faults.add({ fault: { kind: 'reset' } });
      await harness.poll();
      assert.equal(assertContained(harness, good).status, 'unreachable');
    });

    for (const [variant, fault] of MALFORMED) {
      it(name(fault), async () => {
        harness.sim.faults.add({ fault: { kind: 'malformed', variant } });
        await harness.poll();
        const account = assertContained(harness, good);
        if (variant !== 'wrong-types' && variant !== 'missing-fields') assert.notEqual(account.status, 'ok', 'a broken answer is not taken as data');
      });
    }

    it(name('non-finite and absurd numbers'), async () => {
      const { pathPrefix, pattern, literals } = profile.workerFigure;
      for (const literal of literals) {
        harness.sim.faults.clear();
        harness.sim.faults.add({ pathPrefix, fault: { kind: 'patch', pattern, replacement: `$1${literal}` } });
        await harness.poll();
        const account = assertContained(harness, good);
        // shown as unknown with a notice, or the answer refused (negative counts are refused by shape): the field is named
        assert.match(account.message ?? '', /impossible .*\(\S+\)|unexpected shape: \S+/, `${literal}: the account names the field (${account.status}: ${account.message})`);
      }
    });

    it(name('error echoing the request and credentials'), async () => {
      for (const status of [400, 401]) {
        harness.sim.faults.clear();
        harness.sim.faults.add({ fault: { kind: 'echo', status, padding: 0, alignSecret: { secrets: harness.secrets, at: 190 } } });
        await harness.poll();
        const account = assertContained(harness, good);
        assert.notEqual(account.status, 'ok');
        assert.match(account.message ?? '', /Bad request/, 'the pool is quoted');
      }
    });

    it(name('worker list changes while paging'), async () => {
      const change = profile.changeWhilePaging(harness);
      await harness.poll();
      assertContained(harness, good);
      await harness.poll();
      const account = assertContained(harness, good);
      assert.equal(account.status, 'ok', account.message ?? '');
      const names = new Set(harness.workers().map((worker) => worker.name));
      for (const added of change.added) assert.ok(names.has(added), `${added} is listed`);
      for (const removed of change.removed) assert.ok(!names.has(removed), `${removed} is gone`);
      assert.equal(account.workers.total, harness.workers().length);
    });

    it(name('401 after hours of success'), async () => {
      const pollsBefore = harness.sim.requestLog.length;
      await harness.advance(3 * HOUR);
      const hours = harness.summary();
      assert.equal(hours.status, 'ok');
      assert.ok(harness.sim.requestLog.length > pollsBefore, `polled on schedule every ${POLL_INTERVAL_SEC} s`);
      const lastGood = harness.summary();
      profile.revokeKey(harness);
      await harness.poll();
      const account = assertContained(harness, lastGood);
      assert.equal(account.status, 'auth_error', account.message ?? '');
      assert.match(account.message ?? '', /reject|refused/i);
      assert.equal(account.lastGoodAt, lastGood.lastGoodAt, 'the last good poll is still the one shown');
    });
  });
}
