/**
 * The longest any PoolWatch timer waits. Node fires a timer of more than 2^31-1 ms after 1 ms, so an absurd
 * Retry-After (99999999999 s, a date in 2100) would turn into a request loop. Two hours: above the longest poll
 * interval (1 h) with its jitter, far below Node's limit (~24.8 days).
 */
export const MAX_DELAY_MS = 2 * 60 * 60_000;

/** Every computed delay goes through this: negative -> 0, absurd or not a number -> MAX_DELAY_MS. */
export function safeDelayMs(ms: number): number {
  if (Number.isNaN(ms)) return MAX_DELAY_MS;
  if (ms <= 0) return 0;
  return Math.min(ms, MAX_DELAY_MS);
}
