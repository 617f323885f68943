import type { Clock } from '../../../base/clock';
import { describeNetworkFailure } from '../answer-quotes';
import { redactUrl } from '../channel-redaction';
import { decodePress } from '../phone-actions';
import { readLines } from './listen-loop';

/** ntfy sends a keepalive every 45 s by default: a stream silent for longer than this is dead and reopened. */
export const NTFY_SILENCE_MS = 2 * 60_000;

export interface NtfyReplyTarget {
  server: string;
  replyTopic: string;
  accessToken: string | null;
}

export interface ReplyHandling {
  /** A press arrived: its action and token as sent (checked by the receiver). */
  press(action: string, token: string): void;
  /** Safe text only: never the topic, the token or the line that came. */
  log(level: 'info' | 'warn', message: string): void;
}

/** Where a reconnect resumes: a message id or a Unix time in seconds (ntfy's `since` takes both); null before the first. */
export interface NtfyReplyState {
  since: string | null;
}

/** Why a subscription could not be opened; the message names the server's host only. */
export class ReplyConnectionError extends Error {}

/**
 * One subscription to the channel's reply topic (ntfy's JSON stream, `GET /<topic>/json`), read to its end: every
 * "message" event is a press ("<action>:<token>"); keepalives and other events are skipped, a malformed line is
 * skipped and counted. `since` carries a resume point across reconnects, so a press made while the stream was down
 * still arrives (ntfy keeps messages for hours): the last message's id, or before any came the first subscription's
 * start (Unix seconds, by the server's clock from its "open" event where it sends one). Returns whether anything arrived.
 */
export async function readNtfyReplies(
  target: NtfyReplyTarget,
  state: NtfyReplyState,
  deps: { fetchImpl: typeof fetch; clock: Clock; silenceMs?: number },
  handling: ReplyHandling,
  signal: AbortSignal,
): Promise<boolean> {
  const host = redactUrl(target.server);
  const url = `${target.server}/${encodeURIComponent(target.replyTopic)}/json${state.since ? `?since=${encodeURIComponent(state.since)}` : ''}`;
  // The first subscription asks for nothing older, but is where every reconnect resumes until a message has come.
  const first = state.since === null;
  if (first) state.since = String(Math.floor(deps.clock.now() / 1000));
  const silence = new AbortController();
  const silenceMs = deps.silenceMs ?? NTFY_SILENCE_MS;
  let timer: unknown = null;
  const quietFor = (): void => {
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = deps.clock.setTimeout(() => silence.abort(), silenceMs);
  };
  let received = false;
  let malformed = 0;
  let sawMessage = false;
  try {
    quietFor();
    let response: Response;
    try {
      response = await deps.fetchImpl(url, {
        headers: { 'User-Agent': 'PoolWatch', ...(target.accessToken ? { Authorization: `Bearer ${target.accessToken}` } : {}) },
        signal: AbortSignal.any([signal, silence.signal]),
        redirect: 'manual',
      });
    } catch (error) {
      throw new ReplyConnectionError(describeNetworkFailure(error, host, silence.signal.aborted, silenceMs));
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplyConnectionError(`${host} refused the subscription to the reply topic (HTTP ${response.status}): the access token must be allowed to read it.`);
    }
    if (response.status < 200 || response.status >= 300 || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplyConnectionError(`${host} answered HTTP ${response.status} to the subscription to the reply topic.`);
    }
    try {
      for await (const line of readLines(response.body)) {
        quietFor();
        received = true;
        if (line === '') continue;
        const event = line === null ? null : parseEvent(line);
        if (event === null) {
          // The first is reported at once, the rest counted when the connection ends: a noisy server cannot flood the log.
          if (malformed === 0) handling.log('warn', `an unreadable line on the reply subscription from ${host}; skipped`);
          malformed += 1;
          continue;
        }
        // The server's own clock: a local clock running ahead of it would skip presses made just after the start.
        if (first && event.event === 'open' && event.time !== undefined && !sawMessage) state.since = String(event.time);
        if (event.event !== 'message') continue;
        sawMessage = true;
        if (event.id) state.since = event.id;
        const press = decodePress(event.message ?? '');
        if (press) handling.press(press.action, press.token);
        else handling.log('warn', 'a message on the reply topic was not a PoolWatch button press; ignored');
      }
    } catch (error) {
      if (signal.aborted) return received;
      if (!silence.signal.aborted) throw new ReplyConnectionError(describeNetworkFailure(error, host, false, silenceMs));
      handling.log('warn', `${host} sent nothing on the reply subscription for ${Math.round(silenceMs / 1000)} s; reconnecting`);
    }
    return received;
  } finally {
    if (timer !== null) deps.clock.clearTimeout(timer);
    if (malformed > 1) handling.log('warn', `${malformed} unreadable lines in all on this reply subscription from ${host}; skipped`);
  }
}

interface NtfyEvent {
  id?: string;
  /** Unix seconds. */
  time?: number;
  event: string;
  message?: string;
}

/** One line of ntfy's JSON stream, or null when it is not one (not JSON, not an object, no event name). */
function parseEvent(line: string): NtfyEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.event !== 'string') return null;
  return {
    event: record.event,
    ...(typeof record.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(record.id) ? { id: record.id } : {}),
    ...(Number.isSafeInteger(record.time) && (record.time as number) > 0 ? { time: record.time as number } : {}),
    ...(typeof record.message === 'string' ? { message: record.message } : {}),
  };
}
