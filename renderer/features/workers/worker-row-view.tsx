import { memo } from 'react';
import { formatAge, formatHashrate, type UnitSystem } from '../../../shared/units';
import { formatAttributeValue, type AttributeColumn, type AttributeValue } from '../../components/attributes';
import { unitSystemNote } from '../../components/hashrate-units';
import { NOT_HASHING_MEANING, WORKER_STATE_MEANINGS } from '../../components/state-terms';
import { NOT_HASHING_TONE, WORKER_STATE_TONES } from '../../components/tones';
import { routeHref } from '../../state/route';
import type { WorkerRow } from './worker-rows';

export interface WorkerRowViewProps {
  row: WorkerRow;
  /** Shown only when several accounts are listed together. */
  accountLabel: string | null;
  /** The unit system of the row's own pool (1024-based for Stratumsphere). */
  unitSystem: UnitSystem;
  /** Pool attribute columns to show after the built-in ones, in order. */
  attributes: readonly AttributeColumn[];
  gridTemplate: string;
  nowMs: number;
  topPx: number;
  rowIndex: number;
}

function lastShareText(lastShareMs: number | null, nowMs: number): string {
  return lastShareMs === null ? '—' : `${formatAge(nowMs - lastShareMs)} ago`;
}

export const WorkerRowView = memo(function WorkerRowView(props: WorkerRowViewProps) {
  const { row, accountLabel, unitSystem, attributes, gridTemplate, nowMs, topPx, rowIndex } = props;
  const { worker } = row;
  const unitNote = unitSystemNote(unitSystem) ?? undefined;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className="worker-grid worker-row"
      data-testid="worker-row"
      data-worker={worker.name}
      data-state={worker.state}
      data-not-hashing={worker.notHashingSince !== undefined ? 'true' : undefined}
      // CSSOM properties, not an inline style attribute, so the CSP's style-src 'self' allows them.
      style={{ transform: `translateY(${topPx}px)`, gridTemplateColumns: gridTemplate }}
    >
      <div role="cell" className="cell-text" title={worker.name}>
        <a className="worker-link" href={routeHref({ screen: 'charts', scope: { accountId: row.accountId, group: worker.group, worker: worker.name } })}>
          {worker.name}
        </a>
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
        {worker.notHashingSince === undefined ? (
          <span className={`state-pill tone-${WORKER_STATE_TONES[worker.state]}`} title={WORKER_STATE_MEANINGS[worker.state]}>
            {worker.state}
          </span>
        ) : (
          <span className={`state-pill tone-${NOT_HASHING_TONE}`} title={`${NOT_HASHING_MEANING} Since ${worker.notHashingSince}.`}>
            not hashing
          </span>
        )}
      </div>
      <div role="cell" className="number" title={unitNote}>
        {formatHashrate(worker.hashrate.h10m, unitSystem)}
      </div>
      <div role="cell" className="number" title={unitNote}>
        {formatHashrate(worker.hashrate.h1h, unitSystem)}
      </div>
      <div role="cell" className="number" title={unitNote}>
        {formatHashrate(worker.hashrate.h24h, unitSystem)}
      </div>
      <div role="cell" className="number" title={worker.lastShareAt ?? undefined}>
        {lastShareText(row.lastShareMs, nowMs)}
      </div>
      {attributes.map((column) => (
        <AttributeCell key={column.label} value={worker.attributes?.[column.label]} column={column} system={unitSystem} />
      ))}
    </div>
  );
});

function AttributeCell({ value, column, system }: { value: AttributeValue | undefined; column: AttributeColumn; system: UnitSystem }) {
  const text = formatAttributeValue(value, column.kind, system);
  return (
    <div role="cell" className={column.numeric ? 'number' : 'cell-text'} title={text}>
      {text}
    </div>
  );
}
