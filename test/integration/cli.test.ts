import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../main/cli/cli';
import { csvRecords } from '../support/parse-csv';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startSpiderSim } from '../sim/spider';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('poolwatch CLI', () => {
  let sim: SbiSim;
  let dir: string;
  before(async () => {
    sim = await startSbiSim({ seed: 31, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 8 }] });
    dir = await mkdtemp(join(tmpdir(), 'pw-cli-'));
  });
  after(async () => {
    await sim.close();
  });

  /** The SBI simulator's account, its key and secret passed by environment. */
  function farmAccount(label = 'Farm') {
    process.env.PW_CLI_KEY = sim.fullKey.apiKey;
    process.env.PW_CLI_SECRET = sim.fullKey.apiSecret;
    return { id: 'farm', pool: 'sbi', label, baseUrl: sim.url, credentials: { apiKey: { env: 'PW_CLI_KEY' }, apiSecret: { env: 'PW_CLI_SECRET' } } };
  }

  /** An account whose credentials name an unset variable: it fails with a message naming it. */
  function noKeyAccount() {
    return { id: 'nokey', pool: 'sbi', label: 'No key', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_CLI_UNSET' }, apiSecret: { env: 'PW_CLI_UNSET' } } };
  }

  async function configWith(accounts: unknown[]): Promise<string> {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify({ accounts }));
    return file;
  }

  it('--help lists the commands', async () => {
    const { io, out } = captureIo();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(out.join('\n'), /poolwatch serve/);
    assert.match(out.join('\n'), /poolwatch poll/);
    assert.match(out.join('\n'), /poolwatch alerts/);
    assert.match(out.join('\n'), /poolwatch export workers\|hashrate\|payouts\|earnings/);
    assert.match(out.join('\n'), /Exit codes: 0 done; 1 bad config or arguments[\s\S]*\b2 polled, but at least one account could not be read/);
  });

  it('poll --json covers all four pools with the same fields, hashrates in H/s', async () => {
    const [spider, webminepool, stratumsphere] = await Promise.all([startSpiderSim({ seed: 31 }), startWebMinePoolSim({ seed: 31 }), startStratumsphereSim({ seed: 31 })]);
    try {
      const secrets = {
        PW_CLI4_SBI_KEY: sim.fullKey.apiKey,
        PW_CLI4_SBI_SECRET: sim.fullKey.apiSecret,
        PW_CLI4_SPIDER_ACCESS: spider.fullKey.accessKey,
        PW_CLI4_SPIDER_PRIVATE: spider.fullKey.privateKey,
        PW_CLI4_WMP: webminepool.secretKey,
        PW_CLI4_SS: stratumsphere.apiKey,
      };
      Object.assign(process.env, secrets);
      const file = await configWith([
        { id: 'sbi', pool: 'sbi', label: 'SBI', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_CLI4_SBI_KEY' }, apiSecret: { env: 'PW_CLI4_SBI_SECRET' } } },
        { id: 'spider', pool: 'spider', label: 'Spider', baseUrl: spider.url, credentials: { accessKey: { env: 'PW_CLI4_SPIDER_ACCESS' }, privateKey: { env: 'PW_CLI4_SPIDER_PRIVATE' } } },
        { id: 'wmp', pool: 'webminepool', label: 'WMP', baseUrl: webminepool.url, credentials: { secretKey: { env: 'PW_CLI4_WMP' } } },
        { id: 'ss', pool: 'stratumsphere', label: 'SS', baseUrl: stratumsphere.url, credentials: { apiKey: { env: 'PW_CLI4_SS' } } },
      ]);
      const { io, out, err } = captureIo();
      assert.equal(await runCli(['poll', '--config', file, '--json', '--workers'], io), 0, err.join('\n'));
      const text = out.join('\n');
      const snapshot = JSON.parse(text) as { accounts: Array<Record<string, unknown> & { id: string; pool: string; status: string; workers: { total: number }; workerList: unknown[]; hashrate: Record<string, number | null>; groups: unknown[] }> };
      assert.deepEqual(snapshot.accounts.map((account) => [account.id, account.pool, account.status]), [
        ['sbi', 'sbi', 'ok'],
        ['spider', 'spider', 'ok'],
        ['wmp', 'webminepool', 'ok'],
        ['ss', 'stratumsphere', 'ok'],
      ]);
      const fields = ['id', 'pool', 'label', 'status', 'message', 'limitations', 'stale', 'lastGoodAt', 'hashrate', 'workers', 'groups', 'balances', 'stratumServers', 'payouts', 'workerList'];
      for (const account of snapshot.accounts) {
        assert.deepEqual(Object.keys(account).sort(), [...fields].sort(), `${account.pool} has the same fields`);
        assert.ok(account.workers.total > 0 && account.workerList.length === account.workers.total, `${account.pool} lists its workers`);
        assert.ok(account.groups.length > 0, `${account.pool} has groups`);
        for (const value of Object.values(account.hashrate)) assert.ok(value === null || (typeof value === 'number' && value >= 0), `${account.pool} hashrate ${value}`);
      }
      // H/s, not MH/s or TH/s: every simulator's account runs at well over a MH/s.
      for (const account of snapshot.accounts.filter((a) => a.pool !== 'webminepool')) assert.ok((account.hashrate.h24h ?? account.hashrate.h1h ?? 0) > 1e6, `${account.pool} in H/s`);
      for (const secret of Object.values(secrets)) assert.equal(text.includes(secret), false, 'no credential in the snapshot');
    } finally {
      await Promise.all([spider.close(), webminepool.close(), stratumsphere.close()]);
    }
  });

  it('poll --json prints one snapshot document with every account, env credentials resolved', async () => {
    const file = await configWith([
      farmAccount(),
      noKeyAccount(),
    ]);
    const { io, out, err } = captureIo();
    assert.equal(await runCli(['poll', '--config', file, '--json', '--workers'], io), 2, 'polled, but an account failed');
    assert.match(err.join('\n'), /account nokey could not be read \(error\): .*PW_CLI_UNSET/);
    assert.doesNotMatch(err.join('\n'), /account farm/);
    const snapshot = JSON.parse(out.join('\n'));
    assert.equal(snapshot.schemaVersion, 1);
    assert.equal(snapshot.accounts.length, 2);
    const [farm, nokey] = snapshot.accounts;
    assert.equal(farm.status, 'ok');
    assert.equal(farm.workers.total, 8);
    assert.equal(farm.workerList.length, 8);
    assert.ok(farm.workerList.every((worker: { hashrate: { h10m: number | null } }) => worker.hashrate.h10m === null || worker.hashrate.h10m >= 0));
    assert.equal(nokey.status, 'error');
    assert.match(nokey.message, /PW_CLI_UNSET/);
    assert.ok(!out.join('\n').includes(sim.fullKey.apiSecret));
  });

  it('export workers polls once and prints the current workers as CSV', async () => {
    const file = await configWith([
      farmAccount('Farm, main'),
    ]);
    const { io, out, err } = captureIo();
    assert.equal(await runCli(['export', 'workers', '--config', file, '--account', 'farm'], io), 0, err.join('\n'));
    const rows = csvRecords(out.join('\n'));
    assert.equal(rows.length, 8);
    assert.ok(`${out.join('\n')}\n`.split('\n').slice(0, -1).every((line) => line.endsWith('\r')), 'every line ends in CRLF, the last too');
    assert.ok(rows.every((row) => row.account_id === 'farm' && row.account === 'Farm, main' && row.pool === 'sbi' && row.group === 'rigs'));
    assert.ok(rows.every((row) => ['online', 'offline', 'dead', 'unknown'].includes(row.state!) && /^\d+(\.\d+)?(e\+\d+)?$|^$/.test(row.hashrate_10m_hps!)));
    assert.ok(!out.join('\n').includes(sim.fullKey.apiSecret));
  });

  it('export workers --sort KEY[,asc|desc] lists the workers in the Workers table order, and names an unknown key', async () => {
    const file = await configWith([farmAccount()]);
    const exported = async (...sort: string[]) => {
      const { io, out, err } = captureIo();
      assert.equal(await runCli(['export', 'workers', '--config', file, '--account', 'farm', ...sort], io), 0, err.join('\n'));
      return csvRecords(out.join('\n'));
    };
    // The table's rule, said independently: by value (an empty one last either way), equal values by name, naturally.
    const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
    const hashrateDesc = (a: Record<string, string>, b: Record<string, string>) =>
      (a.hashrate_10m_hps === '' ? 1 : 0) - (b.hashrate_10m_hps === '' ? 1 : 0) ||
      Number(b.hashrate_10m_hps) - Number(a.hashrate_10m_hps) ||
      byName(a.worker!, b.worker!);

    const byHashrate = await exported('--sort', 'h10m,desc');
    assert.equal(byHashrate.length, 8);
    assert.deepEqual(byHashrate.map((row) => row.worker), [...byHashrate].sort(hashrateDesc).map((row) => row.worker));
    const names = (await exported('--sort', 'name,desc')).map((row) => row.worker!);
    assert.deepEqual(names, [...names].sort(byName).reverse());
    assert.deepEqual((await exported('--sort', 'name')).map((row) => row.worker), [...names].reverse(), 'ascending without a direction');
    // Without --sort: the table's default, worst first (no online worker above one that is not).
    const states = (await exported()).map((row) => row.state);
    assert.ok(states.indexOf('online') === -1 || states.slice(0, states.indexOf('online')).every((state) => state !== 'online'));

    for (const [args, message] of [
      [['workers', '--sort', 'hashrate'], /^poolwatch: export: --sort: unknown sort key "hashrate": use one of attention, name, group, state, h10m, h1h, h24h, lastShare or attr:<attribute label>/],
      [['workers', '--sort', 'h10m,down'], /^poolwatch: export: --sort: .*"asc"\|"desc"/],
      [['payouts', '--sort', 'name'], /^poolwatch: export: sort orders the workers export only \(--sort needs export workers\)/],
      [['workers', '--sort', 'attr:region,desc'], /^poolwatch: export: --sort: no worker has the attribute "region" \(these workers have none\)\./],
    ] as const) {
      const { io, out, err } = captureIo();
      assert.equal(await runCli(['export', ...args, '--config', file], io), 1, args.join(' '));
      assert.match(err.join('\n'), message);
      assert.deepEqual(out, [], 'nothing printed');
    }
  });

  it('export workers says which account could not be read and exits 2; --account polls only that one', async () => {
    const file = await configWith([
      farmAccount(),
      noKeyAccount(),
    ]);
    const all = captureIo();
    assert.equal(await runCli(['export', 'workers', '--config', file], all.io), 2);
    assert.match(all.err.join('\n'), /account nokey could not be read \(error\): .*PW_CLI_UNSET/);
    assert.equal(csvRecords(all.out.join('\n')).length, 8, 'the accounts that were read are still exported');

    const one = captureIo();
    assert.equal(await runCli(['export', 'workers', '--config', file, '--account', 'farm'], one.io), 0, one.err.join('\n'));
    assert.deepEqual(one.err, [], 'nothing about the account not asked for');
  });

  it('exits 1 with a clear message on a bad config', async () => {
    const { io, err } = captureIo();
    const file = await configWith([{ id: 'x', pool: 'sbi', label: 'X', credentials: { apiKey: 'plain', apiSecret: 'text' } }]);
    assert.equal(await runCli(['poll', '--config', file, '--json'], io), 1);
    assert.match(err.join('\n'), /plain-text secret in credentials\.apiKey/);
    assert.ok(!err.join('\n').includes('plain"'));

    const missing = captureIo();
    assert.equal(await runCli(['poll', '--config', join(dir, 'absent.json')], missing.io), 1);
    assert.match(missing.err.join('\n'), /cannot read the config file/);

    const noConfig = captureIo();
    assert.equal(await runCli(['poll', '--json'], noConfig.io), 1);
    assert.match(noConfig.err.join('\n'), /needs --config/);

    const badTime = captureIo();
    assert.equal(await runCli(['alerts', '--config', file, '--from', '2026-02-30'], badTime.io), 1);
    assert.match(badTime.err.join('\n'), /alerts: --from: must be an ISO time/);

    const unknown = captureIo();
    assert.equal(await runCli(['poll', '--config', 'x', '--bogus'], unknown.io), 1);
    assert.match(unknown.err.join('\n'), /bogus/);
  });

  it('the built CLI runs through the package bin', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../build/poolwatch.js'), '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /poolwatch serve/);
  });
});
