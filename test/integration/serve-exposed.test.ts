import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { runCli } from '../../main/cli/cli';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { startPrometheus, writeTokenFile } from '../support/prometheus-process';
import { waitForValue } from '../support/wait-for';

// `serve --host` beyond loopback: opt-in, announced, and the token guards everything (the UI's files too);
// `--tls-cert/--tls-key` serve HTTPS; Host and Origin follow the address chosen.

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string>, tls?: { ca: Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, headers, ...(tls ? { ca: tls.ca, servername: 'localhost' } : {}) };
    const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made by Debian's openssl. */
async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert],
    { encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr);
  return { cert, key };
}

describe('serve beyond loopback (in process)', () => {
  let poolWatch: PoolWatch;
  let server: HeadlessServer;

  before(async () => {
    ({ poolWatch } = createPoolWatch({ config: memoryConfig(), dataDir: null, secrets: memorySecrets(), logger: captureLogger() }));
    const staticDir = await mkdtemp(join(tmpdir(), 'pw-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>PoolWatch</title>');
    server = await startHeadlessServer({ monitor: poolWatch, staticDir, host: '0.0.0.0', logger: captureLogger() });
  });
  after(async () => {
    await server.close();
    poolWatch.stop();
  });

  const at = (): Record<string, string> => ({ Host: `127.0.0.1:${server.port}` });

  it('prints an address with the machine\'s name and the token in the query, and says it is exposed', () => {
    assert.equal(server.exposed, true);
    assert.equal(server.url, `http://${hostname()}:${server.port}/?token=${server.token}`);
  });

  it('needs the token for the UI\'s files too: the printed address swaps it for an HttpOnly cookie and the fragment', async () => {
    assert.equal((await get(server.port, '/', at())).status, 401);
    assert.equal((await get(server.port, '/?token=wrong', at())).status, 401);
    const login = await get(server.port, `/?token=${server.token}`, at());
    assert.equal(login.status, 303);
    assert.equal(login.headers.location, `/#token=${server.token}`);
    const cookie = String(login.headers['set-cookie']);
    assert.match(cookie, /^poolwatch_session_\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/, 'no Secure flag over plain HTTP');
    assert.ok(!cookie.includes(server.token), 'the cookie proves the token without holding it');
    const page = await get(server.port, '/', { ...at(), Cookie: cookie.split(';')[0]! });
    assert.equal(page.status, 200);
    assert.match(page.body, /PoolWatch/);
    assert.equal((await get(server.port, '/', { ...at(), Cookie: `poolwatch_session_${server.port}=nope` })).status, 401);
    assert.equal((await get(server.port, '/', { ...at(), Authorization: `Bearer ${server.token}` })).status, 200);
  });

  it('answers to the machine\'s own names, refuses other Hosts and Origins', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    assert.equal((await get(server.port, '/api/snapshot', { ...auth, Host: `${hostname()}:${server.port}` })).status, 200);
    assert.equal((await get(server.port, '/api/snapshot', { ...auth, Host: `localhost:${server.port}` })).status, 200);
    assert.equal((await get(server.port, '/api/snapshot', { ...auth, Host: `evil.example:${server.port}` })).status, 403);
    assert.equal((await get(server.port, '/', { ...at(), ...auth, Origin: 'http://evil.example' })).status, 403);
    assert.equal((await get(server.port, '/', { ...at(), ...auth, Origin: `https://127.0.0.1:${server.port}` })).status, 403, 'not HTTPS here');
    assert.equal((await get(server.port, '/metrics', at())).status, 401);
    assert.equal((await get(server.port, '/metrics', { ...at(), ...auth })).status, 200);
  });
});

describe('serve --host 0.0.0.0 --tls-cert --tls-key (a process)', { timeout: 60_000 }, () => {
  let serve: ServeProcess;
  let ca: Buffer;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-tls-'));
    const { cert, key } = await selfSignedCertificate(dir);
    ca = await readFile(cert);
    serve = await startServeProcess({ args: ['--host', '0.0.0.0', '--tls-cert', cert, '--tls-key', key] });
  });
  after(async () => {
    await serve?.stop();
  });

  it('warns that it listens beyond this machine, and prints an https address', () => {
    assert.match(serve.stdout(), /Warning: listening on 0\.0\.0\.0 port \d+, beyond this machine/);
    assert.match(serve.stdout(), /needs the token/);
    assert.equal(serve.url.protocol, 'https:');
    assert.ok(!serve.stderr().includes(serve.token), 'the token never reaches the log');
  });

  it('serves HTTPS: the API with the token, the page through the Secure session cookie', async () => {
    const host = { Host: `127.0.0.1:${serve.port}` };
    const snapshot = await get(serve.port, '/api/snapshot', { ...host, Authorization: `Bearer ${serve.token}` }, { ca });
    assert.equal(snapshot.status, 200);
    assert.equal((JSON.parse(snapshot.body) as { schemaVersion: number }).schemaVersion, 1);
    assert.equal((await get(serve.port, '/', host, { ca })).status, 401);
    const login = await get(serve.port, `/?token=${serve.token}`, host, { ca });
    assert.equal(login.status, 303);
    assert.match(String(login.headers['set-cookie']), /; Secure$/);
    const bearer = { ...host, Authorization: `Bearer ${serve.token}` };
    assert.equal((await get(serve.port, '/api/snapshot', { ...bearer, Origin: `https://localhost:${serve.port}` }, { ca })).status, 200);
    assert.equal((await get(serve.port, '/api/snapshot', { ...bearer, Origin: `http://localhost:${serve.port}` }, { ca })).status, 403, 'the scheme counts');
  });

  it('is scraped by Prometheus over HTTPS with the token file and the certificate as CA', async () => {
    const tokenFile = await writeTokenFile(dir, serve.token);
    const prometheus = await startPrometheus({ port: serve.port, tokenFile, scheme: 'https', caFile: join(dir, 'cert.pem') });
    try {
      const target = await waitForValue(
        async () => {
          const { activeTargets } = await prometheus.api<{ activeTargets: Array<{ health: string; lastError: string; scrapeUrl: string }> }>('/api/v1/targets');
          return activeTargets[0]?.health === 'up' ? activeTargets[0] : undefined;
        },
        15_000,
        () => `the HTTPS target up (${prometheus.stderr()})`,
      );
      assert.match(target.scrapeUrl, /^https:\/\/127\.0\.0\.1:\d+\/metrics$/);
    } finally {
      await prometheus.stop();
    }
  });
});

describe('serve TLS options', () => {
  it('refuses a certificate without its key, and a file it cannot read, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-tls-args-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ accounts: [] }));
    const errors: string[] = [];
    const io = { out: () => {}, err: (text: string) => errors.push(text) };
    assert.equal(await runCli(['serve', '--config', config, '--tls-cert', join(dir, 'cert.pem')], io), 1);
    assert.match(errors.at(-1)!, /--tls-cert and --tls-key go together/);
    assert.equal(await runCli(['serve', '--config', config, '--tls-cert', join(dir, 'missing.pem'), '--tls-key', join(dir, 'key.pem')], io), 1);
    assert.match(errors.at(-1)!, /--tls-cert: cannot read .*missing\.pem \(ENOENT\)/);
  });
});
