import { memo } from 'react';
import { formatAge, formatHashrate } from '../../../shared/units';
import { WORKER_STATE_TONES } from '../../components/tones';
import type { WorkerRow } from './worker-rows';

export interface WorkerRowViewProps {
  row: WorkerRow;
  /** Shown only when several accounts are listed together. */
  accountLabel: string | null;
  nowMs: number;
  topPx: number;
  rowIndex: number;
}

function lastShareText(lastShareMs: number | null, nowMs: number): string {
  return lastShareMs === null ? '—' : `${formatAge(nowMs - lastShareMs)} ago`;
}

export const WorkerRowView = memo(function WorkerRowView({ row, accountLabel, nowMs, topPx, rowIndex }: WorkerRowViewProps) {
  const { worker } = row;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`worker-grid worker-row${accountLabel === null ? '' : ' with-account'}`}
      data-testid="worker-row"
      data-worker={worker.name}
      data-state={worker.state}
      // A CSSOM property, not an inline style attribute, so the CSP's style-src 'self' allows it.
      style={{ transform: `translateY(${topPx}px)` }}
    >
      <div role="cell" className="cell-text" title={worker.name}>
        {worker.name}
      </div>
      {accountLabel !== null && (
        <div role="cell" className="cell-text muted" title={accountLabel}>
          {accountLabel}
        </div>
      )}
      <div role="cell" className="cell-text" title={worker.group}>
        {worker.group}
      </div>
      <div role="cell">
        <span className={`state-pill tone-${WORKER_STATE_TONES[worker.state]}`}>{worker.state}</span>
      </div>
      <div role="cell" className="number">
        {formatHashrate(worker.hashrate.h10m)}
      </div>
      <div role="cell" className="number">
        {formatHashrate(worker.hashrate.h1h)}
      </div>
      <div role="cell" className="number">
        {formatHashrate(worker.hashrate.h24h)}
      </div>
      <div role="cell" className="number" title={worker.lastShareAt ?? undefined}>
        {lastShareText(row.lastShareMs, nowMs)}
      </div>
    </div>
  );
});
