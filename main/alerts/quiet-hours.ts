import type { QuietHours } from './alert-settings';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | null): Intl.DateTimeFormat {
  const id = timeZone ?? '';
  let format = formatters.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timeZone ?? undefined, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(id, format);
  }
  return format;
}

/** Minutes since local midnight in the zone (null = this machine's zone), daylight saving included. */
export function minuteOfDay(atMs: number, timeZone: string | null): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatter(timeZone).formatToParts(atMs)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

export function parseHhmm(value: string): number {
  const [hours, minutes] = value.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Whether atMs falls in [start, end) local time; a window may span midnight; start === end means none. */
export function isQuietAt(atMs: number, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const start = parseHhmm(quiet.start);
  const end = parseHhmm(quiet.end);
  if (start === end) return false;
  const now = minuteOfDay(atMs, quiet.timezone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}
