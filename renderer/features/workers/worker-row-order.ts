import type { Worker } from '../../../shared/model';
import { SLOTS_PER_CHUNK, WorkerMap } from '../../state/worker-map';
import {
  compareKeyedRows,
  DEAD_LONG_AGO_MS,
  rowSortValue,
  sortSign,
  replacementRow,
  toRow,
  type AccountWorkers,
  type KeyedRow,
  type SortValue,
  type WorkerRow,
  type WorkerSort,
} from './worker-rows';

/**
 * The table's rows and their sorted order, kept up to date change by change. A poll of 100,000 workers arrives in
 * parts; re-sorting every row at each part took ~100-200 ms of the page's only thread. Here a part costs the chunks
 * of the worker map it changed (see WorkerMap) and one pass over the sorted rows, plus sorting only the changed rows
 * whose sort value moved: a changed worker whose value did not change keeps its place. The result is the very order
 * a full sort gives (compareKeyedRows is a total order), which the unit tests check against sortWorkerRows.
 */
export interface RowOrder {
  sort: WorkerSort;
  lists: readonly ListOfWorkers[];
  /** Per list, its rows by slot of its WorkerMap, chunk for chunk (undefined for an empty slot). */
  rowChunksByList: readonly RowChunks[];
  /** How many rows. */
  total: number;
  /** All rows sorted. Their sort values are not kept: taken again for the few comparisons an update makes. */
  sorted: readonly WorkerRow[];
  /** The attention order moves a dead worker down a day after its last share: re-sort everything from then on. */
  validUntilMs: number;
}

type RowChunk = readonly (WorkerRow | undefined)[];
type RowChunks = readonly RowChunk[];

/**
 * The rows of each chunk of a worker map, by the chunk (a chunk never changes: a new version copies the ones it
 * changes), so an order built afresh (another selection of accounts, a new sort while workers changed) reuses the
 * rows of the chunks it already knows. A few dozen entries per 100,000 workers, not one per worker.
 */
const rowsByChunk = new WeakMap<readonly (Worker | undefined)[], { accountId: string; rows: RowChunk }>();

function rowsOfChunk(accountId: string, chunk: readonly (Worker | undefined)[]): RowChunk {
  const known = rowsByChunk.get(chunk);
  if (known?.accountId === accountId) return known.rows;
  return remember(accountId, chunk, chunk.map((worker) => (worker === undefined ? undefined : toRow(accountId, worker))));
}

function remember(accountId: string, chunk: readonly (Worker | undefined)[], rows: RowChunk): RowChunk {
  rowsByChunk.set(chunk, { accountId, rows });
  return rows;
}

interface ListOfWorkers {
  accountId: string;
  workers: WorkerMap;
  /** The map given, when it was not a WorkerMap. */
  source: ReadonlyMap<string, Worker>;
}

interface Changes {
  /** Rows of workers that are new or changed. */
  added: WorkerRow[];
  /** Per added row, the row it replaces (the same worker's previous row), or undefined for a new worker. */
  replaced: (WorkerRow | undefined)[];
  /** Rows gone without a successor in `added`. */
  gone: WorkerRow[];
}

/** Builds the order from scratch, or updates `previous` when only workers changed (same accounts, same sort). */
export function orderWorkerRows(previous: RowOrder | undefined, accountLists: readonly AccountWorkers[], sort: WorkerSort, nowMs = Date.now()): RowOrder {
  const lists = accountLists.map(({ accountId, workers }, index) => {
    const known = previous?.lists[index];
    // A plain map (tests, other callers) is taken as a new list each time.
    const map = workers instanceof WorkerMap ? workers : known?.accountId === accountId && known.source === workers ? known.workers : WorkerMap.from(workers.values());
    return { accountId, workers: map, source: workers };
  });
  if (previous === undefined || !sameAccounts(previous.lists, lists)) return fullOrder(lists, sort, nowMs);
  const unchanged = previous.lists.every((list, index) => list.workers === lists[index]!.workers);
  if (!sameSort(previous.sort, sort) || nowMs >= previous.validUntilMs) {
    // Sorted again, from the rows already built when only the sort (or the time) changed.
    return fullOrder(lists, sort, nowMs, unchanged ? previous.rowChunksByList : undefined);
  }
  if (unchanged) return previous;
  const changes: Changes = { added: [], replaced: [], gone: [] };
  const rowChunksByList = lists.map((list, index) => {
    const before = previous.lists[index]!.workers;
    const rows = previous.rowChunksByList[index]!;
    if (list.workers === before) return rows;
    return list.workers.sharesSlotsWith(before) ? updatedChunks(list, before, rows, changes) : rebuiltChunks(list, rows, changes);
  });
  const { sorted, validUntilMs } = mergeChanges(previous, changes, sort, nowMs);
  return { sort, lists, rowChunksByList, total: totalOf(lists), sorted, validUntilMs };
}

/** Every row of the order, list by list in their maps' order. */
export function rowsOf(order: RowOrder): WorkerRow[] {
  return order.rowChunksByList.flatMap((chunks) => chunks.flatMap((chunk) => chunk.filter((row) => row !== undefined)));
}

function totalOf(lists: readonly ListOfWorkers[]): number {
  return lists.reduce((total, list) => total + list.workers.size, 0);
}

function sameSort(a: WorkerSort, b: WorkerSort): boolean {
  return a.key === b.key && a.direction === b.direction;
}

function sameAccounts(a: readonly ListOfWorkers[], b: readonly ListOfWorkers[]): boolean {
  return a.length === b.length && a.every((list, index) => list.accountId === b[index]!.accountId);
}

function fullOrder(lists: readonly ListOfWorkers[], sort: WorkerSort, nowMs: number, built?: readonly RowChunks[]): RowOrder {
  const rowChunksByList =
    built ?? lists.map(({ accountId, workers }) => workers.chunks.map((chunk) => rowsOfChunk(accountId, chunk)));
  const sign = sortSign(sort);
  const keyed: KeyedRow<WorkerRow>[] = [];
  for (const chunks of rowChunksByList) {
    for (const chunk of chunks) for (const row of chunk) if (row !== undefined) keyed.push({ row, value: rowSortValue(row, sort.key, nowMs) });
  }
  const validUntilMs = validUntil(keyed, sort, nowMs, Number.POSITIVE_INFINITY);
  keyed.sort((a, b) => compareKeyedRows(a, b, sign));
  return { sort, lists, rowChunksByList, total: totalOf(lists), sorted: keyed.map((entry) => entry.row), validUntilMs };
}

/**
 * One list's rows after a delta: only the chunks of slots the delta rewrote are compared, slot by slot. A slot keeps
 * its key across versions, so a changed worker's row is built from its predecessor's.
 */
function updatedChunks(list: ListOfWorkers, before: WorkerMap, previousRows: RowChunks, changes: Changes): RowChunks {
  return list.workers.chunks.map((chunk, index) => {
    const beforeChunk = before.chunks[index];
    const rowsBefore = previousRows[index];
    if (chunk === beforeChunk && rowsBefore !== undefined) return rowsBefore;
    const rows = chunk.map((worker, slot) => {
      const old = rowsBefore?.[slot];
      if (old !== undefined && old.worker === worker) return old;
      if (worker === undefined) {
        if (old !== undefined) changes.gone.push(old);
        return undefined;
      }
      const row = old !== undefined ? replacementRow(old, worker) : toRow(list.accountId, worker);
      changes.added.push(row);
      changes.replaced.push(old);
      return row;
    });
    return remember(list.accountId, chunk, rows);
  });
}

/**
 * One list's rows when its map was made afresh (a new load, a worker back after removal): matched by key, so a
 * worker whose sort value is the same keeps its place (a reload of 100,000 workers is not sorted again).
 */
function rebuiltChunks(list: ListOfWorkers, previousRows: RowChunks, changes: Changes): RowChunks {
  const rowOfKey = new Map<string, WorkerRow>();
  for (const chunk of previousRows) for (const row of chunk) if (row !== undefined) rowOfKey.set(row.key, row);
  const rows = list.workers.chunks.map((chunk, chunkIndex) => {
    const chunkRows = chunk.map((worker, offset) => {
      if (worker === undefined) return undefined;
      const key = `${list.accountId}\u0000${list.workers.keyAt(chunkIndex * SLOTS_PER_CHUNK + offset)}`;
      const old = rowOfKey.get(key);
      if (old !== undefined) rowOfKey.delete(key);
      if (old?.worker === worker) return old;
      const row = old !== undefined ? replacementRow(old, worker) : toRow(list.accountId, worker);
      changes.added.push(row);
      changes.replaced.push(old);
      return row;
    });
    return remember(list.accountId, chunk, chunkRows);
  });
  for (const gone of rowOfKey.values()) changes.gone.push(gone);
  return rows;
}

/**
 * The previous sorted rows without the dropped ones, each replaced in place where its value stayed, with the rows
 * whose value moved (and new ones) inserted where a binary search in the previous order puts them: one pass, one
 * array. Bookkeeping per part is one Map keyed by row (a part's 5,000 rows), and the new order is a copy of the old
 * one written over, not an array grown row by row: at 100,000 rows the growing copies were most of what the page
 * allocated per part, garbage for the major collections that made its long tasks.
 */
function mergeChanges(previous: RowOrder, changes: Changes, sort: WorkerSort, nowMs: number): { sorted: WorkerRow[]; validUntilMs: number } {
  const sign = sortSign(sort);
  // A previous row's fate: its successor when that takes its place (the same value, name, group and key), else null.
  const fate = new Map<WorkerRow, WorkerRow | null>();
  for (const row of changes.gone) fate.set(row, null);
  const moved: KeyedRow<WorkerRow>[] = [];
  changes.added.forEach((row, index) => {
    const value = rowSortValue(row, sort.key, nowMs);
    const before = changes.replaced[index];
    // A replaced row's value now is the one it was sorted by: the order is valid until validUntilMs.
    const inPlace = before !== undefined && sameValue(rowSortValue(before, sort.key, nowMs), value);
    if (before !== undefined) fate.set(before, inPlace ? row : null);
    if (!inPlace) moved.push({ row, value });
  });
  moved.sort((a, b) => compareKeyedRows(a, b, sign));
  const old = previous.sorted;
  const sorted = old.slice();
  let length = 0;
  const put = (row: WorkerRow): void => {
    if (length < sorted.length) sorted[length] = row;
    else sorted.push(row);
    length += 1;
  };
  const keep = (row: WorkerRow): void => {
    const successor = fate.get(row);
    if (successor === undefined) put(row);
    else if (successor !== null) put(successor);
  };
  let from = 0;
  for (const keyed of moved) {
    const at = insertionIndex(old, keyed, from, sort, nowMs);
    for (; from < at; from += 1) keep(old[from]!);
    put(keyed.row);
  }
  for (; from < old.length; from += 1) keep(old[from]!);
  sorted.length = length;
  return { sorted, validUntilMs: validUntil(changes.added, sort, nowMs, previous.validUntilMs) };
}

function sameValue(a: SortValue, b: SortValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Where `keyed` goes in the sorted rows, searched from `from` on (the inserted rows come in order). A row's value now
 * is the one it was sorted by (the order is valid until validUntilMs), so it is taken again rather than stored.
 */
function insertionIndex(sorted: readonly WorkerRow[], keyed: KeyedRow<WorkerRow>, from: number, sort: WorkerSort, nowMs: number): number {
  const sign = sortSign(sort);
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = sorted[middle]!;
    if (compareKeyedRows({ row, value: rowSortValue(row, sort.key, nowMs) }, keyed, sign) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** When the first of these rows leaves the "recently dead" rank of the attention order (never for other sorts). */
function validUntil(rows: readonly (WorkerRow | KeyedRow<WorkerRow>)[], sort: WorkerSort, nowMs: number, until: number): number {
  if (sort.key !== 'attention') return until;
  let earliest = until;
  for (const item of rows) {
    const row = 'value' in item ? item.row : item;
    if (row.worker.state !== 'dead' || row.lastShareMs === null) continue;
    const leavesAt = row.lastShareMs + DEAD_LONG_AGO_MS;
    if (leavesAt > nowMs && leavesAt < earliest) earliest = leavesAt;
  }
  return earliest;
}
