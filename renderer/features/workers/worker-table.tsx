import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useNow } from '../../components/use-now';
import { useAccountsStore } from '../../state/app-stores';
import { WorkerRowView } from './worker-row-view';
import { WORKER_COLUMNS, type WorkerRow, type WorkerSort, type WorkerSortKey } from './worker-rows';

/** Must match `.worker-row { height }` in styles.css: the virtualizer positions rows by it. */
export const WORKER_ROW_HEIGHT_PX = 34;
const OVERSCAN_ROWS = 12;

interface WorkerTableProps {
  rows: readonly WorkerRow[];
  sort: WorkerSort;
  onSort(key: WorkerSortKey): void;
  showAccount: boolean;
}

export function WorkerTable({ rows, sort, onSort, showAccount }: WorkerTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const nowMs = useNow(10_000);
  const accountsById = useAccountsStore((state) => state.byId);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => WORKER_ROW_HEIGHT_PX,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN_ROWS,
  });

  const headers = WORKER_COLUMNS.map((column) => <SortableHeader key={column.key} column={column} sort={sort} onSort={onSort} />);
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
    <div className="worker-table" role="table" aria-label="Workers" aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`worker-grid worker-header${showAccount ? ' with-account' : ''}`}>
          {headers}
        </div>
      </div>
      <div ref={scrollRef} className="worker-scroll" role="rowgroup" tabIndex={0}>
        <div className="worker-scroll-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <WorkerRowView
                key={item.key}
                row={row}
                accountLabel={showAccount ? (accountsById[row.accountId]?.label ?? row.accountId) : null}
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

function SortableHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof WORKER_COLUMNS)[number];
  sort: WorkerSort;
  onSort(key: WorkerSortKey): void;
}) {
  const active = sort.key === column.key;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={ariaSort} data-sort-key={column.key} className={column.numeric ? 'number' : undefined}>
      <button type="button" className={`sort-button${active ? ' active' : ''}`} onClick={() => onSort(column.key)}>
        {column.title}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}
