import { z } from 'zod';
import type { EventChannel, EventOf, RequestChannel, RequestOf } from './channels';
import type { ResultEnvelope } from './envelope';
import { wireEventPayload } from './event-wire';

// The headless WebSocket's text frames, read by the server (ws-session) and by the browser client (ws-client)
// with these same schemas. Only the frame is checked here: the request, the result envelope and the event
// payload are each read by the contract afterwards, so a bad one is answered or dropped on its own.

/** Client -> server: one request; the server answers with a response frame carrying the same id. */
export const RequestFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

/** Server -> client: the outcome of one request (a ResultEnvelope, read by parseResponse), or an engine event. */
export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** A frame's text as JSON read by the schema; null when it is not JSON or not such a frame. */
function readFrame<T>(schema: z.ZodType<T>, text: string): T | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function readRequestFrame(text: string): RequestFrame | null {
  return readFrame(RequestFrameSchema, text);
}

export function readServerFrame(text: string): ServerFrame | null {
  return readFrame(ServerFrameSchema, text);
}

export function requestFrame<C extends RequestChannel>(id: number, channel: C, payload: RequestOf<C>): string {
  return JSON.stringify({ type: 'request', id, channel, payload } satisfies RequestFrame);
}

export function responseFrame(id: number, result: ResultEnvelope): string {
  return JSON.stringify({ type: 'response', id, result } satisfies ServerFrame);
}

/** An engine event as sent: a workers delta goes as columns (wireEventPayload). */
export function eventFrame<C extends EventChannel>(channel: C, payload: EventOf<C>): string {
  return JSON.stringify({ type: 'event', channel, payload: wireEventPayload(channel, payload) } satisfies ServerFrame);
}
