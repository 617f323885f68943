import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';

// One link, many tabs (issue 12): after the first visit with the token the browser holds an HttpOnly, SameSite=Strict
// cookie for this server, which the API and the WebSocket accept until serve starts with a new token.

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the WebSocket as a browser tab without the token would: only the protocol, and its cookies. */
function socketOutcome(port: number, headers: Record<string, string>): Promise<{ opened: boolean; code: number | null; stateAnswered: boolean }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['poolwatch.v1'], { headers });
    let opened = false;
    socket.on('open', () => {
      opened = true;
      socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'state:get', payload: {} }));
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: { ok: boolean } };
      if (frame.type === 'response' && frame.id === 1) {
        socket.close();
        resolve({ opened, code: null, stateAnswered: frame.result?.ok === true });
      }
    });
    socket.on('close', (code) => resolve({ opened, code, stateAnswered: false }));
    socket.on('error', () => resolve({ opened, code: -1, stateAnswered: false }));
  });
}

function setCookieOf(answer: Answer): string {
  const header = answer.headers['set-cookie'];
  return Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
}

describe('headless server: the session cookie', () => {
  let poolWatch: PoolWatch;
  let server: HeadlessServer;
  let staticDir: string;
  const logger = captureLogger();

  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'pw-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>PoolWatch</title>');
    ({ poolWatch } = createPoolWatch({ config: memoryConfig({ accounts: [] }), dataDir: null, secrets: memorySecrets(), logger }));
    await poolWatch.engine.load();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir, logger });
  });
  after(async () => {
    await server.close();
    poolWatch.stop();
  });

  it('is given only for the token: HttpOnly, SameSite=Strict, Path=/, no Secure over plain http, named for this port, not the token', async () => {
    const refused = await send(server.port, 'POST', '/api/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['set-cookie'], undefined);
    const given = await send(server.port, 'POST', '/api/session', { Authorization: `Bearer ${server.token}` });
    assert.equal(given.status, 204);
    const cookie = setCookieOf(given);
    assert.match(cookie, new RegExp(`^poolwatch_session_${server.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/; Max-Age=\\d+$`));
    assert.ok(!cookie.includes(server.token), 'the cookie is derived from the token, not the token');
    assert.equal((await send(server.port, 'GET', '/api/session', { Authorization: `Bearer ${server.token}` })).status, 405);
  });

  it('signs in the API and the WebSocket without the token, and renews itself', async () => {
    const cookie = setCookieOf(await send(server.port, 'POST', '/api/session', { Authorization: `Bearer ${server.token}` })).split(';')[0]!;
    assert.equal((await send(server.port, 'GET', '/api/snapshot', { Cookie: `other=1; ${cookie}` })).status, 200);
    const origin = `http://127.0.0.1:${server.port}`;
    assert.equal((await send(server.port, 'POST', '/api/session', { Cookie: cookie, Origin: origin })).status, 204);
    assert.deepEqual(await socketOutcome(server.port, { Cookie: cookie, Origin: origin }), { opened: true, code: null, stateAnswered: true });
  });

  it('refuses a wrong or missing cookie: 401, and 4401 on the WebSocket', async () => {
    const wrong = `poolwatch_session_${server.port}=${'A'.repeat(43)}`;
    assert.equal((await send(server.port, 'GET', '/api/snapshot', { Cookie: wrong })).status, 401);
    assert.equal((await send(server.port, 'POST', '/api/session', { Cookie: wrong })).status, 401);
    assert.deepEqual(await socketOutcome(server.port, { Cookie: wrong }), { opened: true, code: 4401, stateAnswered: false });
    assert.deepEqual(await socketOutcome(server.port, {}), { opened: true, code: 4401, stateAnswered: false });
  });

  it('keeps the Host and Origin checks: a valid cookie from another origin or Host is refused', async () => {
    const cookie = setCookieOf(await send(server.port, 'POST', '/api/session', { Authorization: `Bearer ${server.token}` })).split(';')[0]!;
    assert.equal((await send(server.port, 'POST', '/api/session', { Cookie: cookie, Origin: 'http://evil.example' })).status, 403);
    assert.equal((await send(server.port, 'GET', '/api/snapshot', { Cookie: cookie, Host: 'evil.example' })).status, 403);
    const upgrade = await socketOutcome(server.port, { Cookie: cookie, Origin: 'http://evil.example' });
    assert.equal(upgrade.opened, false);
    assert.equal(upgrade.stateAnswered, false);
  });

  it('stops working when serve starts with a new token, and keeps working with the same one (--token-file)', async () => {
    const cookieValue = setCookieOf(await send(server.port, 'POST', '/api/session', { Authorization: `Bearer ${server.token}` })).split(';')[0]!.split('=')[1]!;
    const port = server.port;
    const token = server.token;
    await server.close();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir, logger, port });
    assert.notEqual(server.token, token);
    assert.equal((await send(port, 'GET', '/api/snapshot', { Cookie: `poolwatch_session_${port}=${cookieValue}` })).status, 401);
    await server.close();
    server = await startHeadlessServer({ monitor: poolWatch, staticDir, logger, port, token });
    assert.equal((await send(port, 'GET', '/api/snapshot', { Cookie: `poolwatch_session_${port}=${cookieValue}` })).status, 200);
  });
});
