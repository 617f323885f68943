import type { ChannelDigest, Weekday } from '../../../shared/contract';
import { minuteOfDay, parseHhmm } from '../../alerts/quiet-hours';
import { DAY_MS, MINUTE_MS } from '../../base/time';

export type DigestPeriod = 'daily' | 'weekly';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function weekdayAt(atMs: number, timeZone: string | null): Weekday {
  const id = timeZone ?? '';
  let format = weekdayFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timeZone ?? undefined, weekday: 'long' });
    weekdayFormats.set(id, format);
  }
  return format.format(atMs).toLowerCase() as Weekday;
}

/**
 * The latest moment at or before nowMs when this summary was due: today's (or yesterday's) HH:MM local time in
 * the digest's zone, and for the weekly one the latest such moment on its weekday.
 */
export function latestDue(nowMs: number, digest: Pick<ChannelDigest, 'time' | 'timezone' | 'weekday'>, period: DigestPeriod): number {
  const minutesSince = (minuteOfDay(nowMs, digest.timezone) - parseHhmm(digest.time) + 24 * 60) % (24 * 60);
  let due = nowMs - (nowMs % MINUTE_MS) - minutesSince * MINUTE_MS;
  if (period === 'weekly') {
    for (let step = 0; step < 6 && weekdayAt(due, digest.timezone) !== digest.weekday; step += 1) due -= DAY_MS;
  }
  return due;
}

/** How far back a summary looks. */
export function periodLengthMs(period: DigestPeriod): number {
  return period === 'daily' ? DAY_MS : 7 * DAY_MS;
}
