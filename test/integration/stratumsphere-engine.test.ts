// Stratumsphere adapter + Engine against the simulator over real HTTP: schedulers as groups, rentals as
// workers, key reset, the per-poll rental cap, and every fault knob with the last good data kept.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WorkersDelta } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';
import { Engine } from '../../main/engine/engine';
import { AccountEditor } from '../../main/engine/account-editor';
import { MAX_RENTALS_PER_POLL } from '../../main/pools/stratumsphere';
import type { AccountConfig } from '../../main/store/config-schema';
import { startStratumsphereSim, type StratumsphereSim, type StratumsphereSimOptions } from '../sim/stratumsphere';
import { SMALL_STRATUMSPHERE_ACCOUNT } from '../sim/stratumsphere/test-client';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';

const FAST_HTTP = { timeoutMs: 2_000, maxRetries: 1, maxRetryWaitMs: 50 };
const BASE_MS = Date.UTC(2024, 4, 15, 12);

function account(sim: StratumsphereSim, id: string): AccountConfig {
  return { id, pool: 'stratumsphere', label: `Stratumsphere ${id}`, baseUrl: sim.url, credentials: { apiKey: { keychain: true } } };
}

/** An engine with the accounts' keys in a memory keychain, so a test can replace one as a user would. */
async function engineFor(sim: StratumsphereSim, ids: string[], key: string = sim.apiKey) {
  const logger = captureLogger();
  const secrets = memorySecrets(Object.fromEntries(ids.map((id) => [`${id}/apiKey`, key])));
  const engine = new Engine({ config: memoryConfig({ accounts: ids.map((id) => account(sim, id)) }), secrets, logger, httpLimits: FAST_HTTP });
  await engine.load();
  const deltas: WorkersDelta[] = [];
  engine.subscribe((event) => {
    if (event.channel === 'state:workers-delta') deltas.push(event.payload);
  });
  const summary = (id: string): AccountSummary => engine.summaries().find((entry) => entry.id === id)!;
  return { engine, logger, secrets, deltas, summary };
}

describe('Stratumsphere adapter + engine against the simulator', () => {
  let sim: StratumsphereSim;
  before(async () => {
    // a still clock: figures change only when a test changes them
    sim = await startStratumsphereSim({ seed: 3, now: () => BASE_MS });
  });
  after(async () => {
    await sim.close();
  });

  it('reads every scheduler as a group and every rental as a worker, in H/s', async () => {
    const { engine, summary, logger } = await engineFor(sim, ['full']);
    await engine.pollAll();
    const result = summary('full');
    assert.equal(result.status, 'ok', result.message ?? '');
    const state = sim.state();
    assert.deepEqual(result.groups.map((group) => group.name), state.map((scheduler) => scheduler.name));
    for (const [index, group] of result.groups.entries()) {
      const scheduler = state[index]!;
      assert.deepEqual(
        { type: group.attributes?.type, algorithm: group.attributes?.algorithm, location: group.attributes?.location },
        { type: scheduler.type, algorithm: scheduler.algorithm, location: scheduler.location },
      );
      assert.equal(group.attributes?.unstableRentals, String(scheduler.rentals.filter((rental) => !rental.stable).length));
      assert.equal(group.workers.total, scheduler.rentals.length);
      assert.equal(group.coin, null);
    }
    const workers = engine.workersOf('full');
    const rentals = state.flatMap((scheduler) => scheduler.rentals);
    assert.equal(workers.length, rentals.length);
    for (const rental of rentals) {
      const worker = workers.find((candidate) => candidate.attributes?.rentalId === String(rental.id));
      assert.ok(worker, `rental ${rental.id} shown`);
      assert.equal(worker.state, rental.connections > 0 ? 'online' : 'offline');
      assert.equal(worker.attributes?.connections, rental.connections);
      assert.equal(worker.attributes?.stable, rental.stable);
      assert.ok(Math.abs((worker.hashrate.h10m ?? -1) - rental.hashrateHps) <= 1, 'raw H/s, rounded by the service');
    }
    assert.ok((result.hashrate.h10m ?? 0) > 1e14, 'SHA256 schedulers push hundreds of TH/s');
    assert.ok(logger.lines.every((line) => !line.includes(sim.apiKey)));
  });

  it('works the same with a flat list and wrapped rentals', async () => {
    const other = await startStratumsphereSim({ seed: 4, schedulers: SMALL_STRATUMSPHERE_ACCOUNT, envelopes: { schedulers: 'flat', rental: 'wrapped' } });
    try {
      const { engine, summary } = await engineFor(other, ['flat']);
      await engine.pollAll();
      assert.equal(summary('flat').status, 'ok', summary('flat').message ?? '');
      assert.equal(engine.workersOf('flat').length, 7);
    } finally {
      await other.close();
    }
  });

  it('a rental losing its connections goes offline and unstable, and only it is pushed', async () => {
    const { engine, deltas, summary } = await engineFor(sim, ['watch']);
    await engine.pollAll();
    const target = engine.workersOf('watch').find((worker) => worker.state === 'online' && worker.attributes?.stable === true)!;
    const rentalId = Number(target.attributes?.rentalId);
    const unstableBefore = Number(summary('watch').groups.find((group) => group.name === target.group)?.attributes?.unstableRentals);
    sim.setRentalConnections(rentalId, 0);
    deltas.length = 0;
    try {
      await engine.pollAll();
      const changed = deltas.flatMap((delta) => delta.upserted);
      assert.deepEqual(changed.map((worker) => worker.name), [target.name], 'the clock stood still: nothing else changed');
      assert.equal(changed[0]?.state, 'offline');
      assert.deepEqual(changed[0]?.attributes, { rentalId: String(rentalId), connections: 0, stable: false, rejectedHps: 0 });
      assert.equal(changed[0]?.hashrate.h10m, 0);
      const group = summary('watch').groups.find((entry) => entry.name === target.group);
      assert.equal(Number(group?.attributes?.unstableRentals), unstableBefore + 1);
      assert.equal(group?.workers.offline, 1 + (sim.state().find((scheduler) => scheduler.name === target.group)?.rentals.filter((rental) => rental.connections === 0 && rental.id !== rentalId).length ?? 0));
    } finally {
      sim.setRentalConnections(rentalId, null);
    }
  });

  it('key reset: auth_error naming Account → Integrations, last good data kept and stale; the new key brings it back', async () => {
    const { engine, summary, logger } = await engineFor(sim, ['reset']);
    await engine.pollAll();
    const good = summary('reset');
    assert.equal(good.status, 'ok');
    const oldKey = sim.apiKey;
    const newKey = sim.resetKey();
    await engine.pollAll();
    const failed = summary('reset');
    assert.equal(failed.status, 'auth_error');
    assert.match(failed.message ?? '', /rejected the API key \(invalid key\)/);
    assert.match(failed.message ?? '', /reset under Account → Integrations/);
    assert.equal(failed.stale, true);
    assert.equal(failed.lastGoodAt, good.lastGoodAt);
    assert.deepEqual(failed.groups, good.groups);
    assert.equal(engine.workersOf('reset').length, good.workers.total);
    assert.ok([...logger.lines, failed.message ?? ''].every((line) => !line.includes(oldKey) && !line.includes(newKey)));

    await new AccountEditor(engine).handle('accounts:save', {
      account: { id: 'reset', pool: 'stratumsphere', label: 'Stratumsphere reset', baseUrl: sim.url, mode: 'api-key' },
      secrets: { apiKey: newKey },
    });
    await engine.pollAll();
    assert.equal(summary('reset').status, 'ok');
    assert.equal(summary('reset').stale, false);
  });

  it('a key stored with "Bearer " is refused by the service; the form refuses it before saving', async () => {
    const { engine, summary } = await engineFor(sim, ['bearer'], `Bearer ${sim.apiKey}`);
    await engine.pollAll();
    assert.equal(summary('bearer').status, 'auth_error');
    assert.match(summary('bearer').message ?? '', /remove that word/);
    assert.ok(!(summary('bearer').message ?? '').includes(sim.apiKey));
    const test = await new AccountEditor(engine).handle('accounts:test', {
      account: { pool: 'stratumsphere', label: 'x', baseUrl: sim.url, mode: 'api-key' },
      secrets: { apiKey: `Bearer ${sim.apiKey}` },
    });
    assert.equal(test.ok, false);
    assert.match(test.message ?? '', /without "Bearer"/);
  });

  it(`reads at most ${MAX_RENTALS_PER_POLL} rentals a poll and says so`, async () => {
    const big = await startStratumsphereSim({ seed: 9, schedulers: [{ name: 'Big', type: 'miners', algorithm: 'SHA256', location: 'europe', rentals: MAX_RENTALS_PER_POLL + 20 }] });
    try {
      const { engine, summary } = await engineFor(big, ['big']);
      await engine.pollAll();
      const result = summary('big');
      assert.equal(result.status, 'permission_limited');
      assert.match(result.message ?? '', new RegExp(`has ${MAX_RENTALS_PER_POLL + 20} rentals; PoolWatch reads ${MAX_RENTALS_PER_POLL}`));
      assert.equal(engine.workersOf('big').length, MAX_RENTALS_PER_POLL);
      assert.equal(result.groups[0]?.workers.total, MAX_RENTALS_PER_POLL + 20);
      assert.equal(big.requestLog.filter((entry) => entry.path.startsWith('/v1/scheduler-rental/')).length, MAX_RENTALS_PER_POLL);
    } finally {
      await big.close();
    }
  });
});

describe('fault knobs end to end', () => {
  let sim: StratumsphereSim;
  const options: StratumsphereSimOptions = { seed: 5, schedulers: SMALL_STRATUMSPHERE_ACCOUNT };
  before(async () => {
    sim = await startStratumsphereSim(options);
  });
  after(async () => {
    await sim.close();
  });

  const cases: Array<{ name: string; add: (sim: StratumsphereSim) => void; status: AccountSummary['status']; message: RegExp }> = [
    { name: '5xx', add: (s) => s.faults.add({ fault: { kind: 'status', status: 503 } }), status: 'unreachable', message: /server error \(HTTP 503\)/ },
    { name: '429', add: (s) => s.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 120 } }), status: 'unreachable', message: /rate-limiting.*120 s/ },
    { name: 'reset', add: (s) => s.faults.add({ fault: { kind: 'reset' } }), status: 'unreachable', message: /Could not reach Stratumsphere/ },
    { name: 'hang', add: (s) => s.faults.add({ fault: { kind: 'hang' } }), status: 'unreachable', message: /did not answer within 2 s/ },
    { name: 'invalid JSON', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' } }), status: 'error', message: /invalid JSON for the scheduler list/ },
    { name: 'truncated', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'truncated' } }), status: 'unreachable', message: /Could not reach Stratumsphere/ },
    { name: 'wrong types', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' } }), status: 'error', message: /the scheduler list in an unexpected shape/ },
    { name: 'missing fields', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' } }), status: 'error', message: /the scheduler list in an unexpected shape/ },
    {
      name: 'wrong types on rentals only',
      add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' }, pathPrefix: '/v1/scheduler-rental/' }),
      status: 'error',
      message: /rental \d+ in an unexpected shape: (hashrate|isStable)/,
    },
    {
      name: 'missing fields on rentals only',
      add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, pathPrefix: '/v1/scheduler-rental/' }),
      status: 'error',
      message: /rental \d+ in an unexpected shape: hashrate \(missing\)/,
    },
    { name: 'HTML page', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'html' } }), status: 'error', message: /HTML page/ },
    { name: '50 MB body', add: (s) => s.faults.add({ fault: { kind: 'malformed', variant: 'huge' } }), status: 'error', message: /larger than 20 MB/ },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status}, last good data kept and stale, recovers after`, async () => {
      const { engine, summary, logger } = await engineFor(sim, ['faulty']);
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
        assert.equal(engine.workersOf('faulty').length, good.workers.total);
      } finally {
        sim.faults.clear();
      }
      await engine.pollAll();
      assert.equal(summary('faulty').status, 'ok');
      assert.equal(summary('faulty').stale, false);
      assert.ok(logger.lines.every((line) => !line.includes(sim.apiKey)));
    });
  }

  it('latency: a slow service still answers and the account is ok', async () => {
    const { engine, summary } = await engineFor(sim, ['slow']);
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
});
