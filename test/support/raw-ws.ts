import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

// WebSocket bytes written by hand (RFC 6455), so tests can send what no well-behaved client library would.

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  rsv1?: boolean;
  /** Clients must mask; false writes an unmasked frame. */
  masked?: boolean;
  /** A length to announce instead of the payload's own (e.g. 2^53), written in the 64-bit form. */
  announcedLength?: bigint;
}

/** One client frame. */
export function clientFrame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const masked = spec.masked ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (spec.rsv1 ? 0x40 : 0) | (spec.opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (spec.announcedLength !== undefined) {
    header = Buffer.alloc(10);
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(spec.announcedLength, 2);
  } else if (payload.length < 126) {
    header = Buffer.from([0, maskBit | payload.length]);
  } else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header[1] = maskBit | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  header[0] = first;
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/** A masked text frame carrying one contract request. */
export function requestFrame(id: number, channel: string, payload: unknown = {}): Buffer {
  return clientFrame({ opcode: 1, payload: JSON.stringify({ type: 'request', id, channel, payload }) });
}

/** The upgrade request for /ws: with the token subprotocol, or none. */
export function upgradeRequest(port: number, token: string | null, target = '/ws'): Buffer {
  const protocols = token === null ? 'poolwatch.v1' : `poolwatch.v1, token.${token}`;
  return Buffer.from(
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocols}\r\n\r\n`,
  );
}

export interface Exchange {
  received: Buffer;
  /** True when the server ended the connection before the timeout. */
  closedByServer: boolean;
}

/** Connects, writes `bytes` (pieces in order, each after the previous one's answer headers where `awaitHeaders`), and collects the answer until the server closes or `timeoutMs` passes. */
export function rawExchange(port: number, pieces: Buffer[], timeoutMs: number, awaitHeaders = false): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('end', () => finish(true));
    let next = 0;
    const writeNext = (): void => {
      const piece = pieces[next++];
      if (piece && !socket.destroyed) socket.write(piece);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (awaitHeaders && Buffer.concat(chunks).includes('\r\n\r\n')) writeNext();
    });
    socket.once('connect', () => {
      if (awaitHeaders) {
        writeNext();
        return;
      }
      for (const piece of pieces) socket.write(piece);
    });
  });
}

/** A connection upgraded by hand: writes go straight to the socket, frames arriving are parsed on demand. */
export async function openRawWebSocket(port: number, token: string | null): Promise<{ socket: Socket; status: string; buffered: () => Buffer }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(upgradeRequest(port, token)));
    const check = (): void => {
      if (received.includes('\r\n\r\n')) {
        socket.off('data', check);
        resolve();
      }
    };
    socket.on('data', check);
    socket.once('close', () => reject(new Error('closed during the handshake')));
  });
  const end = received.indexOf('\r\n\r\n');
  const status = received.subarray(0, received.indexOf('\r\n')).toString();
  received = received.subarray(end + 4);
  return { socket, status, buffered: () => received };
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Server frames (unmasked) found in `bytes`; an incomplete last frame is left out. */
export function parseServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) break;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) break;
    frames.push({ opcode: bytes[at]! & 0x0f, payload: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return frames;
}

/** The close frame's code and reason, if `frames` hold one. */
export function closeOf(frames: ServerFrame[]): { code: number; reason: string } | null {
  const frame = frames.find((candidate) => candidate.opcode === 8);
  if (!frame || frame.payload.length < 2) return null;
  return { code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString() };
}
