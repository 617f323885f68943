import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../main/cli/cli';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { MAINTENANCE_FIRST_DELAY_MS } from '../../main/history/history-service';
import { fileConfigRepository } from '../../main/store/config-repository';
import { ContractError } from '../../shared/contract';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';
import { csvRecords } from '../support/parse-csv';

// History with real parts: the SBI simulator over HTTP, the engine on a fake clock, samples in a SQLite file,
// the charts' contract channels, the CSV export from the contract and from the CLI, and a restart on the same file.
describe('history from simulator polls to charts and CSV', () => {
  const POLL_MS = 60_000;
  const WORKERS = 12;
  let sim: SbiSim;
  let clock: FakeClock;
  let dir: string;
  let configFile: string;
  let poolWatch: PoolWatch;
  const logger = captureLogger();
  let env: Record<string, string>;
  let startMs: number;

  function open(): PoolWatch {
    return createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: dir,
      secrets: memorySecrets(),
      logger,
      clock,
      env,
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }).poolWatch;
  }

  /** What each poll saw: the account's time and hashrate, as the history should hold them. */
  const polled: Array<{ atMs: number; hps: number }> = [];

  async function cycle(): Promise<void> {
    await clock.advance(POLL_MS);
    sim.advanceClock(POLL_MS);
    await poolWatch.engine.pollAll();
    polled.push({ atMs: clock.now(), hps: poolWatch.summaries()[0]!.hashrate.h10m! });
  }

  const lastHour = () => ({ from: new Date(startMs).toISOString(), to: new Date(clock.now() + 1).toISOString(), maxPoints: 500 });

  before(async () => {
    sim = await startSbiSim({ seed: 77, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: WORKERS, deadShare: 0, offlineShare: 0 }] });
    dir = await mkdtemp(join(tmpdir(), 'pw-history-'));
    configFile = join(dir, 'config.json');
    env = { PW_H_KEY: sim.fullKey.apiKey, PW_H_SECRET: sim.fullKey.apiSecret };
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_H_KEY' }, apiSecret: { env: 'PW_H_SECRET' } } }],
      }),
    );
    clock = new FakeClock(Date.now());
    startMs = clock.now();
    poolWatch = open();
    await poolWatch.engine.load();
    for (let i = 0; i < 6; i += 1) await cycle();
  });

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it('records every poll: the account, its group and each worker have a hashrate series', async () => {
    const account = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm' }, range: lastHour() });
    assert.equal(account.resolution, 'raw');
    assert.ok(account.points.length >= 5 && account.points.length <= 7, `about one point per poll: ${account.points.length}`);
    // Chart points are time-weighted buckets: each lies within what the polls saw.
    const low = Math.min(...polled.map((p) => p.hps));
    const high = Math.max(...polled.map((p) => p.hps));
    for (const point of account.points) assert.ok(point.min >= low - 1 && point.max <= high + 1 && point.min <= point.avg && point.avg <= point.max);
    const current = poolWatch.summaries()[0]!.hashrate.h10m!;

    const group = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm', group: 'rigs' }, range: lastHour() });
    assert.equal(group.points.length, 6);
    const fleet = await poolWatch.handle('history:hashrate', { scope: {}, range: lastHour() });
    assert.deepEqual(fleet.points.map((p) => p.avg), account.points.map((p) => p.avg), 'one account: the fleet is that account');

    const worker = sim.workerNames('rigs')[0]!;
    const one = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm', group: 'rigs', worker }, range: lastHour() });
    assert.ok(one.points.length > 0);
    assert.ok(one.points.every((p) => p.avg > 0 && p.avg < current));
  });

  it('worker states over time show workers going offline', async () => {
    const before = await poolWatch.handle('history:worker-states', { scope: { accountId: 'farm' }, range: lastHour() });
    assert.equal(before.points.at(-1)!.online, WORKERS);
    for (const name of sim.workerNames('rigs').slice(0, 3)) sim.stopWorker('rigs', name);
    for (let i = 0; i < 4; i += 1) await cycle();
    const after = await poolWatch.handle('history:worker-states', { scope: { accountId: 'farm' }, range: lastHour() });
    const last = after.points.at(-1)!;
    assert.equal(last.online, WORKERS - 3);
    assert.equal(last.offline + last.dead, 3);
    assert.equal(after.points[0]!.online, WORKERS, 'the start of the range still shows all online');
  });

  it('a bad range is refused with a message that says what is wrong', async () => {
    await assert.rejects(
      poolWatch.handle('history:hashrate', { scope: {}, range: { from: '2026-11-21T12:00:00Z', to: '2026-11-21T11:00:00Z', maxPoints: 100 } }),
      (error: unknown) => error instanceof ContractError && /ends .* before it starts/.test(error.message),
    );
    await assert.rejects(
      poolWatch.handle('history:earnings', { from: 'yesterday', to: '2026-11-21T11:00:00Z' }),
      (error: unknown) => error instanceof ContractError && /ISO time/.test(error.message),
    );
  });

  it('exports the hashrate history as CSV: one row per poll, as the poll saw it', async () => {
    const range = lastHour();
    const { filename, csv } = await poolWatch.handle('export:csv', { kind: 'hashrate', accountId: 'farm', from: range.from, to: range.to });
    assert.match(filename, /^poolwatch-hashrate-farm-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(csv.startsWith('time,account_id,group,worker,hashrate_hps,resolution\r\n'));
    const rows = csvRecords(csv);
    assert.deepEqual(
      rows.map((row) => ({ atMs: Date.parse(row.time!), hps: Number(row.hashrate_hps) })),
      polled.map((poll) => ({ atMs: poll.atMs, hps: Math.round(poll.hps) })),
    );
    assert.ok(rows.every((row) => row.account_id === 'farm' && row.group === '' && row.worker === '' && row.resolution === 'raw'));

    const group = csvRecords((await poolWatch.handle('export:csv', { kind: 'hashrate', accountId: 'farm', group: 'rigs', from: range.from, to: range.to })).csv);
    assert.equal(group.length, polled.length);
    assert.ok(group.every((row) => row.group === 'rigs'));

    // A worker's rows are stored only when it changes, yet its export has a row for every poll, at that poll's value.
    const name = sim.workerNames('rigs')[5]!;
    const worker = csvRecords(
      (await poolWatch.handle('export:csv', { kind: 'hashrate', accountId: 'farm', group: 'rigs', worker: name, from: range.from, to: range.to })).csv,
    );
    assert.deepEqual(worker.map((row) => Date.parse(row.time!)), polled.map((poll) => poll.atMs));
    assert.ok(worker.every((row) => row.worker === name && Number(row.hashrate_hps) > 0));
    const chart = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm', group: 'rigs', worker: name }, range });
    const low = Math.min(...chart.points.map((p) => p.min));
    const high = Math.max(...chart.points.map((p) => p.max));
    assert.ok(worker.every((row) => Number(row.hashrate_hps) >= low && Number(row.hashrate_hps) <= high), 'the same values the chart draws');
  });

  it('exports the current workers and the payouts', async () => {
    const workers = csvRecords((await poolWatch.handle('export:csv', { kind: 'workers', accountId: 'farm' })).csv);
    assert.equal(workers.length, WORKERS);
    const listed = poolWatch.workersOf('farm');
    for (const row of workers) {
      const worker = listed.find((w) => w.name === row.worker)!;
      assert.equal(row.state, worker.state);
      assert.equal(Number(row.hashrate_10m_hps), worker.hashrate.h10m);
    }
    const payouts = csvRecords((await poolWatch.handle('export:csv', { kind: 'payouts' })).csv);
    const known = poolWatch.summaries()[0]!.payouts;
    assert.equal(payouts.length, known.length);
    assert.deepEqual(payouts.map((row) => row.payout_id).sort(), known.map((p) => p.id).sort());
    assert.ok(payouts.every((row) => Number.isFinite(Number(row.amount)) && row.coin !== ''));
  });

  it('the CLI prints the same CSV from the file the app wrote', async () => {
    const range = lastHour();
    const fromApp = (await poolWatch.handle('export:csv', { kind: 'hashrate', accountId: 'farm', from: range.from, to: range.to })).csv;
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => err.push(text) };
    const code = await runCli(['export', 'hashrate', '--config', configFile, '--account', 'farm', '--from', range.from, '--to', range.to], io);
    assert.equal(code, 0, err.join('\n'));
    assert.deepEqual(csvRecords(out.join('\n')), csvRecords(fromApp));

    assert.equal(await runCli(['export', 'rigs', '--config', configFile], io), 1);
    assert.match(err.at(-1)!, /export needs one of workers, hashrate, payouts, earnings, not "rigs"/);
    assert.equal(await runCli(['export', 'hashrate', '--config', configFile, '--group', 'rigs'], io), 1);
    assert.match(err.at(-1)!, /needs its account/);
  });

  it('the CLI export only reads: a wrong folder or account is an error, and nothing is created', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => err.push(text) };
    const missing = join(dir, 'no-such-folder');
    assert.equal(await runCli(['export', 'payouts', '--config', configFile, '--data', missing], io), 1);
    assert.match(err.at(-1)!, /There is no history at .*no-such-folder.*history\.sqlite.*--data/);
    assert.equal(existsSync(missing), false, 'the mistyped folder is not created');

    assert.equal(await runCli(['export', 'hashrate', '--config', configFile, '--account', 'frm'], io), 1);
    assert.match(err.at(-1)!, /There is no account "frm" in .* \(its accounts: farm\)/);

    for (const bad of ['2026-02-30', 'March 3']) {
      assert.equal(await runCli(['export', 'hashrate', '--config', configFile, '--from', bad], io), 1);
      assert.match(err.at(-1)!, /export: --from: must be an ISO time such as 2026-11-21T12:00:00Z \(UTC unless it says otherwise\)/);
    }
  });

  it('the CLI export with only --to covers the day before it', async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: () => {} };
    const to = new Date(polled[2]!.atMs + 1).toISOString();
    assert.equal(await runCli(['export', 'hashrate', '--config', configFile, '--account', 'farm', '--to', to], io), 0);
    const rows = csvRecords(out.join('\n'));
    assert.deepEqual(rows.map((row) => Date.parse(row.time!)), polled.slice(0, 3).map((poll) => poll.atMs));
  });

  it('maintenance runs on its schedule, not in a poll, and the history survives a restart', async () => {
    const range = lastHour();
    const before = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm' }, range });
    poolWatch.history.start();
    await clock.advance(MAINTENANCE_FIRST_DELAY_MS);
    await poolWatch.history.maintain();
    poolWatch.stop();

    poolWatch = open();
    await poolWatch.engine.load();
    const after = await poolWatch.handle('history:hashrate', { scope: { accountId: 'farm' }, range });
    assert.deepEqual(after, before);
    assert.ok(!logger.lines.some((line) => /could not be saved|rollup and retention failed/.test(line)), logger.lines.join('\n'));
  });

  it('a data folder that cannot hold the database: monitoring goes on, history in memory, and the UI is told why', async () => {
    const blocked = join(dir, 'config.json'); // a file, not a folder
    const { poolWatch: degraded, historyProblem } = createPoolWatch({ config: fileConfigRepository(configFile), dataDir: blocked, secrets: memorySecrets(), logger, clock, env, httpLimits: { maxRetries: 0, timeoutMs: 2_000 } });
    try {
      assert.match(historyProblem ?? '', /cannot be opened.*keeps monitoring/s);
      await degraded.engine.load();
      await degraded.engine.pollAll();
      const state = await degraded.handle('state:get', {});
      assert.equal(state.historyProblem, historyProblem);
      assert.equal(state.accounts[0]?.status, 'ok');
      const points = await degraded.handle('history:hashrate', { scope: { accountId: 'farm' }, range: lastHour() });
      assert.equal(points.points.length, 1, 'the poll is charted from memory');
      assert.equal((await poolWatch.handle('state:get', {})).historyProblem, null);
    } finally {
      degraded.stop();
    }
  });

  it('SQLite that cannot be loaded: monitoring and alerts go on without history, and the UI is told why', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'pw-hist-no-sqlite-'));
    const loadSqlite = () => {
      throw new Error("Cannot find module 'better-sqlite3'");
    };
    const { poolWatch: degraded, historyProblem } = createPoolWatch({ config: fileConfigRepository(configFile), dataDir: elsewhere, loadSqlite, secrets: memorySecrets(), logger, clock, env, httpLimits: { maxRetries: 0, timeoutMs: 2_000 } });
    try {
      assert.match(historyProblem ?? '', /SQLite module could not be loaded: Cannot find module 'better-sqlite3'.*without history/s);
      await degraded.engine.load();
      await degraded.engine.pollAll();
      const state = await degraded.handle('state:get', {});
      assert.equal(state.historyProblem, historyProblem);
      assert.equal(state.accounts[0]?.status, 'ok');
      assert.deepEqual((await degraded.handle('history:hashrate', { scope: { accountId: 'farm' }, range: lastHour() })).points, []);
      assert.deepEqual(await degraded.handle('alerts:history', {}), []);
      assert.equal(existsSync(join(elsewhere, 'history.sqlite')), false);
    } finally {
      degraded.stop();
    }
  });

  it('the history files hold no credential', async () => {
    for (const name of ['history.sqlite', 'history.sqlite-wal']) {
      const bytes = await readFile(join(dir, name)).catch(() => Buffer.alloc(0));
      for (const secret of [sim.fullKey.apiKey, sim.fullKey.apiSecret]) assert.equal(bytes.includes(secret), false, `${name} holds a credential`);
    }
  });
});
