import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { waitForValue } from '../support/wait-for';

const ROOT = join(__dirname, '..', '..');

interface SnapshotAccount {
  id: string;
  pool: string;
  status: string;
  workers: { total: number };
}

// `npm run demo` as a newcomer runs it (after the build): four simulators and the headless app, every demo account polled.
describe('npm run demo', () => {
  it('starts the four pool simulators and the headless app, and every demo account is polled', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-demo-'));
    const demo = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'build', 'demo.ts')], {
      cwd: ROOT,
      env: { ...process.env, POOLWATCH_DEMO_DIR: dir, POOLWATCH_DEMO_HEADLESS: '1', POOLWATCH_DEMO_PORT: '0' },
    });
    const output: string[] = [];
    demo.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));
    try {
      const url = await waitForValue(() => /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output.join(''))?.[1], 30_000, () => `the demo's URL in: ${output.join('')}`);
      assert.match(output.join(''), /Pool simulators: SBI http:\/\/127\.0\.0\.1:\d+, Spider .*, WebMinePool .*, Stratumsphere /);
      assert.match(output.join(''), /headless mode instead/);
      const parsed = new URL(url);
      const token = parsed.hash.replace('#token=', '');
      const snapshot = async () => {
        const response = await fetch(`${parsed.origin}/api/snapshot`, { headers: { Authorization: `Bearer ${token}` } });
        return ((await response.json()) as { accounts: SnapshotAccount[] }).accounts;
      };
      const accounts = await waitForValue(
        async () => {
          const current = await snapshot();
          return current.length > 0 && current.every((account) => account.status !== 'pending') ? current : undefined;
        },
        45_000,
        () => 'every demo account polled',
      );
      assert.deepEqual(new Set(accounts.map((account) => account.pool)), new Set(['sbi', 'spider', 'webminepool', 'stratumsphere']));
      for (const account of accounts) {
        // The read-only SBI key shows what it can and says what it cannot.
        const expected = account.id === 'demo-sbi-readonly' ? 'permission_limited' : 'ok';
        assert.equal(account.status, expected, `${account.id}: ${JSON.stringify(account)}`);
        assert.ok(account.workers.total > 0, `${account.id} has workers`);
      }
    } finally {
      demo.kill('SIGINT');
      assert.equal(await exited, 0, 'Ctrl-C stops the demo cleanly');
    }
  });
});
