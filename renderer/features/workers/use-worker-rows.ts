import { useDeferredValue, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AttributeColumn } from '../../components/attributes';
import { useWorkersStore } from '../../state/app-stores';
import { attributeColumnsOf } from './worker-attribute-columns';
import type { WorkerListEntry } from '../../state/workers-reducers';
import type { PoolTerms } from '../pool-terms';
import { orderWorkerRows, type RowOrder } from './worker-row-order';
import {
  effectiveSort,
  filterWorkerRows,
  workerColumns,
  type WorkerColumn,
  type WorkerFilter,
  type WorkerRow,
  type WorkerSort,
} from './worker-rows';

export interface WorkerRowsView {
  entries: readonly (WorkerListEntry | undefined)[];
  /** All loaded rows of the selected accounts. */
  total: number;
  /** Sorted and filtered rows to show. */
  rows: readonly WorkerRow[];
  columns: readonly WorkerColumn[];
  /** The pool attribute columns, also the last entries of `columns`. */
  attributes: readonly AttributeColumn[];
  /** The sort applied: the requested one, or the default when its column is gone. */
  sort: WorkerSort;
}

export interface WorkerRowsOptions {
  terms: PoolTerms;
  /** Attribute columns only make sense for one account: pools name their attributes differently. */
  withAttributes: boolean;
}

/**
 * Memoized steps: the rows and their order change only with the data or the sort (updated for the changed workers
 * alone, see orderWorkerRows), and the cheap filter runs on typing, deferred so the input never waits on it.
 */
export function useWorkerRows(accountIds: readonly string[], sort: WorkerSort, filter: WorkerFilter, options: WorkerRowsOptions): WorkerRowsView {
  const { terms, withAttributes } = options;
  const latestEntries = useWorkersStore(useShallow((state) => accountIds.map((id) => state.byAccount[id])));
  // Deferred, so typing and scrolling go first, and deltas arriving back to back are drawn once rather than once each.
  const entries = useDeferredValue(latestEntries);
  const lists = useMemo(
    () =>
      accountIds.flatMap((accountId, index) => {
        const entry = entries[index];
        return entry === undefined ? [] : [{ accountId, workers: entry.workers }];
      }),
    [accountIds, entries],
  );
  // Attribute columns decide which sorts exist: they come from the workers, which do not depend on the sort.
  const attributes = useMemo(() => (withAttributes ? attributeColumnsOf(lists) : []), [lists, withAttributes]);
  const columns = useMemo(() => workerColumns(terms, attributes), [terms, attributes]);
  const applied = effectiveSort(sort, columns);
  // The previous order, updated rather than rebuilt: rendering twice from the same one gives the same result.
  const previous = useRef<RowOrder | undefined>(undefined);
  const order = useMemo(() => orderWorkerRows(previous.current, lists, applied), [lists, applied]);
  previous.current = order;
  const deferredName = useDeferredValue(filter.name);
  const rows = useMemo(() => filterWorkerRows(order.sorted, { state: filter.state, name: deferredName }), [order.sorted, filter.state, deferredName]);
  return { entries, total: order.total, rows, columns, attributes, sort: applied };
}
