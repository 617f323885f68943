import type { TimeWindow } from './chart-range';
import type { TimeFormatOptions } from './chart-time';

// Where a scope's history begins inside the shown window: the chart zooms to it and says "recording since".

/** A first point later than this share of the window after its start is where history begins, not a bucket's offset. */
const START_SLACK = 0.02;
/** Room left of the first point: this share of the data's span, at least MIN_LEAD_MS (one fresh poll still shows). */
const LEAD_SHARE = 0.05;
const MIN_LEAD_MS = 2 * 60_000;
const DAY_MS = 24 * 3_600_000;

/** The first point's time when the data begins inside the window; null when there is none or it fills the start. */
export function historyStartMs(data: ReadonlyArray<{ atMs: number }>, window: TimeWindow): number | null {
  const first = data[0];
  if (first === undefined) return null;
  return first.atMs > window.fromMs + START_SLACK * (window.toMs - window.fromMs) ? first.atMs : null;
}

/** The x-axis domain: the window, cut to shortly before where history begins. */
export function shownDomain(window: TimeWindow, startMs: number | null): TimeWindow {
  if (startMs === null) return window;
  const lead = Math.max(MIN_LEAD_MS, LEAD_SHARE * (window.toMs - startMs));
  return { fromMs: Math.max(window.fromMs, startMs - lead), toMs: window.toMs };
}

/** "recording since 14:05" in local time (in the locale's clock, as the axis); "recording since 3 Jan, 14:05" when that was not within the last day. */
export function recordingSinceText(startMs: number, nowMs: number, options: TimeFormatOptions = {}): string {
  const fields: Intl.DateTimeFormatOptions =
    nowMs - startMs < DAY_MS ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  const format = new Intl.DateTimeFormat(options.locale, { ...fields, ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }) });
  return `recording since ${format.format(startMs)}`;
}
