import { z } from 'zod';

// Times as requests take them (history, export, alert history; the API and the CLI): ISO 8601, strictly. A time without an offset is UTC
// (as every time PoolWatch prints is), and a date that does not exist (2026-02-30) is refused, not rolled over.

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch ms of an ISO 8601 date or date-time, or null when the text is not one or names no real moment. */
export function parseIsoTime(text: string): number | null {
  const match = ISO_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset = 'Z'] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  const check = new Date(utc);
  // Date.UTC rolls 30 February over into March; a real date survives the round trip.
  if (check.getUTCFullYear() !== Number(year) || check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (offset === 'Z') return utc;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [offsetHours, offsetMinutes] = offset.slice(1).split(':').map(Number) as [number, number];
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** An API key's expiry date as the pool shows it (SBI on its website): a calendar date that exists, YYYY-MM-DD. */
export const KeyExpiryDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'the key expiry date must be a date such as 2027-01-31')
  .refine((text) => parseIsoTime(text) !== null, 'the key expiry date does not exist in the calendar');

/** When a key with this expiry date stops working: the start of that day, UTC, so the warning is never late. */
export function keyExpiryMs(date: string): number | null {
  return parseIsoTime(date);
}

/** A time the engine sends (when a share, a poll or an alert happened): an ISO string, length-bounded and read as given. */
export const IsoTimeSchema = z.string().min(1).max(64);

/** A time a request asks about (a range's from or to): strict ISO 8601, see parseIsoTime. */
export const IsoTimeQuerySchema = z
  .string()
  .max(64)
  .refine((text) => parseIsoTime(text) !== null, 'must be an ISO time such as 2026-11-21T12:00:00Z (UTC unless it says otherwise)');
