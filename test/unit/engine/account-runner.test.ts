import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountSummary, Worker } from '../../../shared/model';
import type { WorkersDelta } from '../../../shared/contract';
import { AccountRunner, WORKERS_PER_DELTA } from '../../../main/engine/account-runner';
import type { PoolAdapter, PoolReading } from '../../../main/pools/adapter';
import { createHttpClient } from '../../../main/pools/http-client';
import { PoolError } from '../../../main/base/pool-error';
import { silentLogger } from '../../../main/base/logger';
import { MAX_BACKOFF_MS, POLL_DEADLINE_MS } from '../../../main/engine/polling-policy';
import { FakeClock } from '../../support/fake-clock';

function worker(name: string, state: Worker['state'], h10m = 100e12): Worker {
  return { name, group: 'farm', state, hashrate: { h10m, h1h: h10m, h24h: h10m }, lastShareAt: null, rejectRate: null };
}

function reading(workers: Worker[], limitations: string[] = []): PoolReading {
  return {
    poolAccountName: 'owner@example.com',
    hashrate: { h10m: 300e12, h1h: 290e12, h24h: 280e12 },
    groups: [],
    workers,
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
    limitations,
  };
}

/** An adapter that plays back a script of outcomes, one per poll. */
function scripted(outcomes: Array<PoolReading | PoolError | (() => Promise<PoolReading>)>): PoolAdapter & { polls: number } {
  const adapter = {
    pool: 'sbi' as const,
    polls: 0,
    async poll() {
      const outcome = outcomes[Math.min(adapter.polls, outcomes.length - 1)];
      adapter.polls += 1;
      if (outcome instanceof PoolError) throw outcome;
      if (typeof outcome === 'function') return outcome();
      return structuredClone(outcome as PoolReading);
    },
  };
  return adapter;
}

function runnerWith(adapter: PoolAdapter, clock: FakeClock, credentials: Record<string, string> = { apiKey: 'k', apiSecret: 'supersecretvalue' }) {
  const summaries: AccountSummary[] = [];
  const deltas: WorkersDelta[] = [];
  const runner = new AccountRunner(
    {
      id: 'farm-1',
      pool: 'sbi',
      label: 'Farm one',
      mode: 'api-key',
      baseUrl: 'http://127.0.0.1:9',
      pollIntervalSec: 60,
      credentials: { apiKey: { keychain: true }, apiSecret: { keychain: true } },
      subaccounts: undefined,
    },
    {
      clock,
      adapter,
      http: createHttpClient({ poolName: 'SBI Crypto Pool' }),
      resolveCredentials: async () => credentials,
      onSummary: (summary) => summaries.push(summary),
      onWorkersDelta: (delta) => deltas.push(delta),
      logger: silentLogger,
      random: () => 0.5,
    },
  );
  return { runner, summaries, deltas, last: () => summaries[summaries.length - 1]! };
}

describe('account runner', () => {
  it('sends a big change to the UI in parts of WORKERS_PER_DELTA workers, the removals once, every worker once', async () => {
    const clock = new FakeClock();
    const many = Array.from({ length: 2 * WORKERS_PER_DELTA + 7 }, (_, index) => worker(`rig-${index}`, 'online'));
    const adapter = scripted([reading([worker('gone', 'online')]), reading(many)]);
    const { runner, deltas } = runnerWith(adapter, clock);
    runner.start(0);
    await clock.advance(0);
    deltas.length = 0;
    await clock.advance(60_000);
    assert.deepEqual(deltas.map((delta) => delta.upserted.length), [WORKERS_PER_DELTA, WORKERS_PER_DELTA, 7]);
    assert.deepEqual(deltas.map((delta) => delta.removed.length), [1, 0, 0]);
    assert.equal(new Set(deltas.flatMap((delta) => delta.upserted.map((item) => item.name))).size, many.length);
    assert.ok(deltas.every((delta) => delta.total === many.length));
    runner.stop();
  });

  it('starts pending, then ok with data after the first poll, and polls every interval', async () => {
    const clock = new FakeClock();
    const adapter = scripted([reading([worker('a', 'online'), worker('b', 'online')])]);
    const { runner, last } = runnerWith(adapter, clock);
    assert.equal(runner.summary().status, 'pending');
    runner.start(0);
    await clock.advance(0);
    assert.equal(last().status, 'ok');
    assert.equal(last().workers.online, 2);
    assert.equal(last().stale, false);
    assert.equal(last().lastGoodAt, new Date(clock.now()).toISOString());
    await clock.advance(60_000);
    assert.equal(adapter.polls, 2);
    await clock.advance(60_000);
    assert.equal(adapter.polls, 3);
    runner.stop();
  });

  it('keeps the last good data, marked stale, when a poll fails — never zeros', async () => {
    const clock = new FakeClock();
    const good = reading([worker('a', 'online', 5e12)]);
    const adapter = scripted([good, new PoolError('unreachable', 'Could not reach SBI Crypto Pool: the connection was refused.')]);
    const { runner, last } = runnerWith(adapter, clock);
    runner.start(0);
    await clock.advance(0);
    const goodAt = last().lastGoodAt;
    await clock.advance(60_000);
    assert.equal(last().status, 'unreachable');
    assert.equal(last().stale, true);
    assert.equal(last().lastGoodAt, goodAt);
    assert.equal(last().hashrate.h10m, 300e12);
    assert.equal(last().workers.online, 1);
    assert.deepEqual(runner.workers(), good.workers);
    assert.match(last().message ?? '', /connection was refused/);
    runner.stop();
  });

  it('maps each failure kind to its status', async () => {
    const cases: Array<[PoolError['kind'], AccountSummary['status']]> = [
      ['auth', 'auth_error'],
      ['permission', 'permission_limited'],
      ['unreachable', 'unreachable'],
      ['rate_limited', 'unreachable'],
      ['server', 'unreachable'],
      ['bad_response', 'error'],
      ['pool_error', 'error'],
      ['config', 'error'],
    ];
    for (const [kind, status] of cases) {
      const clock = new FakeClock();
      const { runner, last } = runnerWith(scripted([new PoolError(kind, `failure of kind ${kind}`)]), clock);
      await runner.pollNow();
      assert.equal(last().status, status, kind);
      assert.equal(last().stale, false, 'no data yet, so nothing is stale');
    }
  });

  it('is permission_limited with the limitations when the key reads only part', async () => {
    const clock = new FakeClock();
    const { runner, last } = runnerWith(scripted([reading([worker('a', 'online')], ['Earnings are hidden.'])]), clock);
    await runner.pollNow();
    assert.equal(last().status, 'permission_limited');
    assert.deepEqual(last().limitations, ['Earnings are hidden.']);
    assert.equal(last().message, 'Earnings are hidden.');
  });

  it('backs off after repeated failures and honours a long Retry-After', async () => {
    const clock = new FakeClock();
    const { runner } = runnerWith(scripted([new PoolError('server', 'down')]), clock);
    runner.start(0);
    await clock.advance(0);
    assert.deepEqual(clock.pendingTimers(), [60_000]);
    await clock.advance(60_000);
    assert.deepEqual(clock.pendingTimers(), [120_000]);
    await clock.advance(120_000);
    assert.deepEqual(clock.pendingTimers(), [240_000]);
    for (let i = 0; i < 6; i += 1) await clock.advance(clock.pendingTimers()[0]!);
    assert.deepEqual(clock.pendingTimers(), [MAX_BACKOFF_MS]);
    runner.stop();

    const limited = runnerWith(scripted([new PoolError('rate_limited', 'slow down', { retryAfterMs: 300_000 })]), clock);
    limited.runner.start(0);
    await clock.advance(0);
    assert.deepEqual(clock.pendingTimers(), [300_000]);
    limited.runner.stop();
  });

  it('returns to the normal interval after a success', async () => {
    const clock = new FakeClock();
    const { runner, last } = runnerWith(scripted([new PoolError('server', 'down'), new PoolError('server', 'down'), reading([])]), clock);
    runner.start(0);
    await clock.advance(0);
    await clock.advance(60_000);
    await clock.advance(120_000);
    assert.equal(last().status, 'ok');
    assert.deepEqual(clock.pendingTimers(), [60_000]);
    runner.stop();
  });

  it('pushes only changed workers, and removals', async () => {
    const clock = new FakeClock();
    const workers = Array.from({ length: 1000 }, (_, index) => worker(`w${index}`, 'online'));
    const next = workers.slice(1).map((w) => (w.name === 'w5' ? { ...w, state: 'offline' as const } : w));
    const { runner, deltas } = runnerWith(scripted([reading(workers), reading(next), reading(next)]), clock);
    await runner.pollNow();
    assert.equal(deltas[0]?.upserted.length, 1000);
    await runner.pollNow();
    assert.equal(deltas.length, 2);
    assert.deepEqual(deltas[1]?.upserted.map((w) => [w.name, w.state]), [['w5', 'offline']]);
    assert.deepEqual(deltas[1]?.removed, [{ group: 'farm', name: 'w0' }]);
    assert.equal(deltas[1]?.total, 999);
    await runner.pollNow();
    assert.equal(deltas.length, 2, 'an unchanged poll pushes no worker delta');
  });

  it('marks data stale even when the failing poll comes in the same millisecond as the good one', async () => {
    const clock = new FakeClock();
    const { runner, last } = runnerWith(scripted([reading([worker('a', 'online')]), new PoolError('server', 'down')]), clock);
    await runner.pollNow();
    await runner.pollNow();
    assert.equal(last().stale, true);
  });

  it('pushes a worker whose attributes changed even when state and hashrate did not', async () => {
    const clock = new FakeClock();
    const withCount = (hashes: number): Worker => ({ ...worker('user', 'online'), attributes: { hashes } });
    const { runner, deltas } = runnerWith(scripted([reading([withCount(1)]), reading([withCount(2)]), reading([withCount(2)])]), clock);
    await runner.pollNow();
    await runner.pollNow();
    await runner.pollNow();
    assert.equal(deltas.length, 2);
    assert.deepEqual(deltas[1]?.upserted[0]?.attributes, { hashes: 2 });
  });

  it('removes secret values from failure messages', async () => {
    const clock = new FakeClock();
    const { runner, last } = runnerWith(
      scripted([new PoolError('auth', 'pool said: key supersecretvalue is invalid')]),
      clock,
    );
    await runner.pollNow();
    assert.equal(last().message, 'pool said: key [redacted] is invalid');
  });

  it('joins a poll already under way instead of starting a second one', async () => {
    const clock = new FakeClock();
    let release!: () => void;
    const slow = scripted([() => new Promise<PoolReading>((resolve) => (release = () => resolve(reading([]))))]);
    const { runner } = runnerWith(slow, clock);
    const first = runner.pollNow();
    const second = runner.pollNow();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, second]);
    assert.equal(slow.polls, 1);
  });

  it('abandons a poll that runs past the 5-minute deadline and says the pool was too slow', async () => {
    const clock = new FakeClock();
    let aborted = false;
    // A pool that never answers; only the abort ends the request.
    const adapter: PoolAdapter = {
      pool: 'sbi',
      poll: ({ signal }) =>
        new Promise<PoolReading>((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('This operation was aborted', 'AbortError'));
          });
        }),
    };
    const { runner, last } = runnerWith(adapter, clock);
    runner.start(0);
    await clock.advance(POLL_DEADLINE_MS - 1);
    assert.equal(last().status, 'pending', 'still waiting just before the deadline');
    await clock.advance(1);
    assert.equal(aborted, true, 'the requests were cancelled');
    assert.equal(last().status, 'unreachable');
    assert.match(last().message ?? '', /answered too slowly: this poll was abandoned after 5 minutes/);
    runner.stop();
  });

  it('stops scheduling when stopped', async () => {
    const clock = new FakeClock();
    const adapter = scripted([reading([])]);
    const { runner, last } = runnerWith(adapter, clock);
    runner.start(0);
    await clock.advance(0);
    runner.stop();
    await clock.advance(600_000);
    assert.equal(adapter.polls, 1);
    assert.equal(last().nextPollAt === null || runner.summary().nextPollAt === null, true);
  });
});
