import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';

// The poll metrics come from the real engine's poll events: a key the pool revokes shows as an auth failure.

function line(text: string, prefix: string): number | undefined {
  const found = text.split('\n').find((candidate) => candidate.startsWith(prefix));
  return found === undefined ? undefined : Number(found.slice(found.lastIndexOf(' ') + 1));
}

describe('/metrics follows the engine\'s polls', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  let server: HeadlessServer;

  before(async () => {
    sim = await startSbiSim({ seed: 5, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 8 }] });
    ({ poolWatch } = createPoolWatch({
      config: memoryConfig({
        accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'K' }, apiSecret: { env: 'S' } } }],
      }),
      dataDir: null,
      secrets: memorySecrets(),
      env: { K: sim.fullKey.apiKey, S: sim.fullKey.apiSecret },
      logger: captureLogger(),
    }));
    await poolWatch.engine.load();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir: await mkdtemp(join(tmpdir(), 'pw-static-')), logger: captureLogger() });
  });
  after(async () => {
    await server.close();
    poolWatch.stop();
    await sim.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(response.status, 200);
    return response.text();
  };

  it('counts each poll\'s duration, and a revoked key as one auth failure; the last success time stays', async () => {
    await poolWatch.engine.pollAll();
    const good = await scrape();
    const labels = 'account="farm",pool="sbi"';
    assert.equal(line(good, `poolwatch_account_up{${labels}} `), 1);
    assert.equal(line(good, `poolwatch_poll_duration_seconds_count{${labels}} `), 1);
    assert.ok(line(good, `poolwatch_poll_duration_seconds_sum{${labels}} `)! > 0);
    const lastSuccess = line(good, `poolwatch_last_success_timestamp_seconds{${labels}} `);
    assert.equal(lastSuccess, Date.parse(poolWatch.summaries()[0]!.lastGoodAt!) / 1000);

    sim.revokeKey(sim.fullKey.apiKey);
    await poolWatch.engine.pollAll();
    const failed = await scrape();
    assert.equal(line(failed, `poolwatch_account_up{${labels}} `), 0);
    assert.equal(line(failed, `poolwatch_poll_failures_total{${labels},kind="auth"} `), 1);
    assert.equal(line(failed, `poolwatch_poll_failures_total{${labels},kind="unreachable"} `), 0);
    assert.equal(line(failed, `poolwatch_poll_duration_seconds_count{${labels}} `), 2);
    assert.equal(line(failed, `poolwatch_last_success_timestamp_seconds{${labels}} `), lastSuccess);
  });
});

describe('/metrics with per-worker series (--metrics-workers)', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  let server: HeadlessServer;

  before(async () => {
    // More workers than one slice of the per-worker writer, across two subaccounts.
    sim = await startSbiSim({ seed: 8, subaccounts: [{ name: 'big', coin: 'BTC', workers: 1_100, deadShare: 0.2 }, { name: 'small', coin: 'BCH', workers: 30 }] });
    ({ poolWatch } = createPoolWatch({
      config: memoryConfig({
        accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'K' }, apiSecret: { env: 'S' } } }],
      }),
      dataDir: null,
      secrets: memorySecrets(),
      env: { K: sim.fullKey.apiKey, S: sim.fullKey.apiSecret },
      logger: captureLogger(),
    }));
    await poolWatch.engine.load();
    await poolWatch.engine.pollAll();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir: await mkdtemp(join(tmpdir(), 'pw-static-')), metricsWorkers: true, logger: captureLogger() });
  });
  after(async () => {
    await server.close();
    poolWatch.stop();
    await sim.close();
  });

  it('has one state series and the hashrate windows of every worker, as /api/snapshot?workers=1 lists them, and promtool accepts it', async () => {
    const headers = { Authorization: `Bearer ${server.token}` };
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers })).text();
    const snapshot = (await (await fetch(`http://127.0.0.1:${server.port}/api/snapshot?workers=1`, { headers })).json()) as {
      accounts: Array<{ workerList: Array<{ name: string; group: string; state: string; hashrate: { h10m: number | null } }> }>;
    };
    const workers = snapshot.accounts[0]!.workerList;
    assert.equal(workers.length, 1_130);
    const states = text.split('\n').filter((candidate) => candidate.startsWith('poolwatch_worker_state{'));
    assert.equal(states.length, workers.length);
    for (const worker of [workers[0]!, workers[600]!, workers.at(-1)!]) {
      const labels = `account="farm",pool="sbi",group="${worker.group}",worker="${worker.name}"`;
      assert.equal(line(text, `poolwatch_worker_state{${labels},state="${worker.state}"} `), 1);
      if (worker.hashrate.h10m !== null) assert.equal(line(text, `poolwatch_worker_hashrate_hps{${labels},window="10m"} `), worker.hashrate.h10m);
    }
    assert.equal(text.match(/^# TYPE poolwatch_worker_state gauge$/gm)?.length, 1, 'declared once, whatever the slices');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });
});
