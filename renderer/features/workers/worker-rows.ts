import {
  attributeSortKey,
  DEFAULT_WORKER_SORT,
  isWorkerSortKey,
  lastShareMsOf,
  matchesWorkerState,
  naturalSortKey,
  NOT_HASHING_FILTER,
  sortValue,
  sortWorkers,
  WORKER_FILTER_STATES,
  workerKey,
  type SortableWorker,
  type SortValue,
  type Worker,
  type WorkerFilterState,
  type WorkerSort,
  type WorkerSortKey,
} from '../../../shared/model';
import type { AttributeColumn } from '../../components/attributes';
import type { WorkersView } from '../../state/route';
import { capitalize, type PoolTerms } from '../pool-terms';

// The sort rules are shared with the workers CSV export (shared/model/worker-sort.ts); here they meet the table.
export {
  attributeSortKey,
  attributeSortValue,
  compareKeyedRows,
  compareSortValues,
  DEAD_LONG_AGO_MS,
  DEFAULT_WORKER_SORT,
  naturalSortKey,
  sortSign,
  type AttributeSortKey,
  type BuiltinSortKey,
  type KeyedRow,
  type SortDirection,
  type SortValue,
  type WorkerSort,
  type WorkerSortKey,
} from '../../../shared/model';

/** A pool state, or 'not-hashing': online workers PoolWatch judged not hashing (Worker.notHashingSince). */
export type StateFilter = 'all' | WorkerFilterState;
export { NOT_HASHING_FILTER };

export interface WorkerColumn {
  key: WorkerSortKey;
  title: string;
  /** Right-aligned figures. */
  numeric: boolean;
}

/** The table's columns: the built-in ones in the pool's words, then the pool's own attributes. */
export function workerColumns(terms: PoolTerms, attributes: readonly AttributeColumn[]): WorkerColumn[] {
  return [
    // "Name" stays put for every pool: the header names the list (Rentals, Users) already.
    { key: 'name', title: 'Name', numeric: false },
    { key: 'group', title: capitalize(terms.group.one), numeric: false },
    { key: 'state', title: 'State', numeric: false },
    { key: 'h10m', title: 'Hashrate 10m', numeric: true },
    { key: 'h1h', title: 'Hashrate 1h', numeric: true },
    { key: 'h24h', title: 'Hashrate 24h', numeric: true },
    { key: 'lastShare', title: 'Last share', numeric: true },
    ...attributes.map((column) => ({ key: attributeSortKey(column.label), title: column.title, numeric: column.numeric })),
  ];
}

/** The sort to apply: the chosen one while its column exists, else the default (another account's attribute). */
export function effectiveSort(sort: WorkerSort, columns: readonly WorkerColumn[]): WorkerSort {
  return sort.key === 'attention' || columns.some((column) => column.key === sort.key) ? sort : DEFAULT_WORKER_SORT;
}

const STATE_FILTERS: readonly string[] = ['all', ...WORKER_FILTER_STATES];

/** The table's filters and sort. */
export interface WorkerTableState {
  state: StateFilter;
  name: string;
  sort: WorkerSort;
}

/** What the address says of the table; anything it does not know (an old link, a typo) means the default. */
export function workerTableState(view: WorkersView | undefined): WorkerTableState {
  const state = view?.state !== undefined && STATE_FILTERS.includes(view.state) ? (view.state as StateFilter) : 'all';
  const key = view?.sort;
  const sort: WorkerSort =
    key !== undefined && isWorkerSortKey(key) ? { key, direction: view?.dir === 'desc' ? 'desc' : 'asc' } : DEFAULT_WORKER_SORT;
  return { state, name: view?.name ?? '', sort };
}

/** The address of a table state: only what differs from the defaults. */
export function workersViewFor(table: WorkerTableState): WorkersView {
  const isDefaultSort = table.sort.key === DEFAULT_WORKER_SORT.key && table.sort.direction === DEFAULT_WORKER_SORT.direction;
  return {
    ...(table.state === 'all' ? {} : { state: table.state }),
    ...(table.name === '' ? {} : { name: table.name }),
    ...(isDefaultSort ? {} : { sort: table.sort.key, dir: table.sort.direction }),
  };
}

/** A worker ready for the table: what filtering and sorting need is computed once per data change. */
export interface WorkerRow extends SortableWorker {
  /** Unique across accounts: account id + workerKey. */
  key: string;
  nameLower: string;
}

export interface AccountWorkers {
  accountId: string;
  workers: ReadonlyMap<string, Worker>;
}

/** naturalSortKey, remembered per text: see sortKeys. */
export function cachedNaturalSortKey(text: string): string {
  const known = sortKeys.get(text);
  if (known !== undefined) return known;
  const key = naturalSortKey(text);
  if (sortKeys.size >= MAX_SORT_KEYS) sortKeys.clear();
  sortKeys.set(text, key);
  return key;
}

// A poll brings new Worker objects under the same names: their sort keys are looked up, not built again with a
// regular expression (a second per 100,000 workers in the UI). Bounded: cleared when it holds this many.
const MAX_SORT_KEYS = 250_000;
const sortKeys = new Map<string, string>();

/**
 * The row of a worker. Not cached per worker: a WeakMap of 100,000 rows made every major garbage collection of the
 * page work through its entries one by one in its final pause (ephemerons; 6-14 ms of the 50-90 ms pauses); the
 * table keeps rows per chunk of its worker map instead (worker-row-order.ts), buildWorkerRows per worker.
 */
export function toRow(accountId: string, worker: Worker): WorkerRow {
  return {
    key: `${accountId}\u0000${workerKey(worker)}`,
    accountId,
    worker,
    nameLower: worker.name.toLowerCase(),
    nameSortKey: cachedNaturalSortKey(worker.name),
    groupSortKey: cachedNaturalSortKey(worker.group),
    lastShareMs: lastShareMsOf(worker.lastShareAt),
  };
}

/**
 * The row of a worker that replaces the one of `previous` (same account, group and name): only what a poll can
 * change is computed again, and nothing is cached (a WeakMap of 100,000 rows per poll slows every garbage collection).
 */
export function replacementRow(previous: WorkerRow, worker: Worker): WorkerRow {
  return {
    key: previous.key,
    accountId: previous.accountId,
    worker,
    nameLower: previous.nameLower,
    nameSortKey: previous.nameSortKey,
    groupSortKey: previous.groupSortKey,
    lastShareMs: worker.lastShareAt === previous.worker.lastShareAt ? previous.lastShareMs : lastShareMsOf(worker.lastShareAt),
  };
}

// The rows buildWorkerRows made, by Worker object, so a worker that did not change keeps its row from call to call.
// The Workers table does not build its rows here (see toRow), so this holds no entry per worker of a big account.
const builtRows = new WeakMap<Worker, WorkerRow>();

/** Every row of these lists in their order; a worker already seen keeps its row. */
export function buildWorkerRows(lists: readonly AccountWorkers[]): WorkerRow[] {
  const rows: WorkerRow[] = [];
  for (const { accountId, workers } of lists) {
    for (const worker of workers.values()) {
      const known = builtRows.get(worker);
      const row = known?.accountId === accountId ? known : toRow(accountId, worker);
      builtRows.set(worker, row);
      rows.push(row);
    }
  }
  return rows;
}

/** Click a column to sort by it ascending; click it again to reverse. */
export function toggleSort(current: WorkerSort, key: WorkerSortKey): WorkerSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/** A row's sort value, text attributes keyed through the table's memo. */
export function rowSortValue(row: WorkerRow, key: WorkerSortKey, nowMs: number): SortValue {
  return sortValue(row, key, nowMs, cachedNaturalSortKey);
}

/** Returns a sorted copy, in the order of compareKeyedRows (the order the workers export writes). */
export function sortWorkerRows(rows: readonly WorkerRow[], sort: WorkerSort, nowMs = Date.now()): WorkerRow[] {
  return sortWorkers(rows, sort, nowMs, cachedNaturalSortKey);
}

export interface WorkerFilter {
  state: StateFilter;
  /** Case-insensitive substring of the worker name; blank matches all. */
  name: string;
}

/** Filters sorted rows, keeping their order; returns the same array when nothing is filtered. */
export function filterWorkerRows(rows: readonly WorkerRow[], filter: WorkerFilter): readonly WorkerRow[] {
  const needle = filter.name.trim().toLowerCase();
  if (filter.state === 'all' && needle === '') return rows;
  return rows.filter((row) => matchesState(row.worker, filter.state) && (needle === '' || row.nameLower.includes(needle)));
}

function matchesState(worker: Worker, state: StateFilter): boolean {
  return state === 'all' || matchesWorkerState(worker, state);
}
