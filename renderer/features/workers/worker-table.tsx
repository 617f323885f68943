import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { AttributeColumn } from '../../components/attributes';
import { unitSystemOf, unitSystemsByAccount } from '../../components/hashrate-units';
import { useNow } from '../../components/use-now';
import { useAccountsStore } from '../../state/app-stores';
import { useAppSettings } from '../../state/settings-store';
import { workerGridMinWidth, workerGridTemplate } from './worker-grid';
import { WorkerRowView } from './worker-row-view';
import type { WorkerColumn, WorkerRow, WorkerSort, WorkerSortKey } from './worker-rows';

/** Must match `.worker-row { height }` in styles.css: the virtualizer positions rows by it. */
export const WORKER_ROW_HEIGHT_PX = 34;
/**
 * Rows drawn beyond each edge of the view. With `.worker-scroll`'s max-height (45 rows) the DOM never holds more
 * than 60 rows, however tall the window and however many workers.
 */
const OVERSCAN_ROWS = 6;

interface WorkerTableProps {
  /** "Workers", "Rentals", "Users": names the table for assistive technology. */
  title: string;
  rows: readonly WorkerRow[];
  columns: readonly WorkerColumn[];
  /** The pool attribute columns among `columns` (the last ones), for the row cells. */
  attributes: readonly AttributeColumn[];
  sort: WorkerSort;
  onSort(key: WorkerSortKey): void;
  showAccount: boolean;
}

export function WorkerTable({ title, rows, columns, attributes, sort, onSort, showAccount }: WorkerTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const nowMs = useNow(10_000);
  const accountsById = useAccountsStore((state) => state.byId);
  const { units } = useAppSettings();
  const unitSystems = useMemo(() => unitSystemsByAccount(Object.values(accountsById), units), [accountsById, units]);
  const gridTemplate = workerGridTemplate(showAccount, attributes.length);
  const minWidth = workerGridMinWidth(showAccount, attributes.length);
  // Rows have one fixed height, so the virtualizer keys them by index: a new row list (each delta of a poll) then
  // re-measures nothing, where keys by worker made it walk all 100,000 rows again. React keys rows by worker below.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => WORKER_ROW_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
  });

  const headers = columns.map((column) => <SortableHeader key={column.key} column={column} sort={sort} onSort={onSort} />);
  if (showAccount) {
    headers.splice(
      1,
      0,
      <div role="columnheader" key="account" className="column-plain">
        Account
      </div>,
    );
  }

  return (
    <div className="worker-table" role="table" aria-label={title} aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="worker-grid worker-header" style={{ gridTemplateColumns: gridTemplate, minWidth }}>
          {headers}
        </div>
      </div>
      <div ref={scrollRef} className="worker-scroll" role="rowgroup" tabIndex={0} style={{ minWidth }}>
        <div className="worker-scroll-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <WorkerRowView
                key={row.key}
                row={row}
                accountLabel={showAccount ? (accountsById[row.accountId]?.label ?? row.accountId) : null}
                unitSystem={unitSystemOf(row.accountId, unitSystems)}
                attributes={attributes}
                gridTemplate={gridTemplate}
                nowMs={nowMs}
                topPx={item.start}
                rowIndex={item.index + 2}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SortableHeader({ column, sort, onSort }: { column: WorkerColumn; sort: WorkerSort; onSort(key: WorkerSortKey): void }) {
  const active = sort.key === column.key;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={ariaSort} data-sort-key={column.key} className={column.numeric ? 'number' : undefined}>
      <button type="button" className={`sort-button${active ? ' active' : ''}`} onClick={() => onSort(column.key)} title={column.title}>
        {column.title}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}
