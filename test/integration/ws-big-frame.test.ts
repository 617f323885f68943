import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UiEvent } from '../../main/base/ui-events';
import { startHeadlessServer, type HeadlessServer, type ServedBackend } from '../../main/server/headless-server';
import type { Worker } from '../../shared/model';
import { captureLogger } from '../support/capture-logger';
import { closeOf, openRawWebSocket, parseServerFrames } from '../support/raw-ws';
import { waitFor } from '../support/wait-for';

// A page reading one 100,000-worker delta (about 20 MB) reads nothing else for a few seconds. serve keeps such a
// client: it reads, slowly. Closing it at once made the page reconnect and reload the whole list after every poll.
// A client that leaves more than one such frame unread is still closed.

const TOKEN = 'b'.repeat(48);

function bigDelta(count: number): UiEvent {
  const upserted: Worker[] = Array.from({ length: count }, (_, index) => ({
    name: `simulator-rig-${index}`,
    group: 'big',
    state: 'online',
    hashrate: { h10m: 17980567933981.855, h1h: 17637935294656.86, h24h: 17485507865996.312 },
    lastShareAt: '2026-12-04T15:21:53.000Z',
    rejectRate: null,
  }));
  return { channel: 'state:workers-delta', payload: { accountId: 'big', upserted, removed: [], total: count } };
}

const PAUSED_EVENT: UiEvent = { channel: 'state:paused', payload: { paused: false } };

/** Reads until nothing has come for a second (or `timeoutMs`), then counts the event frames and finds a close. */
async function readFrames(socket: Socket, already: Buffer, timeoutMs: number): Promise<{ events: number; close: { code: number; reason: string } | null }> {
  const chunks: Buffer[] = [already];
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(finish, timeoutMs);
    let quiet = setTimeout(finish, 1_000);
    function finish(): void {
      clearTimeout(deadline);
      clearTimeout(quiet);
      resolve();
    }
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(quiet);
      quiet = setTimeout(finish, 1_000);
    });
    socket.once('close', finish);
    socket.resume();
  });
  socket.destroy();
  const frames = parseServerFrames(Buffer.concat(chunks));
  return { events: frames.filter((frame) => frame.opcode === 1 && frame.payload.includes('"type":"event"')).length, close: closeOf(frames) };
}

describe('headless server and a client slow to read one big frame', () => {
  const listeners = new Set<(event: UiEvent) => void>();
  const emit = (event: UiEvent) => listeners.forEach((listener) => listener(event));
  let staticDir: string;
  let server: HeadlessServer;
  const logger = captureLogger();

  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'pw-bigframe-'));
    const monitor = {
      requests: {},
      subscribe(listener: (event: UiEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      summaries: () => [],
      isPaused: () => false,
      setPaused: () => undefined,
      workersOf: () => [],
      onPolled: () => () => undefined,
    } as unknown as ServedBackend;
    server = await startHeadlessServer({ monitor, staticDir, token: TOKEN, logger });
  });
  after(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('keeps a client that reads a 20 MB delta slowly, and sends it what followed', async () => {
    const client = await openRawWebSocket(server.port, TOKEN);
    client.socket.pause();
    await waitFor(() => listeners.size === 1, 5_000, 'the session to subscribe');
    const delta = bigDelta(100_000);
    assert.ok(JSON.stringify(delta).length > 16 * 1024 * 1024, 'the delta is over the byte limit by itself');
    emit(delta);
    for (let i = 0; i < 3; i += 1) emit(PAUSED_EVENT);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const result = await readFrames(client.socket, client.buffered(), 30_000);
    assert.equal(result.close, null, `closed: ${JSON.stringify(result.close)}`);
    assert.equal(result.events, 4);
  });

  it('closes a client that leaves a second big frame unread (1008)', async () => {
    await waitFor(() => listeners.size === 0, 5_000, 'the last session to end');
    const client = await openRawWebSocket(server.port, TOKEN);
    client.socket.pause();
    await waitFor(() => listeners.size === 1, 5_000, 'the session to subscribe');
    for (let i = 0; i < 3; i += 1) emit(bigDelta(100_000));
    // The close frame waits behind 40 MB the client has not read: the session's end and its log line show it.
    assert.equal(listeners.size, 0, 'the session stopped listening');
    assert.equal(logger.lines.filter((line) => line.includes('did not read its answers')).length, 1);
    client.socket.destroy();
  });
});
