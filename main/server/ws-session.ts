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

/** One browser or API client: requests in, responses and engine events out, everything validated. */
export function runWsSession(socket: WebSocket, engine: EngineService, logger: Logger): void {
  const send = (message: unknown): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = engine.subscribe((event) => send({ type: 'event', channel: event.channel, payload: event.payload }));
  socket.on('close', unsubscribe);

  socket.on('message', (data, isBinary) => {
    let parsed: z.infer<typeof IncomingSchema>;
    try {
      if (isBinary) throw new Error('binary');
      parsed = IncomingSchema.parse(JSON.parse(data.toString()));
    } catch {
      logger.warn('headless: dropped a malformed WebSocket message');
      socket.close(1003, 'malformed message');
      return;
    }
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
      }
    })();
  });
}
