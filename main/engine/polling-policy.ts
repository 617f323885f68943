import { safeDelayMs } from '../base/safe-delay';

/** Each poll lands within ±10% of its interval so accounts sharing a pool do not poll in lockstep. */
export const POLL_JITTER = 0.1;
/** After repeated failures the wait doubles, up to this, so a dead pool is not hammered. */
export const MAX_BACKOFF_MS = 15 * 60_000;
/** A single poll (all pages of a 30,000-worker account included) is abandoned after this. */
export const POLL_DEADLINE_MS = 5 * 60_000;

/** Milliseconds until the next poll, given how many polls in a row have failed; never more than MAX_DELAY_MS. */
export function nextPollDelay(
  intervalMs: number,
  consecutiveFailures: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const base = consecutiveFailures === 0 ? intervalMs : Math.min(intervalMs * 2 ** (consecutiveFailures - 1), Math.max(intervalMs, MAX_BACKOFF_MS));
  const jittered = base * (1 - POLL_JITTER + 2 * POLL_JITTER * random());
  return Math.round(safeDelayMs(Math.max(jittered, retryAfterMs ?? 0)));
}
