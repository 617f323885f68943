import { workerKey, type Worker } from '../../../shared/model';
import { workersIn } from '../../state/worker-map';
import {
  compareKeyedRows,
  DEAD_LONG_AGO_MS,
  sortSign,
  sortValue,
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
  /** All rows sorted. Their sort values are not kept: taken again for the few comparisons an update makes. */
  sorted: readonly WorkerRow[];
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
  if (previous === undefined || !sameAccounts(previous.lists, lists)) return fullOrder(lists, sort, nowMs);
  const unchanged = previous.lists.every((list, index) => list.workers === lists[index]!.workers);
  if (!sameSort(previous.sort, sort) || nowMs >= previous.validUntilMs) {
    // Sorted again, from the rows already built when only the sort (or the time) changed.
    return fullOrder(lists, sort, nowMs, unchanged ? previous.rowsByList : undefined);
  }
  if (unchanged) return previous;
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

function fullOrder(lists: readonly AccountWorkers[], sort: WorkerSort, nowMs: number, built?: readonly (readonly WorkerRow[])[]): RowOrder {
  const rowsByList = built ?? lists.map(({ accountId, workers }) => workersIn(workers).map((worker) => toRow(accountId, worker)));
  const all = joined(rowsByList);
  const sign = sortSign(sort);
  const keyed = all.map((row) => ({ row, value: sortValue(row, sort.key, nowMs) }));
  keyed.sort((a, b) => compareKeyedRows(a, b, sign));
  return { sort, lists, rowsByList, all, sorted: keyed.map((entry) => entry.row), validUntilMs: validUntil(all, sort, nowMs, Number.POSITIVE_INFINITY) };
}

/**
 * One list's rows after its map changed. A delta replaces workers in place in the map's order and appends new
 * ones, so the previous rows line up with the new map until the first removal: compared by position, not looked up.
 */
function updatedRows(list: AccountWorkers, before: ReadonlyMap<string, Worker>, previousRows: readonly WorkerRow[], changes: Changes): WorkerRow[] {
  const workers = workersIn(list.workers);
  const rows = new Array<WorkerRow>(workers.length);
  let aligned = true;
  let rowOfWorker: Map<Worker, WorkerRow> | undefined;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    const old = aligned ? previousRows[index] : undefined;
    if (old !== undefined && old.worker === worker) {
      rows[index] = old;
      continue;
    }
    if (old !== undefined && old.worker.name === worker.name && old.worker.group === worker.group) {
      const row = replacementRow(old, worker);
      rows[index] = row;
      changes.added.push(row);
      changes.dropped.add(old);
      continue;
    }
    aligned = false;
    if (before.get(workerKey(worker)) === worker) {
      // Unchanged but out of line (after a removal): its previous row, found by worker.
      rowOfWorker ??= new Map(previousRows.map((row) => [row.worker, row]));
      rows[index] = rowOfWorker.get(worker) ?? toRow(list.accountId, worker);
    } else {
      const row = toRow(list.accountId, worker);
      rows[index] = row;
      changes.added.push(row);
    }
  }
  if (!aligned || workers.length !== previousRows.length) {
    // Rows no longer listed (removed, or replaced out of line): every previous row whose worker is not in the map.
    for (const old of previousRows) if (list.workers.get(workerKey(old.worker)) !== old.worker) changes.dropped.add(old);
  }
  return rows;
}

/**
 * The previous sorted rows without the dropped ones, each replaced in place where its value stayed, with the rows
 * whose value moved (and new ones) inserted where a binary search in the previous order puts them: one pass, one array.
 */
function mergeChanges(previous: RowOrder, changes: Changes, sort: WorkerSort, nowMs: number): { sorted: WorkerRow[]; validUntilMs: number } {
  const sign = sortSign(sort);
  // A dropped row's value now is the one it was sorted by: the order is valid until validUntilMs.
  const droppedValueByKey = new Map<string, SortValue>();
  for (const row of changes.dropped) droppedValueByKey.set(row.key, sortValue(row, sort.key, nowMs));
  const inPlaceByKey = new Map<string, WorkerRow>();
  const moved: KeyedRow[] = [];
  for (const row of changes.added) {
    const keyed = { row, value: sortValue(row, sort.key, nowMs) };
    const before = droppedValueByKey.get(row.key);
    // Same value, same name, group and key: the new row takes its predecessor's place.
    if (droppedValueByKey.has(row.key) && sameValue(before!, keyed.value)) inPlaceByKey.set(row.key, row);
    else moved.push(keyed);
  }
  moved.sort((a, b) => compareKeyedRows(a, b, sign));
  const old = previous.sorted;
  const sorted: WorkerRow[] = [];
  let from = 0;
  for (const keyed of moved) {
    const at = insertionIndex(old, keyed, from, sort, nowMs);
    for (; from < at; from += 1) keep(old[from]!, changes.dropped, inPlaceByKey, sorted);
    sorted.push(keyed.row);
  }
  for (; from < old.length; from += 1) keep(old[from]!, changes.dropped, inPlaceByKey, sorted);
  return { sorted, validUntilMs: validUntil(changes.added, sort, nowMs, previous.validUntilMs) };
}

function sameValue(a: SortValue, b: SortValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function keep(row: WorkerRow, dropped: ReadonlySet<WorkerRow>, inPlaceByKey: ReadonlyMap<string, WorkerRow>, into: WorkerRow[]): void {
  if (!dropped.has(row)) into.push(row);
  else {
    const replacement = inPlaceByKey.get(row.key);
    if (replacement !== undefined) into.push(replacement);
  }
}

/**
 * Where `keyed` goes in the sorted rows, searched from `from` on (the inserted rows come in order). A row's value now
 * is the one it was sorted by (the order is valid until validUntilMs), so it is taken again rather than stored.
 */
function insertionIndex(sorted: readonly WorkerRow[], keyed: KeyedRow, from: number, sort: WorkerSort, nowMs: number): number {
  const sign = sortSign(sort);
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = sorted[middle]!;
    if (compareKeyedRows({ row, value: sortValue(row, sort.key, nowMs) }, keyed, sign) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
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
