import type { AlertHistoryEntry } from '../../../shared/contract';
import type { Severity } from '../../../shared/model';
import type { ChartScope } from '../../state/route';
import type { TimeWindow } from './chart-range';

/** One alert that started firing, as a chart marker. */
export interface AlertFiring {
  id: number;
  atMs: number;
  severity: Severity;
  message: string;
}

/** Firings close enough to share a marker: drawn once, in the most severe colour, listing every message. */
export interface AlertMarker {
  key: string;
  atMs: number;
  severity: Severity;
  firings: AlertFiring[];
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Account-wide alerts belong to every group and worker of it; a group's alerts to its workers. */
function inScope(entry: AlertHistoryEntry, scope: ChartScope): boolean {
  if (scope.accountId !== null && entry.scope.accountId !== scope.accountId) return false;
  if (scope.group !== null && entry.scope.group !== null && entry.scope.group !== scope.group) return false;
  if (scope.worker !== null && entry.scope.worker !== null && entry.scope.worker !== scope.worker) return false;
  return true;
}

/** The history rows that mark an alert starting to fire in the scope and window, oldest first. */
export function alertFirings(entries: readonly AlertHistoryEntry[], scope: ChartScope, timeWindow: TimeWindow): AlertFiring[] {
  const firings: AlertFiring[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'transition' || entry.to !== 'firing' || !inScope(entry, scope)) continue;
    const atMs = Date.parse(entry.at);
    if (Number.isNaN(atMs) || atMs < timeWindow.fromMs || atMs > timeWindow.toMs) continue;
    firings.push({ id: entry.id, atMs, severity: entry.severity, message: entry.message });
  }
  return firings.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
}

/** Groups firings less than `minGapPx` apart on a chart `widthPx` wide, so a burst of alerts stays one readable marker. */
export function alertMarkers(firings: readonly AlertFiring[], timeWindow: TimeWindow, widthPx: number, minGapPx = 6): AlertMarker[] {
  const spanMs = Math.max(1, timeWindow.toMs - timeWindow.fromMs);
  const gapMs = (spanMs / Math.max(1, widthPx)) * minGapPx;
  const markers: AlertMarker[] = [];
  let current: AlertMarker | null = null;
  for (const firing of firings) {
    if (current !== null && firing.atMs - current.atMs < gapMs) {
      current.firings.push(firing);
      if (SEVERITY_RANK[firing.severity] > SEVERITY_RANK[current.severity]) current.severity = firing.severity;
      continue;
    }
    current = { key: String(firing.id), atMs: firing.atMs, severity: firing.severity, firings: [firing] };
    markers.push(current);
  }
  return markers;
}

/** The text a marker shows on hover: each message on its own line. */
export function markerTitle(marker: AlertMarker, timeText: (ms: number) => string): string {
  return marker.firings.map((firing) => `${timeText(firing.atMs)} · ${firing.severity}: ${firing.message}`).join('\n');
}
