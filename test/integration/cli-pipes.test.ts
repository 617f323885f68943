import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliProcess, sbiCliConfig } from '../support/cli-process';
import { csvRecords } from '../support/parse-csv';
import { startSbiSim, type SbiSim } from '../sim/sbi';

// The CLI as a script runs it: its own process, stdout a pipe. Megabytes of output must arrive whole, however
// slowly the reader takes them, before the process exits.

const WORKERS_PER_SUBACCOUNT = 3_800;
const SUBACCOUNTS = ['rigs-a', 'rigs-b'];
const TOTAL_WORKERS = WORKERS_PER_SUBACCOUNT * SUBACCOUNTS.length;

describe('poolwatch CLI with stdout as a pipe', () => {
  let sim: SbiSim;
  let config: string;
  let env: Record<string, string>;

  before(async () => {
    sim = await startSbiSim({ seed: 75, subaccounts: SUBACCOUNTS.map((name) => ({ name, coin: 'BTC', workers: WORKERS_PER_SUBACCOUNT })) });
    ({ config, env } = await sbiCliConfig(sim, 'Big farm', 'PW_PIPE'));
  });
  after(async () => {
    await sim.close();
  });

  it('poll exits 2 when an account could not be read, and still prints the whole document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-pipes-'));
    const withBroken = join(dir, 'config.json');
    const broken = { id: 'broken', pool: 'sbi', label: 'Broken', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_PIPE_UNSET' }, apiSecret: { env: 'PW_PIPE_UNSET' } } };
    const farm = { id: 'farm', pool: 'sbi', label: 'Big farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_PIPE_KEY' }, apiSecret: { env: 'PW_PIPE_SECRET' } } };
    await writeFile(withBroken, JSON.stringify({ accounts: [farm, broken] }));
    const result = await runCliProcess(['poll', '--config', withBroken, '--json', '--workers'], env, 0);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /account broken could not be read/);
    const snapshot = JSON.parse(result.stdout) as { accounts: Array<{ id: string; status: string; workerList: unknown[] }> };
    assert.deepEqual(snapshot.accounts.map((account) => [account.id, account.status]), [['farm', 'ok'], ['broken', 'error']]);
    assert.equal(snapshot.accounts[0]!.workerList.length, TOTAL_WORKERS);
  });

  for (const [reader, pauseMs] of [['a reader that keeps up', 0], ['a slow reader', 15]] as const) {
    it(`poll --json --workers prints the whole document to ${reader}`, async () => {
      const result = await runCliProcess(['poll', '--config', config, '--json', '--workers'], env, pauseMs);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.length > 1_000_000, `megabytes of JSON, not ${result.stdout.length} characters`);
      const snapshot = JSON.parse(result.stdout) as { accounts: Array<{ status: string; workerList: unknown[] }> };
      assert.equal(snapshot.accounts[0]!.status, 'ok');
      assert.equal(snapshot.accounts[0]!.workerList.length, TOTAL_WORKERS);
    });

    it(`export workers prints every row to ${reader}`, async () => {
      const result = await runCliProcess(['export', 'workers', '--config', config], env, pauseMs);
      assert.equal(result.code, 0, result.stderr);
      const rows = csvRecords(result.stdout);
      assert.equal(rows.length, TOTAL_WORKERS);
      assert.equal(new Set(rows.map((row) => `${row.group}/${row.worker}`)).size, TOTAL_WORKERS, 'each worker once');
      assert.ok(result.stdout.endsWith('\r\n'), 'the last row is complete');
    });
  }
});
