// Four pools echo the whole request (every credential) in a long 401 error, placed so that a cut before redaction
// would keep part of a key. Nothing of 6 characters of any secret may reach: the account summaries, the log,
// /api/snapshot of the headless server, alert_history in the SQLite file, or the webhook receiver. Secrets saved in the UI
// go to the encrypted secrets file (the store of a machine without a keychain): no file of the data folder holds one in clear.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createPoolWatch, HISTORY_FILE_NAME } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { fileConfigRepository } from '../../main/store/config-repository';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { openFileSecretStore, SECRETS_FILE_NAME } from '../../main/secrets/file-secret-store';
import { POOL_IDS, secretFragmentsIn, startPoolSim, type Started } from '../support/pool-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const POLL_MS = 60_000;
/** Pool quotes are cut at 200 characters: a secret starting at 190 would lose all but 10 of its characters. */
const SECRET_AT = 190;
/** The webhook URL's secret part, saved through the UI's flow into the secrets file. */
const HOOK_TOKEN = 'echo-token-5b1f9c-FILESTORE-7e21d04a';

function getText(port: number, path: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a pool echoing its credentials in a long error leaks nothing, anywhere', () => {
  const logger = captureLogger();
  const sims: Array<Started & { pool: string }> = [];
  let receiver: WebhookReceiver;
  let poolWatch: PoolWatch;
  let server: HeadlessServer;
  let dir: string;
  let clock: FakeClock;
  const secrets: string[] = [];

  before(async () => {
    clock = new FakeClock(Date.now());
    dir = await mkdtemp(join(tmpdir(), 'pw-echo-'));
    receiver = await startWebhookReceiver();
    const env: Record<string, string> = {};
    const accounts = [];
    for (const pool of POOL_IDS) {
      const started = await startPoolSim(pool, () => clock.now(), 11);
      sims.push({ ...started, pool });
      const credentials: Record<string, { env: string }> = {};
      for (const [field, value] of Object.entries(started.credentials)) {
        const variable = `PW_ECHO_${pool.toUpperCase()}_${field.toUpperCase()}`;
        env[variable] = value;
        credentials[field] = { env: variable };
        secrets.push(value);
      }
      accounts.push({ id: `${pool}-farm`, pool, label: `${pool} farm`, baseUrl: started.sim.url, credentials });
    }
    const configFile = join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ accounts }));
    ({ poolWatch } = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: dir,
      secrets: openFileSecretStore(join(dir, SECRETS_FILE_NAME), { text: 'echo-test-key-of-enough-length', source: 'the test' }),
      logger,
      clock,
      env,
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
      channelOptions: { sleep: async () => {} },
    }));
    await poolWatch.engine.load();
    poolWatch.alerts.start();
    await poolWatch.handle('channels:save', {
      channel: { kind: 'webhook', label: 'Receiver', enabled: true, minSeverity: 'info', settings: {} },
      secrets: { url: `${receiver.url}/hook/${HOOK_TOKEN}` },
    });
    server = await startHeadlessServer({ monitor: poolWatch, staticDir: dir, logger, now: () => clock.now() });

    for (const { sim } of sims) sim.faults.add({ fault: { kind: 'echo', status: 401, padding: 0, alignSecret: { secrets, at: SECRET_AT } } });
    for (let cycle = 0; cycle < 4; cycle += 1) {
      await clock.advance(POLL_MS);
      await poolWatch.engine.pollAll();
    }
    await poolWatch.channels.idle();
  });

  after(async () => {
    poolWatch.stop();
    await server.close();
    await receiver.close();
    for (const { sim } of sims) await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('every account says the pool refused it, quoting the pool', () => {
    for (const account of poolWatch.summaries()) {
      // WebMinePool's failure envelope wins over the HTTP status: its error is the pool's own words
      assert.equal(account.status, account.pool === 'webminepool' ? 'error' : 'auth_error', `${account.id}: ${account.message}`);
      assert.match(account.message ?? '', /Bad request \.+/, `${account.id} quotes the pool`);
    }
  });

  it('summaries and the log', () => {
    assert.deepEqual(secretFragmentsIn(JSON.stringify(poolWatch.summaries()), secrets), []);
    assert.ok(logger.lines.some((line) => line.includes('Bad request')), 'the log has the failures');
    assert.deepEqual(secretFragmentsIn(logger.lines.join('\n'), secrets), []);
  });

  it('/api/snapshot of the headless server', async () => {
    const snapshot = await getText(server.port, '/api/snapshot?workers=1', server.token);
    assert.match(snapshot, /auth_error/);
    assert.deepEqual(secretFragmentsIn(snapshot, secrets), []);
  });

  it('alert_history in the SQLite file', () => {
    const db = new Database(join(dir, HISTORY_FILE_NAME), { readonly: true });
    try {
      const rows = db.prepare('SELECT rule_id, message FROM alert_history').all() as Array<{ rule_id: string; message: string }>;
      assert.ok(rows.filter((row) => row.rule_id === 'key-rejected' && row.message.includes('Bad request')).length >= 3, JSON.stringify(rows.map((row) => row.rule_id)));
      assert.deepEqual(secretFragmentsIn(JSON.stringify(rows), secrets), []);
    } finally {
      db.close();
    }
  });

  it('the webhook receiver', () => {
    const bodies = receiver.requestsTo(`/hook/${HOOK_TOKEN}`).map((request) => request.body);
    assert.ok(bodies.some((body) => body.includes('Bad request')), `the notification quotes the pool: ${bodies.length} posts`);
    assert.deepEqual(secretFragmentsIn(bodies.join('\n'), secrets), []);
  });

  it('the data folder: the secrets file holds the webhook URL sealed, and no file holds it or a pool key in clear', async () => {
    const sealed = await readFile(join(dir, SECRETS_FILE_NAME), 'utf8');
    assert.match(sealed, /"channel-[^"]+\/url"/, 'the channel secret is in the secrets file');
    assert.ok(!logger.lines.join('\n').includes('FILESTORE'), 'nor does the log');
    const names = await readdir(dir);
    assert.ok(names.includes(HISTORY_FILE_NAME) && names.includes('config.json'), names.join(', '));
    for (const name of names) {
      const bytes = await readFile(join(dir, name));
      assert.equal(bytes.includes(HOOK_TOKEN), false, `${name} holds the webhook token`);
      assert.equal(bytes.includes('5b1f9c-FILESTORE'), false, `${name} holds part of the webhook token`);
      assert.deepEqual(secretFragmentsIn(bytes.toString('latin1'), secrets), [], name);
    }
  });
});
