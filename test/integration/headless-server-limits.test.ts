import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { closeOf, openRawWebSocket, parseServerFrames, requestFrame } from '../support/raw-ws';
import { residentBytes, startServeProcess, type ServeProcess } from '../support/serve-process';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { waitFor, waitForValue } from '../support/wait-for';

// One client must not be able to grow the server without bound: requests it keeps in flight and answers it leaves
// unread are both capped per connection, and the offending connection is closed with a reason (1008).

const WORKERS = 3_000;

function snapshotStatus(port: number, token: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/snapshot', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve((JSON.parse(body) as { accounts: Array<{ status: string }> }).accounts[0]?.status));
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** Reads what the server sends until its close frame (or `timeoutMs`), counting answers. */
async function drain(socket: Socket, already: Buffer, timeoutMs: number): Promise<{ bytes: number; responses: number; close: { code: number; reason: string } | null }> {
  let bytes = 0;
  let responses = 0;
  let pending = Buffer.alloc(0);
  let close: { code: number; reason: string } | null = null;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const take = (chunk: Buffer): void => {
      bytes += chunk.length;
      pending = Buffer.concat([pending, chunk]);
      const frames = parseServerFrames(pending);
      const used = frames.reduce((sum, frame) => sum + frameSize(frame.payload.length), 0);
      pending = pending.subarray(used);
      responses += frames.filter((frame) => frame.opcode === 1 && frame.payload.includes('"type":"response"')).length;
      close ??= closeOf(frames);
      if (close) {
        clearTimeout(timer);
        resolve();
      }
    };
    socket.on('data', take);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    take(already);
    socket.resume();
  });
  socket.destroy();
  return { bytes, responses, close };
}

/** Bytes of an unmasked server frame carrying `length` payload bytes. */
function frameSize(length: number): number {
  return length + (length < 126 ? 2 : length < 65_536 ? 4 : 10);
}

describe('headless server limits per WebSocket connection', () => {
  let sim: SbiSim;
  let serve: ServeProcess;

  before(async () => {
    sim = await startSbiSim({ seed: 8, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: WORKERS }] });
    serve = await startServeProcess({
      config: { accounts: [{ id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_LIM_KEY' }, apiSecret: { env: 'PW_LIM_SECRET' } } }] },
      env: { PW_LIM_KEY: sim.fullKey.apiKey, PW_LIM_SECRET: sim.fullKey.apiSecret },
    });
    await waitForValue(async () => ((await snapshotStatus(serve.port, serve.token)) === 'ok' ? true : undefined), 30_000, () => `the first poll: ${serve.stderr()}`);
  });
  after(async () => {
    await serve.stop();
    await sim.close();
  });

  it('closes a connection that never reads its answers (1008) before their bytes pile up', async () => {
    const client = await openRawWebSocket(serve.port, serve.token);
    client.socket.pause();
    const rssBefore = await residentBytes(serve.pid);
    // 150 worker lists of 3,000 workers each (about 100 MB of answers), sent a few at a time, none read.
    for (let batch = 0; batch < 30; batch++) {
      client.socket.write(Buffer.concat(Array.from({ length: 5 }, (_, i) => requestFrame(batch * 5 + i, 'workers:get', { accountId: 'farm' }))));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAfter = await residentBytes(serve.pid);
    const result = await drain(client.socket, client.buffered(), 10_000);
    const mb = (bytes: number | null): string => (bytes === null ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
    console.log(`unread answers: server RSS ${mb(rssBefore)} -> ${mb(rssAfter)}; the client got ${mb(result.bytes)} in ${result.responses} answers before the close`);
    assert.equal(result.close?.code, 1008, `close frame: ${JSON.stringify(result.close)}, ${result.responses} answers`);
    assert.match(result.close?.reason ?? '', /not read/);
    assert.ok(result.responses < 150, `${result.responses} answers were sent`);
    assert.ok(result.bytes < 40 * 1024 * 1024, `${mb(result.bytes)} were queued for one client`);
    await waitFor(() => serve.stderr().includes('did not read'), 5_000, 'the log line');
    assert.equal(serve.stderr().split('did not read').length - 1, 1, 'logged once');
  });

  it('closes a connection that keeps too many requests in flight (1008)', async () => {
    const client = await openRawWebSocket(serve.port, serve.token);
    client.socket.write(Buffer.concat(Array.from({ length: 1_000 }, (_, i) => requestFrame(i, 'state:get'))));
    const result = await drain(client.socket, client.buffered(), 10_000);
    assert.equal(result.close?.code, 1008, `close frame: ${JSON.stringify(result.close)}, ${result.responses} answers`);
    console.log(`request flood: ${result.responses} of 1000 answered before the close`);
    assert.match(result.close?.reason ?? '', /in flight/);
    assert.ok(result.responses < 1_000, `${result.responses} answers were sent`);
    await waitFor(() => serve.stderr().includes('in flight'), 5_000, 'the log line');
    assert.equal(serve.stderr().split('in flight').length - 1, 1, 'logged once');
  });

  it('keeps serving other clients, and never logs the token', async () => {
    assert.equal(await snapshotStatus(serve.port, serve.token), 'ok');
    assert.equal(serve.exitCode(), null);
    assert.ok(!serve.stderr().includes(serve.token));
  });
});
