import { z } from 'zod';
import type { WebSocket } from 'ws';
import { parseRequest, toErrorEnvelope, type RequestChannel } from '../../shared/contract';
import type { EngineService } from '../engine/service';
import type { Logger } from '../engine/logger';

const IncomingSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown(),
});

// What one connection may hold of the server: unanswered requests, and answer bytes its client has not read yet.
// The UI keeps a handful of requests open; a 30,000-worker list is about 6 MB, so two fit under the byte limit.
const MAX_IN_FLIGHT = 64;
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** WebSocket close code for a client that broke a limit (RFC 6455: policy violation). */
const WS_CLOSE_LIMIT = 1008;

/** One browser or API client: requests in, responses and engine events out, everything validated and bounded. */
export function runWsSession(socket: WebSocket, engine: EngineService, logger: Logger): void {
  let closing = false;
  let inFlight = 0;

  /** Stops serving this client: nothing more is read into work or queued for it, and the reason is logged once. */
  const shutDown = (code: number, reason: string, logLine: string): void => {
    if (closing) return;
    closing = true;
    unsubscribe();
    logger.warn(`headless: ${logLine}`);
    socket.close(code, reason);
  };

  const send = (message: unknown): void => {
    if (closing || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      const limitMb = Math.round(MAX_BUFFERED_BYTES / 1024 / 1024);
      shutDown(WS_CLOSE_LIMIT, `answers not read: over ${limitMb} MB waiting`, `closed a WebSocket client that did not read its answers (over ${limitMb} MB waiting)`);
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const unsubscribe = engine.subscribe((event) => send({ type: 'event', channel: event.channel, payload: event.payload }));
  socket.on('close', () => {
    closing = true;
    unsubscribe();
  });

  socket.on('message', (data, isBinary) => {
    if (closing) return;
    let parsed: z.infer<typeof IncomingSchema>;
    try {
      if (isBinary) throw new Error('binary');
      parsed = IncomingSchema.parse(JSON.parse(data.toString()));
    } catch {
      shutDown(1003, 'malformed message', 'dropped a malformed WebSocket message');
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      shutDown(WS_CLOSE_LIMIT, `too many requests in flight (limit ${MAX_IN_FLIGHT})`, `closed a WebSocket client with more than ${MAX_IN_FLIGHT} requests in flight`);
      return;
    }
    inFlight += 1;
    const { id, channel, payload } = parsed;
    void (async () => {
      try {
        const request = parseRequest(channel as RequestChannel, payload);
        const value = await engine.handle(channel as RequestChannel, request);
        send({ type: 'response', id, result: { ok: true, value } });
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ContractError')) {
          logger.error(`headless: ${channel} failed: ${(error as Error)?.message ?? 'unknown error'}`);
        }
        send({ type: 'response', id, result: toErrorEnvelope(error) });
      } finally {
        inFlight -= 1;
      }
    })();
  });
}
