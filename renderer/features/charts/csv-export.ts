import type { ExportKind, ExportRequest } from '../../../shared/contract';
import type { ChartScope } from '../../state/route';
import { windowIso, type TimeWindow } from './chart-range';

/**
 * What each export button asks for: the current workers and every recorded payout of the scope's
 * account (all accounts for the fleet), and the hashrate history of the window on screen.
 */
export function exportRequest(kind: ExportKind, scope: ChartScope, timeWindow: TimeWindow): ExportRequest {
  const account = scope.accountId === null ? {} : { accountId: scope.accountId };
  return kind === 'hashrate' ? { kind, ...account, ...windowIso(timeWindow) } : { kind, ...account };
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
