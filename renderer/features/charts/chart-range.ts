export const RANGE_IDS = ['1h', '24h', '7d', '30d', '1y'] as const;
export type RangeId = (typeof RANGE_IDS)[number];

export const RANGE_LABELS: Record<RangeId, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', '1y': '1 y' };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const RANGE_SPANS_MS: Record<RangeId, number> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '1y': 365 * DAY_MS,
};

export const DEFAULT_RANGE: RangeId = '24h';

/** Zooming closer than this shows nothing new: raw samples are a poll (a minute or more) apart. */
export const MIN_ZOOM_SPAN_MS = 2 * MINUTE_MS;

/** A span of time in epoch milliseconds, from inclusive to exclusive. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export function isRangeId(value: string): value is RangeId {
  return (RANGE_IDS as readonly string[]).includes(value);
}

/** The window a range button shows: the span ending now. */
export function rangeWindow(range: RangeId, nowMs: number): TimeWindow {
  return { fromMs: nowMs - RANGE_SPANS_MS[range], toMs: nowMs };
}

/** The window a drag from one x value to another selects, inside the current one; null for a click or a tiny drag. */
export function zoomWindow(startMs: number | null, endMs: number | null, current: TimeWindow): TimeWindow | null {
  if (startMs === null || endMs === null || !Number.isFinite(startMs) || !Number.isFinite(endMs)) return null;
  const fromMs = Math.max(current.fromMs, Math.min(startMs, endMs));
  const toMs = Math.min(current.toMs, Math.max(startMs, endMs));
  return toMs - fromMs >= MIN_ZOOM_SPAN_MS ? { fromMs, toMs } : null;
}

/** The window as the history contract takes it. */
export function windowIso(timeWindow: TimeWindow): { from: string; to: string } {
  return { from: new Date(timeWindow.fromMs).toISOString(), to: new Date(timeWindow.toMs).toISOString() };
}
