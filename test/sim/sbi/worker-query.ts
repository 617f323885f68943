// Filtering, sorting and paging of workers. Orders are cached per data version and rate bucket,
// so paging through 30,000 workers does not re-sort on every request.
import type { Subaccount } from './subaccounts';
import { compareNames, defaultRates, displayedState, lastShareAt, rateBucket, type DisplayedState, type WorkerRecord, type WorkerState } from './workers';

export type WorkerSortField = 'name' | 'state' | 'lastShareTime' | 'hashrate';
export const WORKER_SORT_FIELDS: readonly WorkerSortField[] = ['name', 'state', 'lastShareTime', 'hashrate'];

export interface WorkerSelection {
  subaccounts: readonly Subaccount[];
  /** case-insensitive substring of the worker name */
  nameContains: string | null;
  /** matched against the displayed state, so a worker showing "" matches no filter */
  states: ReadonlySet<WorkerState> | null;
  sortField: WorkerSortField;
  ascending: boolean;
}

export interface WorkerSlice {
  rows: WorkerRecord[];
  total: number;
}

export interface WorkerQueries {
  select(selection: WorkerSelection, nowMs: number, offset: number, limit: number): WorkerSlice;
}

const CACHE_LIMIT = 16;
const STATE_ORDER: readonly DisplayedState[] = ['', 'DEAD', 'OFFLINE', 'ONLINE'];

export function createWorkerQueries(currentVersion: () => number): WorkerQueries {
  const cache = new Map<string, WorkerRecord[]>();

  const cached = (key: string, build: () => WorkerRecord[]): WorkerRecord[] => {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const built = build();
    cache.set(key, built);
    if (cache.size > CACHE_LIMIT) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return built;
  };

  const byName = (subaccounts: readonly Subaccount[]): WorkerRecord[] => {
    const only = subaccounts.length === 1 ? subaccounts[0] : undefined;
    if (only) return only.byName;
    const ids = subaccounts.map((subaccount) => subaccount.id).join(',');
    return cached(`name|${ids}|${currentVersion()}`, () =>
      subaccounts.flatMap((subaccount) => subaccount.byName).sort((a, b) => compareNames(a.name, b.name) || a.subaccountId - b.subaccountId),
    );
  };

  const sortedByValue = (subaccounts: readonly Subaccount[], field: 'lastShareTime' | 'hashrate', nowMs: number): WorkerRecord[] => {
    const ids = subaccounts.map((subaccount) => subaccount.id).join(',');
    // both values only change per rate bucket or on a data change
    return cached(`${field}|${ids}|${rateBucket(nowMs)}|${currentVersion()}`, () => {
      const value = field === 'hashrate' ? (worker: WorkerRecord) => defaultRates(worker, nowMs)[0] : (worker: WorkerRecord) => lastShareAt(worker, nowMs);
      const keyed = byName(subaccounts).map((worker, index) => ({ worker, index, value: value(worker) }));
      keyed.sort((a, b) => a.value - b.value || a.index - b.index);
      return keyed.map((entry) => entry.worker);
    });
  };

  const ordered = (selection: WorkerSelection, nowMs: number): WorkerRecord[] => {
    switch (selection.sortField) {
      case 'name':
        return byName(selection.subaccounts);
      case 'state': {
        // states move with the exact clock, so partition the name order each time (linear)
        const groups = new Map<DisplayedState, WorkerRecord[]>(STATE_ORDER.map((state) => [state, []]));
        for (const worker of byName(selection.subaccounts)) groups.get(displayedState(worker, nowMs))?.push(worker);
        return STATE_ORDER.flatMap((state) => groups.get(state) ?? []);
      }
      case 'lastShareTime':
      case 'hashrate':
        return sortedByValue(selection.subaccounts, selection.sortField, nowMs);
    }
  };

  return {
    select(selection, nowMs, offset, limit) {
      const list = ordered(selection, nowMs);
      const at = (position: number): WorkerRecord | undefined => list[selection.ascending ? position : list.length - 1 - position];
      const needle = selection.nameContains?.toLowerCase() ?? null;
      const states = selection.states;
      const rows: WorkerRecord[] = [];
      if (needle === null && states === null) {
        for (let position = offset; position < Math.min(list.length, offset + limit); position++) {
          const worker = at(position);
          if (worker) rows.push(worker);
        }
        return { rows, total: list.length };
      }
      let total = 0;
      for (let position = 0; position < list.length; position++) {
        const worker = at(position);
        if (!worker) continue;
        if (needle !== null && !worker.name.toLowerCase().includes(needle)) continue;
        if (states !== null) {
          const state = displayedState(worker, nowMs);
          if (state === '' || !states.has(state)) continue;
        }
        if (total >= offset && rows.length < limit) rows.push(worker);
        total += 1;
      }
      return { rows, total };
    },
  };
}
