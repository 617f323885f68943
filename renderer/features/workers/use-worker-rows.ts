import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { discoverAttributeColumns, type AttributeColumn } from '../../components/attributes';
import { useWorkersStore } from '../../state/app-stores';
import type { WorkerListEntry } from '../../state/workers-reducers';
import type { PoolTerms } from '../pool-terms';
import {
  buildWorkerRows,
  effectiveSort,
  filterWorkerRows,
  sortWorkerRows,
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
 * Three memoized steps: rows change only with the data (a new entry per change), the sort only with data
 * or sort order, and the cheap filter runs on typing, deferred so the input never waits on it.
 */
export function useWorkerRows(accountIds: readonly string[], sort: WorkerSort, filter: WorkerFilter, options: WorkerRowsOptions): WorkerRowsView {
  const { terms, withAttributes } = options;
  const latestEntries = useWorkersStore(useShallow((state) => accountIds.map((id) => state.byAccount[id])));
  // New worker data re-sorts every row: deferred, so typing and scrolling go first, and deltas arriving back to
  // back (a big poll sent in parts) are drawn once rather than once each.
  const entries = useDeferredValue(latestEntries);
  const all = useMemo(
    () =>
      buildWorkerRows(
        accountIds.flatMap((accountId, index) => {
          const entry = entries[index];
          return entry === undefined ? [] : [{ accountId, workers: entry.workers }];
        }),
      ),
    [accountIds, entries],
  );
  const attributes = useMemo(() => (withAttributes ? discoverAttributeColumns(all.map((row) => row.worker)) : []), [all, withAttributes]);
  const columns = useMemo(() => workerColumns(terms, attributes), [terms, attributes]);
  const applied = effectiveSort(sort, columns);
  const sorted = useMemo(() => sortWorkerRows(all, applied), [all, applied]);
  const deferredName = useDeferredValue(filter.name);
  const rows = useMemo(() => filterWorkerRows(sorted, { state: filter.state, name: deferredName }), [sorted, filter.state, deferredName]);
  return { entries, total: all.length, rows, columns, attributes, sort: applied };
}
