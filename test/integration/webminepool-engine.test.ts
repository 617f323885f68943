// WebMinePool adapter through the Engine against the simulator over real HTTP: rates from counts on a shared
// fake clock, users going offline and dead, envelopes, every fault knob with stale data kept, no secret anywhere.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ContractError } from '../../shared/contract';
import type { AccountSummary, Worker } from '../../shared/model';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { PoolError } from '../../main/base/pool-error';
import { createPoolHttpClient } from '../../main/pools/registry';
import { createWebMinePoolAdapter } from '../../main/pools/webminepool/webminepool-adapter';
import type { AccountConfig } from '../../main/store/config-schema';
import { startWebMinePoolSim, type WmpSim, type WmpSimOptions } from '../sim/webminepool';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';

const FAST_HTTP = { timeoutMs: 1_000, maxRetries: 1, maxRetryWaitMs: 50 };
const BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

function account(baseUrl: string, id: string, secretKey: string): { account: AccountConfig; env: Record<string, string> } {
  const variable = `${id.toUpperCase().replace(/-/g, '_')}_WMP_KEY`;
  return {
    account: { id, pool: 'webminepool', label: `WebMinePool ${id}`, baseUrl, credentials: { secretKey: { env: variable } } },
    env: { [variable]: secretKey },
  };
}

async function engineFor(entry: { account: AccountConfig; env: Record<string, string> }, clock: FakeClock) {
  const logger = captureLogger();
  const engine = new Engine({ config: memoryConfig({ accounts: [entry.account] }), secrets: memorySecrets(), env: entry.env, logger, httpLimits: FAST_HTTP, clock });
  await engine.load();
  const summary = (): AccountSummary => engine.summaries().find((candidate) => candidate.id === entry.account.id)!;
  const worker = (name: string): Worker => {
    const found = engine.workersOf(entry.account.id).find((candidate) => candidate.name === name);
    assert.ok(found, `worker ${name}`);
    return found;
  };
  return { engine, logger, summary, worker };
}

/** A simulator and an engine on one fake clock, so counts grow exactly as the engine's time moves. */
async function setup(options: WmpSimOptions = {}) {
  const clock = new FakeClock(BASE_MS);
  const sim = await startWebMinePoolSim({ now: () => clock.now(), seed: 4, ...options });
  const parts = await engineFor(account(sim.url, 'site', sim.secretKey), clock);
  return { clock, sim, ...parts };
}

function assertNoSecret(secret: string, texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) assert.ok(!text.includes(secret), `the secret key leaked into ${where}`);
}

function assertSecretNowhere(sim: WmpSim, logger: { lines: string[] }, summary: AccountSummary, workers: readonly Worker[]): void {
  for (const secret of sim.secretKeys()) {
    assertNoSecret(secret, {
      'the log': logger.lines.join('\n'),
      'the account summary': JSON.stringify(summary),
      'the workers': JSON.stringify(workers),
      "the simulator's request log": JSON.stringify(sim.requestLog),
    });
  }
}

describe('WebMinePool adapter + engine against the simulator', () => {
  it('first poll: users, groups per site key, balances valued in satoshi; no rate yet', async () => {
    const { sim, engine, summary, worker, logger } = await setup();
    try {
      await engine.pollAll();
      const first = summary();
      assert.equal(first.status, 'ok', first.message ?? '');
      assert.deepEqual(engine.workersOf('site').map((w) => w.name).sort(), ['alice', 'bob', 'carol', 'dave'], 'erin last mined 4 days ago: not listed');
      assert.deepEqual(first.groups.map((group) => group.name).sort(), [...sim.siteKeys].sort());
      assert.equal(worker('carol').group, sim.siteKeys[1]);
      assert.equal(worker('alice').state, 'unknown');
      assert.equal(worker('alice').hashrate.h10m, null);
      assert.deepEqual(first.hashrate, { h10m: null, h1h: null, h24h: null });
      const rates = sim.rates();
      const [wmc, hashes] = first.balances;
      assert.equal(wmc?.coin, 'WMC');
      assert.equal(wmc?.unpaid, sim.balance());
      assert.ok(Math.abs((wmc?.valueSatoshi ?? 0) - sim.balance() * rates.satoshiPerWmc) < 1e-6);
      assert.equal(hashes?.coin, 'HASHES');
      assert.equal(hashes?.unpaid, sim.accountHashes());
      assert.ok(Math.abs((hashes?.valueSatoshi ?? 0) - (sim.accountHashes() / 1e6) * rates.satoshiPerMillionWebHashes) < 1e-6);
      assertSecretNowhere(sim, logger, first, engine.workersOf('site'));
    } finally {
      await sim.close();
    }
  });

  it('second poll: each user\'s rate and the account\'s from counts a minute apart; a stopped user goes offline', async () => {
    const { clock, sim, engine, summary, worker } = await setup();
    try {
      await engine.pollAll();
      sim.stopUser('bob');
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(worker('alice').hashrate.h10m, 40);
      assert.equal(worker('alice').state, 'online');
      assert.equal(worker('carol').hashrate.h10m, 120);
      assert.equal(worker('bob').hashrate.h10m, 0);
      assert.equal(worker('bob').state, 'offline');
      assert.equal(worker('dave').state, 'offline');
      // users 40 + 120, plus 500 H/s mined without a user name: the account counter sees them all
      assert.equal(summary().hashrate.h10m, 660);
      assert.deepEqual(summary().workers, { online: 2, offline: 2, dead: 0, unknown: 0, total: 4, notHashing: 0 });
      const site0 = summary().groups.find((group) => group.name === sim.siteKeys[0]);
      assert.equal(site0?.hashrate.h10m, 40);
    } finally {
      await sim.close();
    }
  });

  it('a user silent for over 3 days leaves the list: it becomes dead, stays dead, and comes back online when it mines', async () => {
    const { clock, sim, engine, summary, worker } = await setup();
    try {
      await engine.pollAll();
      await clock.advance(2 * DAY + 22 * 60 * MINUTE);
      await engine.pollAll();
      assert.equal(worker('dave').state, 'offline', 'still listed (last mined 2 days 23 hours ago)');
      await clock.advance(2 * 60 * MINUTE);
      await engine.pollAll();
      assert.equal(worker('dave').state, 'dead');
      assert.equal(worker('dave').attributes?.hashes, 51_000, 'its last known count');
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(worker('dave').state, 'dead', 'carried over from the previous reading');
      assert.equal(summary().workers.dead, 1);
      sim.startUser('dave');
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(worker('dave').state, 'online');
    } finally {
      await sim.close();
    }
  });

  it('reset and withdrawal: no negative rate; a reset at the known pace is a restart, a withdrawal an unknown interval', async () => {
    const { clock, sim, engine, worker } = await setup();
    try {
      await engine.pollAll();
      await clock.advance(MINUTE);
      await engine.pollAll();
      await clock.advance(30_000);
      sim.resetUser('alice');
      sim.withdraw('carol', 1_000_000);
      await clock.advance(30_000);
      await engine.pollAll();
      assert.equal(worker('alice').state, 'online');
      assert.equal(worker('alice').hashrate.h10m, 20, '1,200 hashes since the reset over 60 s: a lower bound');
      assert.equal(worker('carol').state, 'unknown');
      assert.equal(worker('carol').hashrate.h10m, null);
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(worker('carol').hashrate.h10m, 120);
      assert.equal(worker('carol').state, 'online');
    } finally {
      await sim.close();
    }
  });

  it('a payout (unpaid hashes become WMC): the account rate is the larger of its restart estimate and the users\' sum', async () => {
    const { clock, sim, engine, summary } = await setup();
    try {
      await engine.pollAll();
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(summary().hashrate.h10m, 675);
      const wmcBefore = summary().balances[0]?.unpaid ?? 0;
      await clock.advance(MINUTE);
      sim.payHashes();
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.ok((summary().balances[0]?.unpaid ?? 0) > wmcBefore);
      assert.equal(summary().balances[1]?.unpaid, 675 * 60, 'one minute of mining since the payout');
      // 40,500 hashes over the 120 s since the last poll (337.5 H/s) beats the users' 175 H/s
      assert.equal(summary().hashrate.h10m, 337.5);
    } finally {
      await sim.close();
    }
  });

  it('the {status, error} envelope and numbers as strings read the same', async () => {
    const { clock, sim, engine, summary, worker } = await setup({ envelope: 'status', numbers: 'string' });
    try {
      await engine.pollAll();
      await clock.advance(MINUTE);
      await engine.pollAll();
      assert.equal(summary().status, 'ok', summary().message ?? '');
      assert.equal(worker('carol').hashrate.h10m, 120);
      assert.equal(summary().balances[0]?.unpaid, sim.balance());
      sim.setEnvelope('success', 'users');
      await engine.pollAll();
      assert.equal(summary().status, 'ok', 'mixed envelopes per endpoint');
    } finally {
      await sim.close();
    }
  });

  it('a refreshed key: auth_error pointing at Dashboard > Keys, with the last good data kept and marked stale', async () => {
    const { clock, sim, engine, summary, logger } = await setup();
    try {
      await engine.pollAll();
      const good = summary();
      sim.refreshKey(sim.secretKey);
      await clock.advance(MINUTE);
      await engine.pollAll();
      const failed = summary();
      assert.equal(failed.status, 'auth_error');
      assert.match(failed.message ?? '', /invalid api key/);
      assert.match(failed.message ?? '', /Dashboard > Keys/);
      assert.equal(failed.stale, true);
      assert.equal(failed.workers.total, good.workers.total);
      assert.deepEqual(failed.balances, good.balances);
      assertSecretNowhere(sim, logger, failed, engine.workersOf('site'));
      assert.ok(!JSON.stringify(failed).includes(sim.secretKey), 'the revoked key either');
    } finally {
      await sim.close();
    }
  });

  it('a failing rate endpoint leaves the satoshi value out and the account ok', async () => {
    const { sim, engine, summary } = await setup();
    try {
      sim.faults.add({ fault: { kind: 'status', status: 200, body: '{"success":false,"message":"internal error"}' }, pathPrefix: '/hash_rate' });
      await engine.pollAll();
      assert.equal(summary().status, 'ok');
      assert.equal(summary().balances[1]?.valueSatoshi, null);
      assert.ok((summary().balances[0]?.valueSatoshi ?? 0) > 0, 'the WMC rate still read');
    } finally {
      await sim.close();
    }
  });

  it('adding and testing an account: a bad key shape is refused, a wrong key fails the test with auth_error', async () => {
    const sim = await startWebMinePoolSim({ seed: 2 });
    const engine = new Engine({ config: memoryConfig(), secrets: memorySecrets(), env: {}, logger: captureLogger(), httpLimits: { maxRetries: 0, timeoutMs: 2_000 } });
    try {
      await engine.start();
      const draft = { pool: 'webminepool' as const, label: 'My site', mode: 'secret', baseUrl: sim.url };
      await assert.rejects(new AccountEditor(engine).handle('accounts:save', { account: draft, secrets: { secretKey: 'has/slash-in-it' } }), (error: ContractError) => /slashes/.test(error.message));
      const wrong = await new AccountEditor(engine).handle('accounts:test', { account: draft, secrets: { secretKey: 'a-wrong-secret-key-value' } });
      assert.equal(wrong.status, 'auth_error');
      assert.match(wrong.message ?? '', /Dashboard > Keys/);
      const right = await new AccountEditor(engine).handle('accounts:test', { account: draft, secrets: { secretKey: sim.secretKey } });
      assert.equal(right.ok, true, right.message ?? '');
      assert.equal(right.workers?.total, 4);
    } finally {
      engine.stop();
      await sim.close();
    }
  });
});

describe('WebMinePool fault knobs end to end', () => {
  let sim: WmpSim;
  let clock: FakeClock;
  before(async () => {
    clock = new FakeClock(BASE_MS);
    sim = await startWebMinePoolSim({ now: () => clock.now(), seed: 8 });
  });
  after(async () => {
    await sim.close();
  });

  const cases: Array<{ name: string; add: (s: WmpSim) => void; status: AccountSummary['status']; message: RegExp }> = [
    { name: '5xx', add: (s) => s.faults.add({ fault: { kind: 'status', status: 503 } }), status: 'unreachable', message: /server error \(HTTP 503\)/ },
    { name: '429', add: (s) => s.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 120 } }), status: 'unreachable', message: /rate-limiting.*120 s/ },
    { name: 'reset', add: (s) => s.faults.add({ fault: { kind: 'reset' } }), status: 'unreachable', message: /Could not reach WebMinePool/ },
    { name: 'hang', add: (s) => s.faults.add({ fault: { kind: 'hang' } }), status: 'unreachable', message: /did not answer within 1 s/ },
    { name: 'invalid JSON', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' } }), status: 'error', message: /invalid JSON for the account balance/ },
    { name: 'truncated', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'truncated' } }), status: 'unreachable', message: /Could not reach WebMinePool/ },
    { name: 'wrong types', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' } }), status: 'error', message: /the account balance in an unexpected shape: balance/ },
    { name: 'missing fields', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, pathPrefix: '/users' }), status: 'error', message: /the user list in an unexpected shape: users/ },
    { name: 'HTML page', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'html' } }), status: 'error', message: /HTML page/ },
    { name: '50 MB body', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'huge' } }), status: 'error', message: /larger than 20 MB/ },
    {
      name: '"internal error" with HTTP 200',
      add: (s) => s.faults.add({ fault: { kind: 'status', status: 200, body: '{"status":false,"error":"internal error"}' }, pathPrefix: '/hashes' }),
      status: 'error',
      message: /internal error .*while reading the unpaid hash count/,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status}, last good data kept and stale, no secret anywhere, recovers after`, async () => {
      const { engine, summary, logger } = await engineFor(account(sim.url, 'faulty', sim.secretKey), clock);
      await engine.pollAll();
      await clock.advance(MINUTE);
      await engine.pollAll();
      const good = summary();
      assert.equal(good.status, 'ok', good.message ?? '');
      assert.ok((good.hashrate.h10m ?? 0) > 0);
      testCase.add(sim);
      try {
        await clock.advance(MINUTE);
        await engine.pollAll();
        const failed = summary();
        assert.equal(failed.status, testCase.status, failed.message ?? '');
        assert.match(failed.message ?? '', testCase.message);
        assert.equal(failed.stale, true);
        assert.equal(failed.workers.total, good.workers.total);
        assert.deepEqual(failed.hashrate, good.hashrate);
        assert.deepEqual(failed.balances, good.balances);
        assertSecretNowhere(sim, logger, failed, engine.workersOf('faulty'));
      } finally {
        sim.faults.clear();
      }
      await clock.advance(MINUTE);
      await engine.pollAll();
      const recovered = summary();
      assert.equal(recovered.status, 'ok');
      assert.equal(recovered.stale, false);
      // the rate spans the failed poll too: two minutes since the last good reading
      assert.equal(engine.workersOf('faulty').find((worker) => worker.name === 'carol')?.hashrate.h10m, 120);
    });
  }

  it('latency: a slow pool still answers and the account is ok', async () => {
    const { engine, summary } = await engineFor(account(sim.url, 'slow', sim.secretKey), clock);
    sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 1 });
    try {
      const started = Date.now();
      await engine.pollAll();
      assert.equal(summary().status, 'ok');
      assert.ok(Date.now() - started >= 150);
    } finally {
      sim.faults.clear();
    }
  });

  it('connection refused: unreachable, and the key is in no log line or message', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { engine, summary, logger } = await engineFor(account(`http://127.0.0.1:${port}`, 'refused', sim.secretKey), clock);
    await engine.pollAll();
    assert.equal(summary().status, 'unreachable');
    assert.match(summary().message ?? '', /refused/);
    assertSecretNowhere(sim, logger, summary(), []);
    assert.ok(logger.lines.some((line) => line.includes('unreachable')), 'the failure was logged');
  });
});

describe('the thrown errors themselves hold no secret key (adapter against the simulator)', () => {
  function assertErrorClean(error: unknown, secret: string, seen = new Set<unknown>()): void {
    if (error === null || error === undefined || seen.has(error)) return;
    seen.add(error);
    if (typeof error === 'string') {
      assert.ok(!error.includes(secret), `secret key in: ${error}`);
      return;
    }
    if (typeof error !== 'object') return;
    if (error instanceof Error) {
      for (const text of [error.message, String(error), error.stack ?? '']) assert.ok(!text.includes(secret), `secret key in: ${text}`);
      assertErrorClean(error.cause, secret, seen);
    }
    for (const key of Object.getOwnPropertyNames(error)) assertErrorClean((error as Record<string, unknown>)[key], secret, seen);
  }

  async function pollError(baseUrl: string, secretKey: string): Promise<PoolError> {
    const adapter = createWebMinePoolAdapter();
    try {
      await adapter.poll({
        baseUrl,
        credentials: { secretKey },
        options: {},
        http: createPoolHttpClient(adapter, { timeoutMs: 300, maxRetries: 1, maxRetryWaitMs: 50 }, () => BASE_MS),
        now: () => BASE_MS,
        previous: null,
      });
    } catch (error) {
      assert.ok(error instanceof PoolError, String(error));
      return error;
    }
    return assert.fail('the poll should have failed');
  }

  for (const [name, fault, kind] of [
    ['reset', { kind: 'reset' }, 'unreachable'],
    ['hang (timeout)', { kind: 'hang' }, 'unreachable'],
    ['wrong key', null, 'auth'],
  ] as const) {
    it(name, async () => {
      const sim = await startWebMinePoolSim({ seed: 1 });
      try {
        if (fault) sim.faults.add({ fault });
        const key = fault ? sim.secretKey : `${sim.secretKey}0`;
        const error = await pollError(sim.url, key);
        assert.equal(error.kind, kind);
        assertErrorClean(error, key);
        assert.ok(sim.requestLog.length > 0 || fault?.kind === 'hang');
        assert.ok(!JSON.stringify(sim.requestLog).includes(key));
      } finally {
        await sim.close();
      }
    });
  }

  it('connection refused', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const key = 'a-secret-key-for-a-closed-port';
    const error = await pollError(`http://127.0.0.1:${port}`, key);
    assert.equal(error.kind, 'unreachable');
    assertErrorClean(error, key);
  });
});
