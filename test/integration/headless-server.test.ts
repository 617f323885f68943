import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { z } from 'zod';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  polledAt: z.string(),
  accounts: z.array(
    z.object({
      id: z.string(),
      pool: z.string(),
      label: z.string(),
      status: z.string(),
      message: z.string().nullable(),
      stale: z.boolean(),
      hashrate: z.object({ h10m: z.number().nullable(), h1h: z.number().nullable(), h24h: z.number().nullable() }),
      workers: z.object({ online: z.number(), offline: z.number(), dead: z.number(), unknown: z.number(), total: z.number() }),
      groups: z.array(z.object({ name: z.string(), coin: z.string().nullable(), hashrate: z.unknown(), workers: z.unknown() })),
      balances: z.array(z.object({ coin: z.string(), unpaid: z.number(), unit: z.string() })),
      payouts: z.array(z.object({ id: z.string(), coin: z.string(), amount: z.number(), unit: z.string(), status: z.string(), txId: z.string().nullable(), at: z.string().nullable() })),
      workerList: z.array(z.object({ name: z.string(), group: z.string(), state: z.string(), hashrate: z.unknown(), lastShareAt: z.string().nullable() })).optional(),
    }),
  ),
});

function openSocket(server: HeadlessServer, protocols: string[], headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers });
}

function nextMessage(socket: WebSocket, match: (message: { type: string; [key: string]: unknown }) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (match(message)) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.once('close', (code) => reject(new Error(`closed with ${code}`)));
  });
}

describe('headless server', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  let server: HeadlessServer;
  const logger = captureLogger();

  before(async () => {
    sim = await startSbiSim({ seed: 21, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 30 }] });
    const staticDir = await mkdtemp(join(tmpdir(), 'pw-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>PoolWatch</title>');
    // The whole monitor, as `poolwatch serve` builds it; the engine's accounts are loaded and polled once, not scheduled.
    ({ poolWatch } = createPoolWatch({
      config: memoryConfig({
        accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'K' }, apiSecret: { env: 'S' } } }],
      }),
      dataDir: null,
      secrets: memorySecrets(),
      env: { K: sim.fullKey.apiKey, S: sim.fullKey.apiSecret },
      logger,
    }));
    await poolWatch.engine.load();
    await poolWatch.engine.pollAll();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir, logger });
  });
  after(async () => {
    await server.close();
    poolWatch.stop();
    await sim.close();
  });

  it('binds to loopback and prints a URL carrying the token in the fragment', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
  });

  it('serves the UI with a CSP header, and nothing outside its folder', async () => {
    const page = await get(server.port, '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /PoolWatch/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal((await get(server.port, '/../../package.json')).status, 404);
    assert.equal((await get(server.port, '/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  });

  it('rejects foreign Host and Origin headers', async () => {
    assert.equal((await get(server.port, '/', { Host: 'evil.example:80' })).status, 403);
    assert.equal((await get(server.port, '/', { Origin: 'http://evil.example' })).status, 403);
    assert.equal((await get(server.port, '/', { Origin: `http://localhost:${server.port}` })).status, 200);
  });

  it('serves the snapshot JSON only with the bearer token', async () => {
    assert.equal((await get(server.port, '/api/snapshot')).status, 401);
    assert.equal((await get(server.port, '/api/snapshot', { Authorization: 'Bearer wrong' })).status, 401);
    const response = await get(server.port, '/api/snapshot', { Authorization: `Bearer ${server.token}` });
    assert.equal(response.status, 200);
    const snapshot = SnapshotSchema.parse(JSON.parse(response.body));
    assert.equal(snapshot.accounts[0]?.status, 'ok');
    assert.equal(snapshot.accounts[0]?.workers.total, 30);
    assert.equal(snapshot.accounts[0]?.workerList, undefined);
    const withWorkers = SnapshotSchema.parse(JSON.parse((await get(server.port, '/api/snapshot?workers=1', { Authorization: `Bearer ${server.token}` })).body));
    assert.equal(withWorkers.accounts[0]?.workerList?.length, 30);
    assert.ok(!response.body.includes(sim.fullKey.apiSecret));
  });

  it('answers contract requests over WebSocket with the token subprotocol and pushes events', async () => {
    const socket = openSocket(server, ['poolwatch.v1', `token.${server.token}`]);
    await new Promise((resolve) => socket.once('open', resolve));
    assert.equal(socket.protocol, 'poolwatch.v1');
    socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'state:get', payload: {} }));
    const response = await nextMessage(socket, (message) => message.type === 'response' && message.id === 1);
    const result = response.result as { ok: boolean; value: { accounts: Array<{ id: string }> } };
    assert.equal(result.ok, true);
    assert.equal(result.value.accounts[0]?.id, 'farm');

    const event = nextMessage(socket, (message) => message.type === 'event' && message.channel === 'state:account');
    socket.send(JSON.stringify({ type: 'request', id: 2, channel: 'engine:poll-now', payload: {} }));
    assert.equal(((await event).payload as { id: string }).id, 'farm');

    socket.send(JSON.stringify({ type: 'request', id: 3, channel: 'workers:get', payload: { accountId: 'missing' } }));
    const missing = await nextMessage(socket, (message) => message.type === 'response' && message.id === 3);
    assert.deepEqual(missing.result, { ok: false, error: { code: 'not_found', message: 'There is no account "missing".' } });

    socket.send(JSON.stringify({ type: 'request', id: 4, channel: 'accounts:save', payload: { account: { pool: 'sbi' } } }));
    const invalid = await nextMessage(socket, (message) => message.type === 'response' && message.id === 4);
    assert.equal((invalid.result as { error: { code: string } }).error.code, 'invalid_request');
    socket.close();
  });

  it('accepts API clients with Authorization: Bearer on the WebSocket', async () => {
    const socket = openSocket(server, ['poolwatch.v1'], { Authorization: `Bearer ${server.token}` });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'request', id: 7, channel: 'accounts:list', payload: {} }));
    const response = await nextMessage(socket, (message) => message.type === 'response' && message.id === 7);
    assert.equal((response.result as { ok: boolean }).ok, true);
    assert.ok(!JSON.stringify(response).includes(sim.fullKey.apiSecret));
    socket.close();
  });

  it('closes a socket with a bad token with code 4401, and a malformed message with 1003', async () => {
    const bad = openSocket(server, ['poolwatch.v1', 'token.nottheone']);
    const code = await new Promise<number>((resolve) => bad.once('close', (closeCode) => resolve(closeCode)));
    assert.equal(code, 4401);

    const socket = openSocket(server, ['poolwatch.v1', `token.${server.token}`]);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('not json');
    assert.equal(await new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode))), 1003);
  });

  it('refuses a WebSocket from a foreign Origin before upgrading', async () => {
    const socket = openSocket(server, ['poolwatch.v1', `token.${server.token}`], { Origin: 'http://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', (error) => resolve(error.message));
    });
    assert.match(outcome, /403/);
  });

  it('never logs a secret', async () => {
    await waitFor(() => logger.lines.length > 0);
    assert.ok(logger.lines.every((line) => !line.includes(sim.fullKey.apiSecret) && !line.includes(sim.fullKey.apiKey)));
  });
});
