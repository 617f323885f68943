import { DAY_MS } from './chart-range';

/** Locale and zone for dates; both default to the browser's (tests pin them). */
export interface TimeFormatOptions {
  locale?: string;
  timeZone?: string;
}

const HOUR_MS = 3_600_000;

/** The browser's IANA zone ("Europe/Berlin"), named under the charts because every time shown is in it. */
export function userTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function formatter(options: TimeFormatOptions, fields: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(options.locale, { ...fields, ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }) });
}

/** "Mar 3, 2025, 02:05:00 PM GMT+1": a tooltip's exact time, with the zone it is in. */
export function tooltipTimeFormatter(options: TimeFormatOptions = {}): (ms: number) => string {
  const format = formatter(options, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  return (ms) => format.format(ms);
}

/** Tick labels that fit the span: times for a day, weekday and hour for a week, dates beyond, months for a year. */
export function axisTimeFormatter(spanMs: number, options: TimeFormatOptions = {}): (ms: number) => string {
  const fields: Intl.DateTimeFormatOptions =
    spanMs <= 36 * HOUR_MS
      ? { hour: '2-digit', minute: '2-digit' }
      : spanMs <= 10 * DAY_MS
        ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
        : spanMs <= 120 * DAY_MS
          ? { month: 'short', day: 'numeric' }
          : { year: 'numeric', month: 'short' };
  const format = formatter(options, fields);
  return (ms) => format.format(ms);
}

/** "Mar 3, 2025" for a UTC day (yyyy-mm-dd): earnings days are UTC days, so they are labelled in UTC. */
export function utcDayFormatter(locale?: string): (day: string) => string {
  const format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (day) => {
    const ms = Date.parse(`${day}T00:00:00Z`);
    return Number.isNaN(ms) ? day : format.format(ms);
  };
}

/** What the points of a series stand for: every stored resolution among them (polls after imported hours, say). */
export function levelsText(history: { resolution: 'raw' | 'hour' | 'day'; levels: ReadonlyArray<'raw' | 'hour' | 'day'> }): string {
  const names = (history.levels.length > 0 ? history.levels : [history.resolution]).map(resolutionText);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** What one point of a series stands for, by the stored resolution that answered. */
export function resolutionText(resolution: 'raw' | 'hour' | 'day'): string {
  switch (resolution) {
    case 'raw':
      return 'poll samples';
    case 'hour':
      return 'hourly figures';
    case 'day':
      return 'daily figures';
  }
}
