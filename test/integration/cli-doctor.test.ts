import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockDataFolder } from '../../main/server/data-folder-lock';
import { POOL_IDS, startPoolSim, type Started } from '../support/pool-harness';

// `poolwatch doctor` as a script runs it: its own process, stdout a pipe, against the four pool simulators, a
// port nobody listens on, and a server whose clock is five minutes behind.

const ROOT = join(__dirname, '..', '..');

async function runDoctor(args: string[], env: Record<string, string>): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli/main.ts'), 'doctor', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const read = async (stream: NodeJS.ReadableStream): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const [stdout, stderr] = await Promise.all([read(child.stdout), read(child.stderr)]);
  return { code: await exited, lines: stdout.split('\n').filter((line) => line !== ''), stderr };
}

/** The line of one check; fails the test when there is not exactly one. */
function lineOf(lines: readonly string[], check: string): string {
  const found = lines.filter((line) => line.slice(6).startsWith(`${check}:`));
  assert.equal(found.length, 1, `one line for ${check} in:\n${lines.join('\n')}`);
  return found[0] as string;
}

describe('poolwatch doctor', () => {
  const sims: Started[] = [];
  let skewed: Server;
  let deadPort: number;
  let dir: string;
  const env: Record<string, string> = {};
  const accounts: unknown[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-doctor-'));
    for (const [index, pool] of POOL_IDS.entries()) {
      const started = await startPoolSim(pool, Date.now, 40 + index);
      sims.push(started);
      const credentials = Object.fromEntries(
        Object.entries(started.credentials).map(([field, value]) => {
          const name = `PW_DOC_${pool.toUpperCase()}_${field.toUpperCase()}`;
          env[name] = value;
          return [field, { env: name }];
        }),
      );
      accounts.push({ id: pool, pool, label: pool, baseUrl: started.sim.url, credentials, ...started.extra });
    }
    // A pool answering with a Date five minutes in the past.
    skewed = createServer((_request, response) => {
      response.sendDate = false;
      response.writeHead(404, { Date: new Date(Date.now() - 5 * 60_000).toUTCString() }).end();
    });
    await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve));
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
  });

  after(async () => {
    for (const started of sims) await started.sim.close();
    skewed.close();
  });

  it('checks config, keychain, data folder, lock, and every pool with its clock; exit 0 through a pipe', async () => {
    const config = join(dir, 'good.json');
    await writeFile(config, JSON.stringify({ accounts }));
    const { code, lines, stderr } = await runDoctor(['--config', config, '--data', join(dir, 'data-good')], env);
    assert.equal(code, 0, `${lines.join('\n')}\n${stderr}`);
    assert.match(lineOf(lines, 'config'), /^ok {4}config: .*good\.json is valid: 4 accounts, 0 channels\.$/);
    // The keychain may be missing where the test runs; nothing in this config needs it, so it is at most a warning.
    assert.match(lineOf(lines, 'keychain'), /^(ok {4}keychain: the system keychain answers\.|warn {2}keychain: The system keychain is not available .*Nothing in this config needs it now\.\))$/);
    assert.match(lineOf(lines, 'data folder'), /^ok {4}data folder: .*data-good is writable\.$/);
    assert.match(lineOf(lines, 'lock'), /^ok {4}lock: no other poolwatch serve holds/);
    for (const pool of POOL_IDS) {
      assert.match(lineOf(lines, `account ${pool} credentials`), /^ok /);
      assert.match(lineOf(lines, `account ${pool} reachable`), /^ok {4}account \S+ reachable: .+ at http:\/\/127\.0\.0\.1:\d+ answered \(HTTP \d{3}\) in \d+ ms\.$/);
      assert.match(lineOf(lines, `account ${pool} clock`), /^ok {4}account \S+ clock: this computer's clock is within \d+ s of the pool's\.$/);
    }
    const secrets = Object.values(env);
    assert.ok(!secrets.some((secret) => lines.join('\n').includes(secret)), 'no credential is printed');
  });

  it('names an unreachable pool, a skewed clock, a missing credential and a held lock; exit 2 when only accounts fail', async () => {
    const config = join(dir, 'troubled.json');
    const dataDir = join(dir, 'data-held');
    await writeFile(
      config,
      JSON.stringify({
        accounts: [
          { id: 'gone', pool: 'sbi', label: 'Gone', baseUrl: `http://127.0.0.1:${deadPort}`, credentials: { observerKey: { env: 'PW_DOC_SBI_APIKEY' } } },
          { id: 'skewed', pool: 'stratumsphere', label: 'Skewed', baseUrl: `http://127.0.0.1:${(skewed.address() as AddressInfo).port}`, credentials: { apiKey: { env: 'PW_DOC_UNSET' } } },
        ],
      }),
    );
    const lock = lockDataFolder(dataDir);
    try {
      const { code, lines } = await runDoctor(['--config', config, '--data', dataDir], env);
      assert.equal(code, 2, lines.join('\n'));
      assert.equal(lineOf(lines, 'account gone reachable'), `fail  account gone reachable: SBI Crypto Pool at http://127.0.0.1:${deadPort} refused the connection; check the account's baseUrl and that the pool is up.`);
      assert.equal(lines.filter((line) => line.includes('account gone clock')).length, 0, 'no clock without an answer');
      assert.match(lineOf(lines, 'account skewed clock'), /^warn {2}account skewed clock: this computer's clock is 30\d s ahead of the pool's; turn on network time \(NTP\)/);
      assert.match(lineOf(lines, 'account skewed reachable'), /^ok .*answered \(HTTP 404\)/);
      assert.match(lineOf(lines, 'account skewed credentials'), /^fail  account skewed credentials: The environment variable PW_DOC_UNSET \(credential "apiKey"\) is not set/);
      assert.match(lineOf(lines, 'lock'), new RegExp(`^warn {2}lock: poolwatch serve \\(PID ${process.pid}\\) is running on `));
    } finally {
      lock.release();
    }
  });

  it('a channel whose secret is missing fails the setup (exit 1), naming the variable and the channel', async () => {
    const config = join(dir, 'channels.json');
    await writeFile(
      config,
      JSON.stringify({
        accounts: [accounts[0]],
        channels: [
          { id: 'hook', kind: 'webhook', label: 'Hook', secrets: { url: { env: 'PW_DOC_HOOK' } } },
          { id: 'mail', kind: 'email', label: 'Mail', settings: { host: '127.0.0.1', security: 'none', from: 'a@example.com', to: 'b@example.com' } },
        ],
      }),
    );
    const { code, lines } = await runDoctor(['--config', config, '--data', join(dir, 'data-channels')], env);
    assert.equal(code, 1, lines.join('\n'));
    assert.equal(lineOf(lines, 'channel hook'), 'fail  channel hook: The environment variable PW_DOC_HOOK (Webhook URL) is not set. Nothing is sent to "Hook" until this is fixed.');
    assert.equal(lineOf(lines, 'channel mail'), 'ok    channel mail: email: its settings and secrets are there.');
  });

  it('a bad config is one fail line and exit 1; so is a data folder that cannot be written', async () => {
    const config = join(dir, 'broken.json');
    await writeFile(config, '{"accounts": [ { "id": "x" ');
    const broken = await runDoctor(['--config', config, '--data', join(dir, 'data-broken')], env);
    assert.equal(broken.code, 1);
    assert.equal(broken.lines.length, 1);
    assert.match(broken.lines[0] ?? '', /^fail {2}config: .*broken\.json.*line 1.*Fix the file \(or pass --config FILE\), then run doctor again\.$/);

    const good = join(dir, 'empty.json');
    await writeFile(good, '{"accounts": []}');
    // Under a regular file no folder can be made, whoever runs the test (root ignores permission bits).
    const unwritable = await runDoctor(['--config', good, '--data', join(good, 'data')], env);
    assert.equal(unwritable.code, 1, unwritable.lines.join('\n'));
    assert.match(lineOf(unwritable.lines, 'data folder'), /^fail {2}data folder: .*empty\.json\/data is not writable \(ENOTDIR\): history and the lock live there; fix its permissions or pass --data DIR\.$/);
    assert.match(lineOf(unwritable.lines, 'accounts'), /^warn {2}accounts: the config has no accounts/);
  });
});
