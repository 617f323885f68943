// Time units and conversions every layer uses: epoch milliseconds in, ISO 8601 (UTC) out.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Farther from 1970 than this, a millisecond time cannot be a Date (and toISOString would throw). */
const MAX_DATE_MS = 8.64e15;

/** A millisecond time as ISO 8601, or null when no date can be that far away (1e309, 1e20). */
export function isoTimeFromMs(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/** The UTC day of a millisecond time, "2026-03-01". */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
