import type { ExportKind, ExportRequest } from '../../../shared/contract';
import type { ChartScope } from '../../state/route';
import { windowIso, type TimeWindow } from './chart-range';

/**
 * What each export button asks for, for the scope on screen (fleet, account, group or worker): the current
 * workers, and the hashrate, payouts and daily earnings of the window on screen.
 */
export function exportRequest(kind: ExportKind, scope: ChartScope, timeWindow: TimeWindow): ExportRequest {
  const where = {
    ...(scope.accountId === null ? {} : { accountId: scope.accountId }),
    ...(scope.accountId !== null && scope.group !== null ? { group: scope.group } : {}),
    ...(scope.accountId !== null && scope.group !== null && scope.worker !== null ? { worker: scope.worker } : {}),
  };
  return kind === 'workers' ? { kind, ...where } : { kind, ...where, ...windowIso(timeWindow) };
}

/** A file name safe on every OS: the engine's suggestion without any path, or poolwatch-<kind>-<account>-<day>.csv. */
export function csvFilename(suggested: string, kind: ExportKind, accountId: string | null, nowMs: number): string {
  const base = suggested.split(/[/\\]/).pop() ?? '';
  const stem = base
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (stem !== '') return `${stem}.csv`;
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const account = (accountId ?? 'all').replace(/[^A-Za-z0-9_-]+/g, '-');
  return `poolwatch-${kind}-${account}-${day}.csv`;
}
