import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../main/cli/cli';
import { startSbiSim, type SbiSim } from '../sim/sbi';

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
  });

  it('poll --json prints one snapshot document with every account, env credentials resolved', async () => {
    process.env.PW_CLI_KEY = sim.fullKey.apiKey;
    process.env.PW_CLI_SECRET = sim.fullKey.apiSecret;
    const file = await configWith([
      { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_CLI_KEY' }, apiSecret: { env: 'PW_CLI_SECRET' } } },
      { id: 'nokey', pool: 'sbi', label: 'No key', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_CLI_UNSET' }, apiSecret: { env: 'PW_CLI_UNSET' } } },
    ]);
    const { io, out } = captureIo();
    assert.equal(await runCli(['poll', '--config', file, '--json', '--workers'], io), 0);
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

    const unknown = captureIo();
    assert.equal(await runCli(['poll', '--config', 'x', '--bogus'], unknown.io), 1);
    assert.match(unknown.err.join('\n'), /bogus/);
  });

  it('the built CLI runs through the package bin', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../../bin/poolwatch.js'), '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /poolwatch serve/);
  });
});
