import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccountSummary } from '../../shared/model';
import type { WorkersDelta } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { systemClock, type Clock } from '../../main/base/clock';
import { createHttpClient } from '../../main/pools/http-client';
import { createSpiderAdapter } from '../../main/pools/spider/spider-adapter';
import type { AccountConfig } from '../../main/store/config-schema';
import { startSpiderSim, type SpiderSim, type SpiderSimKey } from '../sim/spider';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';

const FAST_HTTP = { timeoutMs: 2_000, maxRetries: 1, maxRetryWaitMs: 50 };
const MINUTE = 60_000;

type Entry = { account: AccountConfig; env: Record<string, string> };

function spiderAccount(sim: SpiderSim, id: string, key: Pick<SpiderSimKey, 'accessKey' | 'privateKey'> = sim.fullKey, subaccounts?: AccountConfig['subaccounts']): Entry {
  const prefix = id.toUpperCase().replace(/-/g, '_');
  return {
    account: {
      id,
      pool: 'spider',
      label: `Spider ${id}`,
      baseUrl: sim.url,
      credentials: { accessKey: { env: `${prefix}_ACCESS` }, privateKey: { env: `${prefix}_PRIVATE` } },
      ...(subaccounts ? { subaccounts } : {}),
    },
    env: { [`${prefix}_ACCESS`]: key.accessKey, [`${prefix}_PRIVATE`]: key.privateKey },
  };
}

async function engineFor(entries: Entry[], clock: Clock = systemClock) {
  const logger = captureLogger();
  const engine = new Engine({
    config: memoryConfig({ accounts: entries.map((entry) => entry.account) }),
    secrets: memorySecrets(),
    env: Object.assign({}, ...entries.map((entry) => entry.env)),
    logger,
    httpLimits: FAST_HTTP,
    clock,
  });
  await engine.load();
  const deltas: WorkersDelta[] = [];
  engine.subscribe((event) => {
    if (event.channel === 'state:workers-delta') deltas.push(event.payload);
  });
  const summary = (id: string) => engine.summaries().find((entry) => entry.id === id)!;
  return { engine, logger, deltas, summary };
}

function assertNoSecrets(texts: readonly string[], key: Pick<SpiderSimKey, 'accessKey' | 'privateKey'>): void {
  for (const text of texts) {
    assert.ok(!text.includes(key.accessKey), `access key in: ${text}`);
    assert.ok(!text.includes(key.privateKey.slice(40, 80)), `private key in: ${text}`);
  }
}

describe('Spider adapter + engine against the simulator', () => {
  let sim: SpiderSim;
  before(async () => {
    sim = await startSpiderSim({ seed: 3 });
  });
  after(async () => {
    await sim.close();
  });

  const allNames = () =>
    [['mainfarm', 'btc'], ['mainfarm', 'bch'], ['backup01', 'btc'], ['ltcfarm', 'ltc']].reduce((sum, [name, coin]) => sum + sim.workerNames(name!, coin as 'btc').length, 0);

  it('discovers every subaccount and coin: groups, all workers, balances, payouts', async () => {
    const { engine, summary, logger } = await engineFor([spiderAccount(sim, 'full')]);
    await engine.pollAll();
    const account = summary('full');
    assert.equal(account.status, 'ok', account.message ?? '');
    assert.deepEqual(account.groups.map((group) => [group.name, group.coin]), [
      ['mainfarm (BTC)', 'BTC'],
      ['mainfarm (BCH)', 'BCH'],
      ['backup01 (BTC)', 'BTC'],
      ['ltcfarm (LTC)', 'LTC'],
    ]);
    assert.equal(account.workers.total, allNames());
    assert.ok(account.workers.online > 0 && account.workers.offline > 0 && account.workers.dead > 0, 'active, inactive and lost all mapped');
    assert.ok((account.groups[0]?.hashrate.h10m ?? 0) > 1e15, 'H/s strings read as H/s');
    assert.deepEqual(account.balances.map((balance) => balance.group), account.groups.map((group) => group.name));
    assert.ok(account.balances.every((balance) => (balance.totalEarned ?? 0) > 0));
    assert.ok(account.payouts.length > 0 && account.payouts.every((payout) => payout.txId === null || payout.status === 'confirmed'));
    assert.ok(account.revenue.length >= 4);
    assertNoSecrets(logger.lines, sim.fullKey);
  });

  it('reads history and day profits into the reading (signatures checked by the simulator on every call)', async () => {
    const adapter = createSpiderAdapter();
    const reading = await adapter.poll({
      baseUrl: sim.url,
      credentials: { accessKey: sim.fullKey.accessKey, privateKey: sim.fullKey.privateKey },
      options: { subaccounts: [{ name: 'ltcfarm', coin: 'LTC' }] },
      http: createHttpClient({ poolName: 'Spider Pool' }),
      now: Date.now,
      previous: null,
    });
    assert.deepEqual(reading.history?.map((series) => [series.group, series.resolution, series.points.length]), [
      ['ltcfarm (LTC)', 'hour', 24],
      ['ltcfarm (LTC)', 'day', 30],
    ]);
    assert.ok((reading.dailyEarnings?.length ?? 0) >= 30);
    assert.ok(reading.dailyEarnings?.every((row) => row.group === 'ltcfarm (LTC)' && row.coin === 'LTC' && row.amount > 0));
    assert.ok(sim.requestLog.every((entry) => entry.code !== 'SIGN_ERROR'));
  });

  it('watches only the configured subaccounts; an unknown one is named', async () => {
    const { engine, summary } = await engineFor([
      spiderAccount(sim, 'configured', sim.fullKey, [{ name: 'mainfarm', coin: 'BCH' }, { name: 'ghost01', coin: 'btc' }]),
    ]);
    await engine.pollAll();
    const account = summary('configured');
    assert.deepEqual(account.groups.map((group) => group.name), ['mainfarm (BCH)']);
    assert.equal(account.workers.total, sim.workerNames('mainfarm', 'bch').length);
    assert.equal(account.status, 'permission_limited');
    assert.match(account.message ?? '', /does not know this subaccount: ghost01 \(BTC\) \(INVALID_PARAM: The subaccount does not exist\)/);
  });

  it('a key scoped to one subaccount discovers only it', async () => {
    const key = sim.addKey({ subaccounts: ['ltcfarm'] });
    const { engine, summary } = await engineFor([spiderAccount(sim, 'scoped', key)]);
    await engine.pollAll();
    assert.deepEqual(summary('scoped').groups.map((group) => group.name), ['ltcfarm (LTC)']);
  });

  it('a worker that stops sending shares turns offline, and only it is pushed', async () => {
    const { engine, deltas, summary } = await engineFor([spiderAccount(sim, 'watch', sim.fullKey, [{ name: 'backup01', coin: 'btc' }])]);
    await engine.pollAll();
    const rig = engine.workersOf('watch').find((worker) => worker.state === 'online')!.name;
    const onlineBefore = summary('watch').workers.online;
    sim.stopWorker('backup01', 'btc', rig);
    sim.advanceClock(11 * MINUTE);
    deltas.length = 0;
    await engine.pollAll();
    const changed = deltas.flatMap((delta) => delta.upserted);
    assert.equal(changed.find((worker) => worker.name === rig)?.state, 'offline');
    assert.ok(changed.length < engine.workersOf('watch').length);
    assert.equal(summary('watch').workers.online, onlineBefore - 1);
  });

  it('a private key that is not the access key\'s: auth_error, the pool\'s words, the clocks agree', async () => {
    const other = sim.addKey();
    const { engine, summary, logger } = await engineFor([spiderAccount(sim, 'crossed', { accessKey: sim.fullKey.accessKey, privateKey: other.privateKey })]);
    await engine.pollAll();
    const account = summary('crossed');
    assert.equal(account.status, 'auth_error');
    assert.match(account.message ?? '', /SIGN_ERROR: Signature verification failed/);
    assert.match(account.message ?? '', /clock agrees with Spider Pool's, so the clock is not the cause/);
    assertNoSecrets([account.message ?? '', ...logger.lines], sim.fullKey);
    assertNoSecrets([account.message ?? '', ...logger.lines], other);
  });

  it('a computer clock 10 min slow: auth_error that says how far off the clock is', async () => {
    const slow: Clock = { ...systemClock, now: () => Date.now() - 10 * MINUTE };
    const { engine, summary } = await engineFor([spiderAccount(sim, 'skewed')], slow);
    await engine.pollAll();
    const account = summary('skewed');
    assert.equal(account.status, 'auth_error');
    assert.match(account.message ?? '', /\(500: Request expired: timestamp is too far from the server time\)/);
    assert.match(account.message ?? '', /This computer's clock is 10 min behind Spider Pool's/);
  });

  it('a revoked key: auth_error, last good data kept and stale', async () => {
    const key = sim.addKey({ subaccounts: ['backup01'] });
    const { engine, summary } = await engineFor([spiderAccount(sim, 'revoked', key)]);
    await engine.pollAll();
    const good = summary('revoked');
    assert.equal(good.status, 'ok');
    sim.revokeKey(key.accessKey);
    await engine.pollAll();
    const failed = summary('revoked');
    assert.equal(failed.status, 'auth_error');
    assert.match(failed.message ?? '', /INVALID_ACCESS_KEY: accessKey does not exist/);
    assert.equal(failed.stale, true);
    assert.equal(failed.workers.total, good.workers.total);
    assert.equal(failed.lastGoodAt, good.lastGoodAt);
  });

  it('refuses to save an account whose private key does not parse, listing the accepted forms', async () => {
    const { engine } = await engineFor([]);
    const attempt = new AccountEditor(engine).handle('accounts:save', {
      account: { pool: 'spider', label: 'Spider new', mode: 'signed', baseUrl: sim.url },
      secrets: { accessKey: sim.fullKey.accessKey, privateKey: `${sim.fullKey.privateKey.slice(0, 200)}garbage` },
    });
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof ContractError);
      assert.match(error.message, /BEGIN PRIVATE KEY/);
      assert.match(error.message, /BEGIN RSA PRIVATE KEY/);
      assertNoSecrets([error.message], sim.fullKey);
      return true;
    });
    const saved = await new AccountEditor(engine).handle('accounts:save', {
      account: { pool: 'spider', label: 'Spider pem', mode: 'signed', baseUrl: sim.url },
      secrets: { accessKey: sim.fullKey.accessKey, privateKey: `-----BEGIN PRIVATE KEY-----\\n${sim.fullKey.privateKey}\\n-----END PRIVATE KEY-----` },
    });
    assert.equal(saved.pool, 'spider');
    engine.stop();
  });
});

describe('Spider worker paging styles end to end', () => {
  for (const workerPaging of ['pageNum', 'pageNumber', 'none'] as const) {
    it(`${workerPaging}: all 430 workers read`, async () => {
      const sim = await startSpiderSim({ seed: 4, workerPaging, subaccounts: [{ name: 'bigfarm', coins: [{ coin: 'btc', workers: 430, lostShare: 0.3 }] }] });
      try {
        const { engine, summary } = await engineFor([spiderAccount(sim, 'big')]);
        await engine.pollAll();
        assert.equal(summary('big').status, 'ok', summary('big').message ?? '');
        assert.equal(engine.workersOf('big').length, 430);
        assert.equal(new Set(engine.workersOf('big').map((worker) => worker.name)).size, 430);
        assert.equal(summary('big').workers.dead, 129);
        const pages = sim.requestLog.filter((entry) => entry.path === '/v2/worker/getSubaccountWorkerDetailInfo').length;
        assert.equal(pages, workerPaging === 'none' ? 1 : 9, 'pages of 50 (the server cap), or one plain list');
      } finally {
        await sim.close();
      }
    });
  }
});

describe('Spider fault knobs end to end', () => {
  let sim: SpiderSim;
  before(async () => {
    sim = await startSpiderSim({ seed: 5, subaccounts: [{ name: 'small01', coins: [{ coin: 'btc', workers: 25 }] }] });
  });
  after(async () => {
    await sim.close();
  });

  const cases: Array<{ name: string; add: (sim: SpiderSim) => void; status: AccountSummary['status']; message: RegExp }> = [
    { name: '5xx', add: (s) => s.faults.add({ fault: { kind: 'status', status: 503 } }), status: 'unreachable', message: /Spider Pool had a server error \(HTTP 503\)/ },
    { name: '429', add: (s) => s.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 120 } }), status: 'unreachable', message: /rate-limiting.*120 s/ },
    { name: 'reset', add: (s) => s.faults.add({ fault: { kind: 'reset' } }), status: 'unreachable', message: /Could not reach Spider Pool/ },
    { name: 'hang', add: (s) => s.faults.add({ fault: { kind: 'hang' } }), status: 'unreachable', message: /did not answer within 2 s/ },
    { name: 'invalid JSON', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' } }), status: 'error', message: /invalid JSON for the subaccount list/ },
    { name: 'truncated', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'truncated' } }), status: 'unreachable', message: /Could not reach Spider Pool/ },
    { name: 'wrong types', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' } }), status: 'error', message: /the subaccount list in an unexpected shape: data/ },
    { name: 'missing fields', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' } }), status: 'error', message: /the subaccount list in an unexpected shape: data\.0\.coin/ },
    { name: 'HTML page', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'html' } }), status: 'error', message: /HTML page/ },
    { name: '50 MB body', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'huge' } }), status: 'error', message: /larger than 20 MB/ },
    {
      name: 'code "500" in HTTP 200 on the worker list',
      add: (s) => s.faults.add({ fault: { kind: 'status', status: 200, body: '{"code":"500","msg":"System busy"}' }, pathPrefix: '/v2/worker/' }),
      status: 'unreachable',
      message: /internal error answering the worker list of small01 \(BTC\) \(code 500: System busy\)/,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status}, last good data kept and stale, recovers after`, async () => {
      const { engine, summary, logger } = await engineFor([spiderAccount(sim, 'faulty')]);
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
        assert.deepEqual(failed.balances, good.balances);
      } finally {
        sim.faults.clear();
      }
      await engine.pollAll();
      assert.equal(summary('faulty').status, 'ok');
      assert.equal(summary('faulty').stale, false);
      assertNoSecrets(logger.lines, sim.fullKey);
    });
  }

  it('latency: a slow pool still answers and the account is ok', async () => {
    const { engine, summary } = await engineFor([spiderAccount(sim, 'slow')]);
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
    const other = await startSpiderSim({ seed: 6, subaccounts: [{ name: 'quick01', coins: [{ coin: 'ltc', workers: 5 }] }] });
    try {
      const { engine, summary } = await engineFor([spiderAccount(sim, 'stuck'), spiderAccount(other, 'healthy')]);
      sim.faults.add({ fault: { kind: 'hang' } });
      const started = Date.now();
      await engine.handle('engine:poll-now', {});
      await waitFor(() => summary('healthy').status === 'ok');
      assert.equal(summary('stuck').status, 'pending');
      assert.ok(Date.now() - started < 1_500);
      await waitFor(() => summary('stuck').status === 'unreachable');
    } finally {
      sim.faults.clear();
      await other.close();
    }
  });
});
