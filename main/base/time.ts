// Time units and conversions every layer uses: epoch milliseconds in, ISO 8601 (UTC) out.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Farther from 1970 than this, a millisecond time cannot be a Date (and toISOString would throw). */
const MAX_DATE_MS = 8.64e15;

/** Before year 10000: toISOString has the fixed 24-character form "YYYY-MM-DDTHH:MM:SS.sssZ". */
const FOUR_DIGIT_YEAR_END_MS = 253_402_300_800_000;
/** "YYYY-MM-DDTHH:MM:" per minute: a poll's share times fall in a few minutes, and a Date per worker costs ~1 µs. */
const minutePrefixes = new Map<number, string>();
const MINUTE_PREFIXES_KEPT = 256;

/**
 * The times of the last few polls, shared: a poll's share times fall on a few hundred distinct seconds, so its
 * thousands of workers hold a few hundred strings instead of one each (each new one kept until the next poll
 * is what the garbage collector copies), and an unchanged time is the same string as last poll's.
 */
const RECENT_TIMES_KEPT = 4096;
/** Longer than any time ("2021-09-17T10:04:49.123456789+05:30" is 35): a pool's long text is not kept. */
const LONGEST_TIME_KEPT = 40;
const recentFromMs = new Map<number, string | null>();
const recentFromText = new Map<string, string | null>();

function remembered<K>(recent: Map<K, string | null>, key: K, value: string | null): string | null {
  if (recent.size >= RECENT_TIMES_KEPT) recent.clear();
  recent.set(key, value);
  return value;
}

/** A millisecond time as ISO 8601, or null when no date can be that far away (1e309, 1e20). */
export function isoTimeFromMs(ms: number): string | null {
  const known = recentFromMs.get(ms);
  return known !== undefined ? known : remembered(recentFromMs, ms, isoTimeFromMsOnce(ms));
}

function isoTimeFromMsOnce(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
  if (!Number.isInteger(ms) || ms < 0 || ms >= FOUR_DIGIT_YEAR_END_MS) return new Date(ms).toISOString();
  const minute = Math.floor(ms / MINUTE_MS);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (minutePrefixes.size >= MINUTE_PREFIXES_KEPT) minutePrefixes.clear();
    prefix = new Date(minute * MINUTE_MS).toISOString().slice(0, 17);
    minutePrefixes.set(minute, prefix);
  }
  const withinMinute = ms - minute * MINUTE_MS;
  const seconds = Math.floor(withinMinute / 1000);
  const millis = withinMinute - seconds * 1000;
  return `${prefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** ISO 8601 with milliseconds already in UTC ("...T10:04:49.000+00:00" or "...Z"), with a day every month has. */
const PLAIN_UTC_ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}(?:Z|\+00:00)$/;

/** A pool's ISO time with any offset as UTC ISO 8601 ("2021-09-17T10:04:49.000Z"), or null if it is no time. */
export function isoTimeFromText(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length > LONGEST_TIME_KEPT) return isoTimeFromTextOnce(value);
  const known = recentFromText.get(value);
  return known !== undefined ? known : remembered(recentFromText, value, isoTimeFromTextOnce(value));
}

function isoTimeFromTextOnce(value: string): string | null {
  // The usual form needs no Date round trip (which costs about 1 µs, once per worker per poll).
  if (PLAIN_UTC_ISO.test(value)) return value.length === 24 ? value : `${value.slice(0, 23)}Z`;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : isoTimeFromMs(ms);
}

/** The UTC day of a millisecond time, "2026-03-01". */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
