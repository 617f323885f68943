import { matchesWorkerState, NOT_HASHING_FILTER, WORKER_FILTER_STATES, WORKER_STATES, workerKey, type Worker, type WorkerFilterState, type WorkerState } from '../../../shared/model';
import { attributeNumber, type AttributeColumn, type AttributeValue } from '../../components/attributes';
import type { WorkersView } from '../../state/route';
import { capitalize, type PoolTerms } from '../pool-terms';

/** 'attention' is no column: worst first, most recent change first (the default order). */
export type BuiltinSortKey = 'attention' | 'name' | 'group' | 'state' | 'h10m' | 'h1h' | 'h24h' | 'lastShare';
/** Attribute columns sort under `attr:<label>`, so a label can never clash with a built-in key. */
export type AttributeSortKey = `attr:${string}`;
export type WorkerSortKey = BuiltinSortKey | AttributeSortKey;
export type SortDirection = 'asc' | 'desc';
export interface WorkerSort {
  key: WorkerSortKey;
  direction: SortDirection;
}
/** A pool state, or 'not-hashing': online workers PoolWatch judged not hashing (Worker.notHashingSince). */
export type StateFilter = 'all' | WorkerFilterState;
export { NOT_HASHING_FILTER };

export interface WorkerColumn {
  key: WorkerSortKey;
  title: string;
  /** Right-aligned figures. */
  numeric: boolean;
}

export function attributeSortKey(label: string): AttributeSortKey {
  return `attr:${label}`;
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

export const DEFAULT_WORKER_SORT: WorkerSort = { key: 'attention', direction: 'asc' };

const BUILTIN_SORT_KEYS: readonly string[] = ['attention', 'name', 'group', 'state', 'h10m', 'h1h', 'h24h', 'lastShare'] satisfies BuiltinSortKey[];
const STATE_FILTERS: readonly string[] = ['all', ...WORKER_FILTER_STATES];

/** The table's filters and sort. */
export interface WorkerTableState {
  state: StateFilter;
  name: string;
  sort: WorkerSort;
}

function isSortKey(key: string): key is WorkerSortKey {
  return BUILTIN_SORT_KEYS.includes(key) || (key.startsWith('attr:') && key.length > 'attr:'.length);
}

/** What the address says of the table; anything it does not know (an old link, a typo) means the default. */
export function workerTableState(view: WorkersView | undefined): WorkerTableState {
  const state = view?.state !== undefined && STATE_FILTERS.includes(view.state) ? (view.state as StateFilter) : 'all';
  const key = view?.sort;
  const sort: WorkerSort =
    key !== undefined && isSortKey(key) ? { key, direction: view?.dir === 'desc' ? 'desc' : 'asc' } : DEFAULT_WORKER_SORT;
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

/** A dead worker whose last share is older than this died long ago: no longer news, it goes last. */
export const DEAD_LONG_AGO_MS = 24 * 60 * 60_000;
/** Ranks are this far apart, more than any time in ms since 1970, so recency orders only within a rank. */
const RANK_SPAN = 1e14;

/**
 * Worst first: offline, online but not hashing, and recently dead (0); state unknown (1); healthy (2); dead long ago (3).
 * Within a problem rank the most recent change (the newest last share) comes first; healthy ones stay by name.
 */
function attentionValue(row: WorkerRow, nowMs: number): number {
  const { state, hashrate, notHashingSince } = row.worker;
  const recentDeath = state === 'dead' && row.lastShareMs !== null && nowMs - row.lastShareMs < DEAD_LONG_AGO_MS;
  const idle = state === 'online' && (hashrate.h10m === 0 || notHashingSince !== undefined);
  const rank = state === 'offline' || recentDeath || idle ? 0 : state === 'unknown' ? 1 : state === 'online' ? 2 : 3;
  return rank === 2 ? rank * RANK_SPAN : rank * RANK_SPAN - (row.lastShareMs ?? 0);
}

/** A worker ready for the table: what filtering and sorting need is computed once per data change. */
export interface WorkerRow {
  /** Unique across accounts: account id + workerKey. */
  key: string;
  accountId: string;
  worker: Worker;
  nameLower: string;
  nameSortKey: string;
  groupSortKey: string;
  lastShareMs: number | null;
}

export interface AccountWorkers {
  accountId: string;
  workers: ReadonlyMap<string, Worker>;
}

/**
 * A key whose plain string order is a case-insensitive natural order: digit runs are zero-padded, so
 * rig-2 sorts before rig-10. Ten times faster than Intl.Collator over 30,000 rows.
 */
export function naturalSortKey(text: string): string {
  const known = sortKeys.get(text);
  if (known !== undefined) return known;
  const key = text.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0'));
  if (sortKeys.size >= MAX_SORT_KEYS) sortKeys.clear();
  sortKeys.set(text, key);
  return key;
}

// A poll brings new Worker objects under the same names: their sort keys are looked up, not built again with a
// regular expression (a second per 100,000 workers in the UI). Bounded: cleared when it holds this many.
const MAX_SORT_KEYS = 250_000;
const sortKeys = new Map<string, string>();

// Rows are cached by Worker object: a delta replaces only the workers that changed, so rebuilding
// the table after a delta reuses the other rows instead of re-parsing 30,000 dates and names.
const rowCache = new WeakMap<Worker, WorkerRow>();

/** The row of a worker: cached per Worker object, so unchanged workers keep their row. */
export function toRow(accountId: string, worker: Worker): WorkerRow {
  const cached = rowCache.get(worker);
  if (cached !== undefined && cached.accountId === accountId) return cached;
  const row: WorkerRow = {
    key: `${accountId}\u0000${workerKey(worker)}`,
    accountId,
    worker,
    nameLower: worker.name.toLowerCase(),
    nameSortKey: naturalSortKey(worker.name),
    groupSortKey: naturalSortKey(worker.group),
    lastShareMs: lastShareMsOf(worker.lastShareAt),
  };
  rowCache.set(worker, row);
  return row;
}

function lastShareMsOf(lastShareAt: string | null): number | null {
  const ms = lastShareAt === null ? Number.NaN : Date.parse(lastShareAt);
  return Number.isNaN(ms) ? null : ms;
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

export function buildWorkerRows(lists: readonly AccountWorkers[]): WorkerRow[] {
  const rows: WorkerRow[] = [];
  for (const { accountId, workers } of lists) {
    for (const worker of workers.values()) rows.push(toRow(accountId, worker));
  }
  return rows;
}

/** Click a column to sort by it ascending; click it again to reverse. */
export function toggleSort(current: WorkerSort, key: WorkerSortKey): WorkerSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

const stateRank: Record<WorkerState, number> = Object.fromEntries(WORKER_STATES.map((state, index) => [state, index])) as Record<
  WorkerState,
  number
>;

/** What a row sorts by: one type per built-in key; attribute columns may mix types. */
export type SortValue = string | number | boolean | null;

/**
 * An attribute's sort value: numbers (also numeric text such as "2") by value, yes/no as booleans,
 * other text naturally; an empty or missing value is null, so it goes last like a missing hashrate.
 */
export function attributeSortValue(value: AttributeValue | undefined): SortValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  return attributeNumber(value) ?? naturalSortKey(String(value));
}

export function sortValue(row: WorkerRow, key: WorkerSortKey, nowMs: number): SortValue {
  switch (key) {
    case 'attention':
      return attentionValue(row, nowMs);
    case 'name':
      return row.nameSortKey;
    case 'group':
      return row.groupSortKey;
    case 'state':
      return stateRank[row.worker.state];
    case 'h10m':
      return row.worker.hashrate.h10m;
    case 'h1h':
      return row.worker.hashrate.h1h;
    case 'h24h':
      return row.worker.hashrate.h24h;
    case 'lastShare':
      return row.lastShareMs;
    default:
      return attributeSortValue(row.worker.attributes?.[key.slice('attr:'.length)]);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a column mixes types, numbers come first, then yes/no, then text. */
function typeRank(value: string | number | boolean): number {
  return typeof value === 'number' ? 0 : typeof value === 'boolean' ? 1 : 2;
}

/** Orders two present sort values: by value within a type, by typeRank across types. */
export function compareSortValues(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  return typeRank(a) - typeRank(b);
}

function tieBreak(a: WorkerRow, b: WorkerRow): number {
  return (
    compareStrings(a.nameSortKey, b.nameSortKey) ||
    compareStrings(a.groupSortKey, b.groupSortKey) ||
    compareStrings(a.key, b.key)
  );
}

/** A row with the value it sorts by, taken once per sort (30,000 rows make ~450,000 comparisons). */
export interface KeyedRow {
  row: WorkerRow;
  value: SortValue;
}

/**
 * The table's order, a total one (the row key breaks the last tie): missing values (no hashrate, no last share)
 * go last in both directions; equal values fall back to name, then group, so the order is stable between updates.
 */
export function compareKeyedRows(a: KeyedRow, b: KeyedRow, sign: 1 | -1): number {
  if (a.value === null || b.value === null) {
    if (a.value === b.value) return tieBreak(a.row, b.row);
    return a.value === null ? 1 : -1;
  }
  return sign * compareSortValues(a.value, b.value) || tieBreak(a.row, b.row);
}

export function sortSign(sort: WorkerSort): 1 | -1 {
  return sort.direction === 'asc' ? 1 : -1;
}

/** Returns a sorted copy, in the order of compareKeyedRows. */
export function sortWorkerRows(rows: readonly WorkerRow[], sort: WorkerSort, nowMs = Date.now()): WorkerRow[] {
  const sign = sortSign(sort);
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key, nowMs) }));
  keyed.sort((a, b) => compareKeyedRows(a, b, sign));
  return keyed.map((entry) => entry.row);
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
