import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccountSummary } from '../../shared/model';
import type { WorkersDelta } from '../../shared/contract';
import { Engine } from '../../main/engine/engine';
import type { AccountConfig } from '../../main/store/config-schema';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';

const FAST_HTTP = { timeoutMs: 2_000, maxRetries: 1, maxRetryWaitMs: 50 };

function apiKeyAccount(sim: SbiSim, id: string, key = sim.fullKey): { account: AccountConfig; env: Record<string, string> } {
  const prefix = id.toUpperCase().replace(/-/g, '_');
  return {
    account: {
      id,
      pool: 'sbi',
      label: `SBI ${id}`,
      baseUrl: sim.url,
      credentials: { apiKey: { env: `${prefix}_KEY` }, apiSecret: { env: `${prefix}_SECRET` } },
    },
    env: { [`${prefix}_KEY`]: key.apiKey, [`${prefix}_SECRET`]: key.apiSecret },
  };
}

async function engineFor(entries: Array<{ account: AccountConfig; env: Record<string, string> }>) {
  const logger = captureLogger();
  const engine = new Engine({
    config: memoryConfig({ accounts: entries.map((entry) => entry.account) }),
    secrets: memorySecrets(),
    env: Object.assign({}, ...entries.map((entry) => entry.env)),
    logger,
    httpLimits: FAST_HTTP,
  });
  await engine.load();
  const deltas: WorkersDelta[] = [];
  const summaries: AccountSummary[] = [];
  engine.subscribe((event) => {
    if (event.channel === 'state:workers-delta') deltas.push(event.payload);
    if (event.channel === 'state:account') summaries.push(event.payload);
  });
  const summary = (id: string) => engine.summaries().find((entry) => entry.id === id)!;
  return { engine, logger, deltas, summaries, summary };
}


describe('SBI adapter + engine against the simulator', () => {
  let sim: SbiSim;
  before(async () => {
    sim = await startSbiSim({ seed: 3 });
  });
  after(async () => {
    await sim.close();
  });

  it('full key: every worker of every subaccount, groups, payouts and balances', async () => {
    const { engine, summary, logger } = await engineFor([apiKeyAccount(sim, 'full')]);
    await engine.pollAll();
    const account = summary('full');
    assert.equal(account.status, 'ok', account.message ?? '');
    const expectedTotal = ['batchtest', 'usonly', 'bchtestpayout'].reduce((sum, name) => sum + sim.workerNames(name).length, 0);
    assert.equal(account.workers.total, expectedTotal);
    assert.equal(engine.workersOf('full').length, expectedTotal);
    assert.deepEqual(account.groups.map((group) => group.name).sort(), ['batchtest', 'bchtestpayout', 'usonly']);
    assert.ok(account.workers.dead > 0 && account.workers.online > 0);
    assert.ok((account.hashrate.h10m ?? 0) > 1e12, 'MH/s converted to H/s');
    assert.ok(account.payouts.length > 0);
    assert.ok(account.payouts.every((payout) => payout.unit === 'coin'));
    assert.ok(account.stratumServers.length > 0);
    assert.equal(account.limitations.length, 0);
    assert.ok(logger.lines.every((line) => !line.includes(sim.fullKey.apiSecret) && !line.includes(sim.fullKey.apiKey)));
  });

  it('READ-only key: permission_limited, says what is missing, still shows workers', async () => {
    const key = sim.addKey({ permissions: ['READ'] });
    const { engine, summary } = await engineFor([apiKeyAccount(sim, 'readonly', key)]);
    await engine.pollAll();
    const account = summary('readonly');
    assert.equal(account.status, 'permission_limited');
    assert.match(account.message ?? '', /FINANCIALS permission/);
    assert.ok(account.workers.total > 0);
    assert.deepEqual(account.payouts, []);
  });

  it('key scoped to one subaccount sees only it', async () => {
    const key = sim.addKey({ subaccounts: ['usonly'], permissions: ['READ', 'FINANCIALS'] });
    const { engine, summary } = await engineFor([apiKeyAccount(sim, 'scoped', key)]);
    await engine.pollAll();
    assert.deepEqual(summary('scoped').groups.map((group) => group.name), ['usonly']);
    assert.ok(engine.workersOf('scoped').every((worker) => worker.group === 'usonly'));
  });

  it('observer key: one subaccount, read-only', async () => {
    const observer = sim.observerKeys.find((key) => key.subaccount === 'usonly')!;
    const { engine, summary } = await engineFor([
      {
        account: { id: 'obs', pool: 'sbi', label: 'Observer', baseUrl: sim.url, credentials: { observerKey: { env: 'OBS_KEY' } } },
        env: { OBS_KEY: `${sim.url}/observers?linkId=${observer.key}` },
      },
    ]);
    await engine.pollAll();
    const account = summary('obs');
    assert.equal(account.status, 'ok', account.message ?? '');
    assert.equal(account.workers.total, sim.workerNames('usonly').length);
    assert.deepEqual(account.groups.map((group) => group.name), ['usonly']);
  });

  it('revoked key: auth_error, with the last good data kept and marked stale', async () => {
    const key = sim.addKey({ permissions: ['READ', 'FINANCIALS'] });
    const { engine, summary } = await engineFor([apiKeyAccount(sim, 'revoked', key)]);
    await engine.pollAll();
    const before = summary('revoked');
    sim.revokeKey(key.apiKey);
    await engine.pollAll();
    const after = summary('revoked');
    assert.equal(after.status, 'auth_error');
    assert.match(after.message ?? '', /rejected the API key \(HTTP 401/);
    assert.equal(after.stale, true);
    assert.equal(after.workers.total, before.workers.total);
    assert.equal(after.lastGoodAt, before.lastGoodAt);
  });

  it('a worker that stops sending shares goes offline, and only it is pushed', async () => {
    const { engine, deltas, summary } = await engineFor([apiKeyAccount(sim, 'watch')]);
    await engine.pollAll();
    const rig = sim.workerNames('usonly').find((name) => engine.workersOf('watch').find((w) => w.name === name)?.state === 'online')!;
    const onlineBefore = summary('watch').workers.online;
    sim.stopWorker('usonly', rig);
    sim.advanceClock(3 * 60_000);
    deltas.length = 0;
    await engine.pollAll();
    const changed = deltas.flatMap((delta) => delta.upserted);
    assert.equal(changed.find((worker) => worker.name === rig)?.state, 'offline');
    assert.ok(changed.length < engine.workersOf('watch').length, 'not a full copy of every worker');
    assert.ok(summary('watch').workers.online < onlineBefore);
  });
});

describe('fault knobs end to end', () => {
  let sim: SbiSim;
  before(async () => {
    sim = await startSbiSim({ seed: 5, subaccounts: [{ name: 'small', coin: 'BTC', workers: 25 }] });
  });
  after(async () => {
    await sim.close();
  });

  const cases: Array<{ name: string; add: (sim: SbiSim) => void; status: AccountSummary['status']; message: RegExp }> = [
    { name: '5xx', add: (s) => s.faults.add({ fault: { kind: 'status', status: 503 } }), status: 'unreachable', message: /server error \(HTTP 503\)/ },
    { name: '429', add: (s) => s.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 120 } }), status: 'unreachable', message: /rate-limiting.*120 s/ },
    { name: 'reset', add: (s) => s.faults.add({ fault: { kind: 'reset' } }), status: 'unreachable', message: /Could not reach SBI Crypto Pool/ },
    { name: 'hang', add: (s) => s.faults.add({ fault: { kind: 'hang' } }), status: 'unreachable', message: /did not answer within 2 s/ },
    { name: 'invalid JSON', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' } }), status: 'error', message: /invalid JSON/ },
    // A body cut short of its Content-Length is a broken connection, not a bad document.
    { name: 'truncated', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'truncated' } }), status: 'unreachable', message: /Could not reach SBI Crypto Pool/ },
    { name: 'wrong types', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' } }), status: 'error', message: /unexpected/ },
    { name: 'missing fields', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' } }), status: 'error', message: /unexpected/ },
    { name: 'HTML page', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'html' } }), status: 'error', message: /HTML page/ },
    { name: '50 MB body', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'huge' } }), status: 'error', message: /larger than 20 MB/ },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status}, last good data kept and stale, recovers after`, async () => {
      const { engine, summary } = await engineFor([apiKeyAccount(sim, 'faulty')]);
      await engine.pollAll();
      const good = summary('faulty');
      assert.equal(good.status, 'ok', good.message ?? '');
      testCase.add(sim);
      try {
        await engine.pollAll();
        const failed = summary('faulty');
        assert.equal(failed.status, testCase.status, failed.message ?? '');
        assert.match(failed.message ?? '', testCase.message);
        assert.equal(failed.stale, true);
        assert.equal(failed.workers.total, good.workers.total);
        assert.deepEqual(failed.hashrate, good.hashrate);
      } finally {
        sim.faults.clear();
      }
      await engine.pollAll();
      assert.equal(summary('faulty').status, 'ok');
      assert.equal(summary('faulty').stale, false);
    });
  }

  it('latency: a slow pool still answers and the account is ok', async () => {
    const { engine, summary } = await engineFor([apiKeyAccount(sim, 'slow')]);
    sim.faults.add({ fault: { kind: 'latency', ms: 150 } });
    try {
      const started = Date.now();
      await engine.pollAll();
      assert.equal(summary('slow').status, 'ok');
      assert.ok(Date.now() - started >= 150);
    } finally {
      sim.faults.clear();
    }
  });

  it('a hanging account does not delay another one', async () => {
    const other = await startSbiSim({ seed: 6, subaccounts: [{ name: 'quick', coin: 'BTC', workers: 5 }] });
    try {
      const { engine, summary } = await engineFor([apiKeyAccount(sim, 'stuck'), apiKeyAccount(other, 'healthy')]);
      sim.faults.add({ fault: { kind: 'hang' } });
      const started = Date.now();
      await engine.handle('engine:poll-now', {});
      await waitFor(() => summary('healthy').status === 'ok');
      const healthyAfterMs = Date.now() - started;
      assert.equal(summary('stuck').status, 'pending', 'the stuck account is still waiting');
      assert.ok(healthyAfterMs < 1_500, `healthy account answered after ${healthyAfterMs} ms`);
      await waitFor(() => summary('stuck').status === 'unreachable');
    } finally {
      sim.faults.clear();
      await other.close();
    }
  });
});

describe('a 30,000-worker account', () => {
  it('reads every worker across pages', async () => {
    const sim = await startSbiSim({ seed: 9, subaccounts: [{ name: 'big', coin: 'BTC', workers: 30_500, deadShare: 0.6 }] });
    try {
      const { engine, summary } = await engineFor([apiKeyAccount(sim, 'big')]);
      const started = Date.now();
      await engine.pollAll();
      const elapsed = Date.now() - started;
      assert.equal(summary('big').status, 'ok', summary('big').message ?? '');
      assert.equal(engine.workersOf('big').length, 30_500);
      assert.equal(summary('big').workers.total, 30_500);
      console.log(`30,500 workers read in ${elapsed} ms over ${Math.ceil(30_500 / 200)} pages`);
    } finally {
      await sim.close();
    }
  });
});

describe('SBI observer history backfill', () => {
  it('reads the last day of hourly hashrate once an hour, as history for the charts', async () => {
    const sim = await startSbiSim({ seed: 12, subaccounts: [{ name: 'obs', coin: 'BTC', workers: 6 }] });
    try {
      const observer = sim.observerKeys[0]!;
      const { createSbiAdapter } = await import('../../main/pools/sbi/sbi-adapter');
      const { createHttpClient } = await import('../../main/pools/http-client');
      const adapter = createSbiAdapter();
      let now = Date.now();
      const poll = () =>
        adapter.poll({
          baseUrl: sim.url,
          credentials: { observerKey: observer.key },
          options: { subaccounts: undefined },
          http: createHttpClient({ poolName: 'SBI Crypto Pool' }),
          now: () => now,
          previous: null,
        });
      const first = await poll();
      assert.equal(first.history?.length, 1);
      assert.equal(first.history?.[0]?.group, 'obs');
      assert.equal(first.history?.[0]?.resolution, 'hour');
      assert.equal(first.history?.[0]?.points.length, 24);
      assert.ok(first.history?.[0]?.points.some((point) => point.hps > 0));
      now += 60_000;
      assert.deepEqual((await poll()).history, [], 'not asked again within the hour');
      now += 60 * 60_000;
      assert.equal((await poll()).history?.length, 1);
    } finally {
      await sim.close();
    }
  });
});
