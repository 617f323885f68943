import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { clientFrame, rawExchange, requestFrame, upgradeRequest, type FrameSpec } from '../support/raw-ws';
import { seededRandom } from '../support/seeded-random';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { waitFor } from '../support/wait-for';

// `poolwatch serve` runs in a child process here: a crash is an exit we can see, not a dead test runner.

const MAX_PAYLOAD = 1024 * 1024;

/** Every malformed frame of the issue, each sent right after a handshake. */
const BAD_FRAMES: Array<{ name: string; frames: FrameSpec[] }> = [
  { name: 'unmasked text frame', frames: [{ opcode: 1, payload: 'hello', masked: false }] },
  { name: 'RSV1 set without compression', frames: [{ opcode: 1, payload: 'hello', rsv1: true }] },
  { name: 'reserved opcode 3', frames: [{ opcode: 3, payload: 'x' }] },
  { name: 'invalid UTF-8 text', frames: [{ opcode: 1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) }] },
  { name: '200-byte ping', frames: [{ opcode: 9, payload: Buffer.alloc(200, 0x61) }] },
  { name: 'fragmented ping', frames: [{ opcode: 9, payload: 'p', fin: false }] },
  { name: 'orphan continuation', frames: [{ opcode: 0, payload: 'tail' }] },
  { name: '2^53 length', frames: [{ opcode: 2, announcedLength: 2n ** 53n }] },
  { name: 'message over maxPayload', frames: [{ opcode: 2, announcedLength: BigInt(2 * MAX_PAYLOAD) }] },
  {
    name: 'fragmented message over maxPayload',
    frames: [
      { opcode: 1, payload: Buffer.alloc(MAX_PAYLOAD / 2 + 1, 0x20), fin: false },
      { opcode: 0, payload: Buffer.alloc(MAX_PAYLOAD / 2 + 1, 0x20) },
    ],
  },
  { name: 'close code 999', frames: [{ opcode: 8, payload: Buffer.from([0x03, 0xe7]) }] },
];

function httpGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function statusOf(received: Buffer): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'))?.[1] ?? 0);
}

/** Mutates a valid exchange: bytes changed, inserted, removed, repeated or cut off. */
function mutate(bytes: Buffer, random: () => number): Buffer {
  let result = Buffer.from(bytes);
  const at = (): number => Math.floor(random() * result.length);
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const kind = Math.floor(random() * 5);
    const where = at();
    if (kind === 0) result[where] = Math.floor(random() * 256);
    else if (kind === 1) result = Buffer.concat([result.subarray(0, where), Buffer.from(Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256))), result.subarray(where)]);
    else if (kind === 2) result = Buffer.concat([result.subarray(0, where), result.subarray(where + 1 + Math.floor(random() * 16))]);
    else if (kind === 3) result = Buffer.concat([result.subarray(0, where), result.subarray(where, where + 32), result.subarray(where)]);
    else result = result.subarray(0, where);
  }
  return result;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

describe('headless server under malformed input (fuzz)', () => {
  let serve: ServeProcess;

  before(async () => {
    serve = await startServeProcess();
  });
  after(async () => {
    await serve.stop();
  });

  function assertAlive(after: string): void {
    assert.equal(serve.exitCode(), null, `serve ended after ${after}:\n${serve.stderr()}`);
  }

  const modes: Array<{ label: string; token: () => string | null }> = [
    { label: 'with the token', token: () => serve.token },
    { label: 'without a token', token: () => null },
  ];

  it('survives every malformed frame of the issue, with and without a token, and logs each socket once', async () => {
    const linesBefore = serve.stderr().split('\n').filter((line) => line.includes('WebSocket')).length;
    for (const mode of modes) {
      for (const bad of BAD_FRAMES) {
        const exchange = await rawExchange(serve.port, [upgradeRequest(serve.port, mode.token()), Buffer.concat(bad.frames.map(clientFrame))], 5_000, true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        assertAlive(`${bad.name} ${mode.label}`);
        assert.equal(statusOf(exchange.received), 101, `${bad.name} ${mode.label}: handshake`);
        assert.ok(exchange.closedByServer, `${bad.name} ${mode.label}: the server should close the connection`);
      }
    }
    const expected = linesBefore + modes.length * BAD_FRAMES.length;
    const socketLines = (): number => serve.stderr().split('\n').filter((line) => line.includes('WebSocket')).length;
    await waitFor(() => socketLines() >= expected, 5_000, `${expected} WebSocket log lines`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(socketLines(), expected, serve.stderr());
  });

  it('answers malformed request targets with 400, without a log line per request', async () => {
    const host = `Host: 127.0.0.1:${serve.port}\r\n`;
    const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n`;
    const logBefore = serve.stderr();
    const cases: Array<{ name: string; request: string; status: number }> = [
      { name: 'unparsable upgrade target', request: `GET http://[ HTTP/1.1\r\n${host}${upgrade}\r\n`, status: 400 },
      { name: 'unparsable target', request: `GET http://[ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, status: 400 },
      { name: 'lone percent', request: `GET /% HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, status: 400 },
      { name: 'cut UTF-8 escape', request: `GET /%E0%A4%A HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, status: 400 },
      { name: 'bad escape on an upgrade', request: `GET /ws%zz HTTP/1.1\r\n${host}${upgrade}\r\n`, status: 400 },
    ];
    for (const entry of cases) {
      const exchange = await rawExchange(serve.port, [Buffer.from(entry.request, 'latin1')], 3_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assertAlive(entry.name);
      assert.equal(statusOf(exchange.received), entry.status, `${entry.name}: ${exchange.received.toString('latin1').split('\r\n')[0]}`);
    }
    assert.equal(serve.stderr(), logBefore, 'a bad request is answered, not logged');
  });

  it('closes a refused upgrade completely, even for a client that keeps its side open', async () => {
    for (const target of ['/elsewhere', 'http://[', '/ws%zz']) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ port: serve.port, host: '127.0.0.1', allowHalfOpen: true });
        const timer = setTimeout(() => {
          socket.destroy();
          resolve('still open');
        }, 3_000);
        socket.on('error', () => {});
        socket.on('close', () => {
          clearTimeout(timer);
          resolve('closed');
        });
        socket.on('end', () => {
          // Writes after the server's FIN: a server that only half-closed keeps accepting them silently.
          const poke = setInterval(() => socket.write('x'), 50);
          socket.once('close', () => clearInterval(poke));
        });
        socket.resume();
        socket.once('connect', () => socket.write(upgradeRequest(serve.port, serve.token, target)));
      });
      assert.equal(outcome, 'closed', `refused upgrade to ${target}`);
    }
  });

  it('survives clients that reset the connection in the middle of an upgrade', async () => {
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(serve.port, '127.0.0.1');
        socket.on('error', () => resolve());
        socket.once('connect', () => {
          socket.write(upgradeRequest(serve.port, i % 3 === 0 ? null : serve.token, i % 2 === 0 ? '/ws' : '/elsewhere'));
          setTimeout(() => {
            socket.resetAndDestroy();
            resolve();
          }, i % 3);
        });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assertAlive('connection resets');
  });

  it('survives other broken request lines and headers', async () => {
    const host = `Host: 127.0.0.1:${serve.port}\r\n`;
    const requests = [
      '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',
      'GET / HTTP/9.9\r\n\r\n',
      `GET / HTTP/1.1\r\n${host}Content-Length: abc\r\n\r\n`,
      `POST /api/snapshot HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\nzz\r\n`,
      `GET /ws HTTP/1.1\r\n${host}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      `GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      `GET /ws HTTP/1.1\r\n${host}Origin: http://[\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}X: ${'b'.repeat(20_000)}\r\n\r\n`,
    ];
    for (const request of requests) {
      await rawExchange(serve.port, [Buffer.from(request, 'latin1')], 1_000);
      assertAlive(JSON.stringify(request.slice(0, 60)));
    }
  });

  it('survives 300 seeded random mutations of a handshake and its frames', async () => {
    const random = seededRandom(0x5eed);
    const cases = Array.from({ length: 300 }, (_, i) => {
      const token = i % 2 === 0 ? serve.token : null;
      const valid = Buffer.concat([
        upgradeRequest(serve.port, token),
        requestFrame(i, 'state:get'),
        clientFrame({ opcode: 9, payload: 'ping' }),
        clientFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe8]) }),
      ]);
      return mutate(valid, random);
    });
    await inBatches(cases, 10, async (bytes) => {
      await rawExchange(serve.port, [bytes], 500);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assertAlive('the random mutations');
  });

  it('still answers /api/snapshot and a proper WebSocket request afterwards, and never logged the token', async () => {
    assertAlive('the fuzzing');
    const snapshot = await httpGet(serve.port, '/api/snapshot', { Authorization: `Bearer ${serve.token}` });
    assert.equal(snapshot.status, 200);
    assert.equal((JSON.parse(snapshot.body) as { schemaVersion: number }).schemaVersion, 1);

    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, ['poolwatch.v1', `token.${serve.token}`]);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const response = new Promise<{ id: number; result: { ok: boolean } }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()) as { id: number; result: { ok: boolean } })));
    socket.send(JSON.stringify({ type: 'request', id: 42, channel: 'state:get', payload: {} }));
    const message = await response;
    assert.equal(message.id, 42);
    assert.equal(message.result.ok, true);
    // Client text that quotes the token: a request on an unknown channel, then a malformed message.
    const quoted = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'request', id: 43, channel: `x-${serve.token}`, payload: {} }));
    socket.send(`not json ${serve.token}`);
    assert.equal(await quoted, 1003);
    await new Promise((resolve) => setTimeout(resolve, 100));

    assert.ok(serve.stderr().length > 0, 'the fuzzing left log lines to check');
    assert.ok(!serve.stderr().includes(serve.token), 'the token never appears in the log');
    assert.ok(!serve.stderr().includes(serve.token.slice(0, 12)), 'not even in part');
    assertAlive('the final requests');
  });
});
