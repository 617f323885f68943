import type { WebSocket } from 'ws';
import {
  dispatchRequest,
  eventFrame,
  readRequestFrame,
  responseFrame,
  toErrorEnvelope,
  type RequestFrame,
} from '../../shared/contract';
import type { MonitorService } from '../base/ui-events';
import type { Logger } from '../base/logger';

// What one connection may hold of the server: unanswered requests, and answer bytes its client has not read yet.
// The UI keeps a handful of requests open; a 30,000-worker list is about 6 MB, so two fit under the byte limit.
// One frame may exceed it by itself (a 100,000-worker delta is about 20 MB, and the page reads nothing else while
// it parses it): the limit allows the largest frame waiting on top, so only unread frames beyond that close.
const MAX_IN_FLIGHT = 64;
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** WebSocket close code for a client that broke a limit (RFC 6455: policy violation). */
const WS_CLOSE_LIMIT = 1008;

/** One browser or API client: requests in, responses and UI events out, everything validated and bounded. */
export function runWsSession(socket: WebSocket, monitor: MonitorService, logger: Logger): void {
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

  /** The largest frame sent since the bytes waiting were last under the limit (in UTF-16 units: ~bytes of JSON). */
  let largestWaitingFrame = 0;
  const send = (frame: string): void => {
    if (closing || socket.readyState !== socket.OPEN) return;
    const waiting = socket.bufferedAmount;
    if (waiting <= MAX_BUFFERED_BYTES) largestWaitingFrame = 0;
    else if (waiting + frame.length > MAX_BUFFERED_BYTES + largestWaitingFrame) {
      const limitMb = Math.round(MAX_BUFFERED_BYTES / 1024 / 1024);
      shutDown(WS_CLOSE_LIMIT, `answers not read: over ${limitMb} MB waiting`, `closed a WebSocket client that did not read its answers (over ${limitMb} MB waiting)`);
      return;
    }
    largestWaitingFrame = Math.max(largestWaitingFrame, frame.length);
    socket.send(frame);
  };
  const unsubscribe = monitor.subscribe((event) => send(eventFrame(event.channel, event.payload)));
  const fault = (channel: string, message: string): void => logger.error(`headless: ${channel} failed: ${message}`);

  /** Answers one request; an answer that cannot be serialized (or sent) is logged and answered with an error. */
  const answer = async ({ id, channel, payload }: RequestFrame): Promise<void> => {
    const result = await dispatchRequest(monitor.requests, channel, payload, (message) => fault(channel, message));
    try {
      send(responseFrame(id, result));
    } catch (error) {
      fault(channel, `its answer could not be sent: ${error instanceof Error ? error.message : String(error)}`);
      send(responseFrame(id, toErrorEnvelope(error)));
    }
  };
  socket.on('close', () => {
    closing = true;
    unsubscribe();
  });

  socket.on('message', (data, isBinary) => {
    if (closing) return;
    const frame = isBinary ? null : readRequestFrame(data.toString());
    if (frame === null) {
      shutDown(1003, 'malformed message', 'dropped a malformed WebSocket message');
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      shutDown(WS_CLOSE_LIMIT, `too many requests in flight (limit ${MAX_IN_FLIGHT})`, `closed a WebSocket client with more than ${MAX_IN_FLIGHT} requests in flight`);
      return;
    }
    inFlight += 1;
    void answer(frame).finally(() => {
      inFlight -= 1;
    });
  });
}
