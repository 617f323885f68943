import { workerKey, type Worker } from '../../../shared/model';
import {
  compareKeyedRows,
  DEAD_LONG_AGO_MS,
  sortSign,
  sortValue,
  toRow,
  type AccountWorkers,
  type KeyedRow,
  type SortValue,
  type WorkerRow,
  type WorkerSort,
} from './worker-rows';

/**
 * The table's rows and their sorted order, kept up to date change by change. A poll of 100,000 workers arrives in
 * parts; re-sorting every row at each part took ~100-200 ms of the page's only thread. Here a change costs a pass
 * over the rows with pointer comparisons, plus sorting only the changed rows whose sort value moved: a changed
 * worker whose value did not change keeps its place. The result is the very order a full sort gives
 * (compareKeyedRows is a total order), which the unit tests check against sortWorkerRows on random data.
 */
export interface RowOrder {
  sort: WorkerSort;
  lists: readonly AccountWorkers[];
  /** Per list, its rows in the map's order. */
  rowsByList: readonly (readonly WorkerRow[])[];
  /** All rows, in the lists' order. */
  all: readonly WorkerRow[];
  /** All rows sorted, each with the value it sorts by (taken at a time before validUntilMs). */
  sorted: readonly KeyedRow[];
  /** The attention order moves a dead worker down a day after its last share: re-sort everything from then on. */
  validUntilMs: number;
}

interface Changes {
  /** Rows of workers that are new or changed. */
  added: WorkerRow[];
  /** The rows these replace or that are gone. */
  dropped: Set<WorkerRow>;
}

/** Builds the order from scratch, or updates `previous` when only workers changed (same accounts, same sort). */
export function orderWorkerRows(previous: RowOrder | undefined, lists: readonly AccountWorkers[], sort: WorkerSort, nowMs = Date.now()): RowOrder {
  if (previous === undefined || !sameSort(previous.sort, sort) || !sameAccounts(previous.lists, lists) || nowMs >= previous.validUntilMs) {
    return fullOrder(lists, sort, nowMs);
  }
  if (previous.lists.every((list, index) => list.workers === lists[index]!.workers)) return previous;
  const changes: Changes = { added: [], dropped: new Set() };
  const rowsByList = lists.map((list, index) =>
    list.workers === previous.lists[index]!.workers ? previous.rowsByList[index]! : updatedRows(list, previous.lists[index]!.workers, previous.rowsByList[index]!, changes),
  );
  const { sorted, validUntilMs } = mergeChanges(previous, changes, sort, nowMs);
  return { sort, lists, rowsByList, all: joined(rowsByList), sorted, validUntilMs };
}

/** All rows in one array (Array.prototype.flat is slow at 100,000 rows; one list is used as it is). */
function joined(rowsByList: readonly (readonly WorkerRow[])[]): readonly WorkerRow[] {
  return rowsByList.length === 1 ? rowsByList[0]! : ([] as WorkerRow[]).concat(...rowsByList);
}

function sameSort(a: WorkerSort, b: WorkerSort): boolean {
  return a.key === b.key && a.direction === b.direction;
}

function sameAccounts(a: readonly AccountWorkers[], b: readonly AccountWorkers[]): boolean {
  return a.length === b.length && a.every((list, index) => list.accountId === b[index]!.accountId);
}

function fullOrder(lists: readonly AccountWorkers[], sort: WorkerSort, nowMs: number): RowOrder {
  const rowsByList = lists.map(({ accountId, workers }) => Array.from(workers.values(), (worker) => toRow(accountId, worker)));
  const all = joined(rowsByList);
  const sign = sortSign(sort);
  const sorted = all.map((row) => ({ row, value: sortValue(row, sort.key, nowMs) }));
  sorted.sort((a, b) => compareKeyedRows(a, b, sign));
  return { sort, lists, rowsByList, all, sorted, validUntilMs: validUntil(all, sort, nowMs, Number.POSITIVE_INFINITY) };
}

/**
 * One list's rows after its map changed. A delta replaces workers in place in the map's order and appends new
 * ones, so the previous rows line up with the new map until the first removal: compared by position, not looked up.
 */
function updatedRows(list: AccountWorkers, before: ReadonlyMap<string, Worker>, previousRows: readonly WorkerRow[], changes: Changes): WorkerRow[] {
  const rows: WorkerRow[] = new Array<WorkerRow>(list.workers.size);
  let index = 0;
  let aligned = true;
  for (const worker of list.workers.values()) {
    const old = aligned ? previousRows[index] : undefined;
    if (old !== undefined && old.worker === worker) {
      rows[index] = old;
    } else {
      if (aligned && old !== undefined && workerKey(old.worker) !== workerKey(worker)) aligned = false;
      const replaced = old !== undefined && aligned ? old : undefined;
      const row = toRow(list.accountId, worker);
      rows[index] = row;
      if (replaced !== undefined) {
        changes.added.push(row);
        changes.dropped.add(replaced);
      } else if (before.get(workerKey(worker)) !== worker) {
        changes.added.push(row);
      }
    }
    index += 1;
  }
  if (!aligned || index !== previousRows.length) {
    // Rows no longer listed (removed, or replaced out of line): every previous row whose worker is not in the map.
    for (const old of previousRows) if (list.workers.get(workerKey(old.worker)) !== old.worker) changes.dropped.add(old);
  }
  return rows;
}

function sameValue(a: SortValue, b: SortValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * The previous sorted rows without the dropped ones, each replaced in place where its value stayed, then the rows
 * whose value moved (and new ones), sorted among themselves, inserted where a binary search puts them.
 */
function mergeChanges(previous: RowOrder, changes: Changes, sort: WorkerSort, nowMs: number): { sorted: KeyedRow[]; validUntilMs: number } {
  const sign = sortSign(sort);
  const replacementByKey = new Map<string, KeyedRow>();
  for (const row of changes.added) replacementByKey.set(row.key, { row, value: sortValue(row, sort.key, nowMs) });
  const kept: KeyedRow[] = [];
  for (const keyed of previous.sorted) {
    if (!changes.dropped.has(keyed.row)) {
      kept.push(keyed);
      continue;
    }
    const replacement = replacementByKey.get(keyed.row.key);
    // Same value, same name, group and key: the new row takes its predecessor's place.
    if (replacement !== undefined && sameValue(replacement.value, keyed.value)) {
      kept.push(replacement);
      replacementByKey.delete(keyed.row.key);
    }
  }
  const moved = [...replacementByKey.values()].sort((a, b) => compareKeyedRows(a, b, sign));
  return { sorted: insertSorted(kept, moved, sign), validUntilMs: validUntil(changes.added, sort, nowMs, previous.validUntilMs) };
}

/** Merges a few sorted rows into many: a binary search per inserted row, not a comparison per kept row. */
function insertSorted(kept: KeyedRow[], moved: readonly KeyedRow[], sign: 1 | -1): KeyedRow[] {
  if (moved.length === 0) return kept;
  const sorted: KeyedRow[] = [];
  let from = 0;
  for (const keyed of moved) {
    let low = from;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeyedRows(kept[middle]!, keyed, sign) < 0) low = middle + 1;
      else high = middle;
    }
    for (let index = from; index < low; index += 1) sorted.push(kept[index]!);
    sorted.push(keyed);
    from = low;
  }
  for (let index = from; index < kept.length; index += 1) sorted.push(kept[index]!);
  return sorted;
}

/** When the first of these rows leaves the "recently dead" rank of the attention order (never for other sorts). */
function validUntil(rows: readonly WorkerRow[], sort: WorkerSort, nowMs: number, until: number): number {
  if (sort.key !== 'attention') return until;
  let earliest = until;
  for (const row of rows) {
    if (row.worker.state !== 'dead' || row.lastShareMs === null) continue;
    const leavesAt = row.lastShareMs + DEAD_LONG_AGO_MS;
    if (leavesAt > nowMs && leavesAt < earliest) earliest = leavesAt;
  }
  return earliest;
}
