// Time formatting for simulators: all times are epoch milliseconds inside.

export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** 2021-09-17T10:04:49.000+00:00 (Jackson's default Date format) */
export function formatIsoOffset(atMs: number): string {
  return new Date(atMs).toISOString().replace('Z', '+00:00');
}

/** 2019-12-03T15:52:31.673Z */
export function formatIsoZulu(atMs: number): string {
  return new Date(atMs).toISOString();
}

/** Local time at a fixed offset without milliseconds, e.g. 2021-03-03T11:07:38+09:00 */
export function formatIsoAtOffset(atMs: number, offsetMinutes: number): string {
  const shifted = new Date(atMs + offsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${shifted}${sign}${hours}:${minutes}`;
}

export function utcDayStart(atMs: number): number {
  return Math.floor(atMs / MS_PER_DAY) * MS_PER_DAY;
}

/** yyyy-MM-dd of the UTC day */
export function formatIsoDay(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}

/** Strict yyyy-MM-dd to the UTC midnight in ms, or null when malformed or not a real date. */
export function parseIsoDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const atMs = Date.UTC(year, month - 1, day);
  const check = new Date(atMs);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return atMs;
}

/** First and last UTC day (midnights) of the month containing atMs. */
export function utcMonthDays(atMs: number): { firstDayMs: number; lastDayMs: number } {
  const date = new Date(atMs);
  const firstDayMs = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const lastDayMs = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - MS_PER_DAY;
  return { firstDayMs, lastDayMs };
}
