export const FIRST_RECONNECT_DELAY_MS = 1_000;
export const MAX_RECONNECT_DELAY_MS = 15_000;

/** Delay before reconnect attempt number `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, then 15 s. */
export function reconnectDelayMs(attempt: number): number {
  const exponent = Math.min(Math.max(0, attempt), 10);
  return Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** exponent, MAX_RECONNECT_DELAY_MS);
}
