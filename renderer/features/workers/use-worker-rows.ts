import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWorkersStore } from '../../state/app-stores';
import type { WorkerListEntry } from '../../state/workers-reducers';
import { buildWorkerRows, filterWorkerRows, sortWorkerRows, type WorkerFilter, type WorkerRow, type WorkerSort } from './worker-rows';

export interface WorkerRowsView {
  entries: readonly (WorkerListEntry | undefined)[];
  /** All loaded rows of the selected accounts. */
  total: number;
  /** Sorted and filtered rows to show. */
  rows: readonly WorkerRow[];
}

/**
 * Three memoized steps: rows change only with the data (entry versions), the sort only with data
 * or sort order, and the cheap filter runs on typing, deferred so the input never waits on it.
 */
export function useWorkerRows(accountIds: readonly string[], sort: WorkerSort, filter: WorkerFilter): WorkerRowsView {
  const entries = useWorkersStore(useShallow((state) => accountIds.map((id) => state.byAccount[id])));
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
  const sorted = useMemo(() => sortWorkerRows(all, sort), [all, sort]);
  const deferredName = useDeferredValue(filter.name);
  const rows = useMemo(() => filterWorkerRows(sorted, { state: filter.state, name: deferredName }), [sorted, filter.state, deferredName]);
  return { entries, total: all.length, rows };
}
