import { formatAge } from '../../../shared/units';

/** "stale — last data 12 min ago", from the last good poll and the current time. */
export function staleMarkerText(lastGoodAt: string | null, nowMs: number): string {
  if (lastGoodAt === null) return 'stale — no data yet';
  const atMs = Date.parse(lastGoodAt);
  if (Number.isNaN(atMs)) return 'stale — last data time unknown';
  return `stale — last data ${formatAge(nowMs - atMs)} ago`;
}

/** "polled 40 s ago", "next poll in 20 s": the schedule line under an account's name. */
export function pollScheduleText(lastPollAt: string | null, nextPollAt: string | null, paused: boolean, nowMs: number): string {
  const parts: string[] = [];
  const lastMs = lastPollAt === null ? Number.NaN : Date.parse(lastPollAt);
  parts.push(Number.isNaN(lastMs) ? 'not polled yet' : `polled ${formatAge(nowMs - lastMs)} ago`);
  const nextMs = nextPollAt === null ? Number.NaN : Date.parse(nextPollAt);
  if (paused) parts.push('polling paused');
  else if (!Number.isNaN(nextMs)) parts.push(nextMs <= nowMs ? 'polling now' : `next poll in ${formatAge(nextMs - nowMs)}`);
  return parts.join(' · ');
}
