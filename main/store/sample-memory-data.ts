import type { HistoryScope } from '../../shared/contract';
import { workerKey } from '../../shared/model';
import type { WorkerEntry } from './sample-recorder';
import type { RollupMarks, SampleSource, SampleTarget } from './sample-source';
import type { RollupLevel, RollupRow, SeriesRawRow } from './sample-types';
import { WorkerRing } from './worker-ring';

// The memory store's hashrate side: ids, raw rows and the pools' backfilled rollups, read through the same
// SampleSource as SQLite. Nothing is ever rolled up in memory (marks are -Infinity): queries derive every level
// from raw rows, and backfilled rows fill what raw rows do not cover, as above the marks in SQLite.

export interface MemoryLimits {
  /** Raw rows kept per worker (two days of keepalive rows, plus changes). */
  workerRows: number;
  seriesRows: number;
  workers: number;
  /** Backfilled rollup rows kept per target and level. */
  rollupRows: number;
  balanceRows: number;
  payoutsPerAccount: number;
  earningDays: number;
}

export const MEMORY_LIMITS: MemoryLimits = {
  workerRows: 128,
  seriesRows: 4_000,
  workers: 100_000,
  rollupRows: 2_400,
  balanceRows: 10_000,
  payoutsPerAccount: 5_000,
  earningDays: 20_000,
};

export interface MemorySeries {
  accountId: string;
  group: string | null;
  rows: SeriesRawRow[];
}

export interface MemoryWorker {
  accountId: string;
  group: string;
  name: string;
  ring: WorkerRing;
  /** First own sample: the pool's history for this worker is kept only before it. */
  firstOwnMs: number | null;
}

export interface MemoryAccount {
  label: string;
  seriesId: number;
  groups: Map<string, number>;
  workerIds: Map<string, number>;
  /** The recorder's cache: what was last kept per worker. */
  entries: Map<string, WorkerEntry>;
}

/** First index whose `at` is >= ms, in rows sorted by `at`. */
export function lowerBound(rows: ReadonlyArray<{ at: number }>, ms: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.at < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function between<T extends { at: number }>(rows: readonly T[], fromMs: number, toMs: number): T[] {
  return rows.slice(lowerBound(rows, fromMs), lowerBound(rows, toMs));
}

export class MemorySamples implements SampleSource {
  readonly accounts = new Map<string, MemoryAccount>();
  readonly series = new Map<number, MemorySeries>();
  readonly workers = new Map<number, MemoryWorker>();
  /** Backfilled rollup rows by `${kind}:${id}:${level}`, sorted by time. */
  readonly rollups = new Map<string, RollupRow[]>();
  private nextId = 1;

  constructor(readonly limits: MemoryLimits) {}

  account(key: string, label: string): MemoryAccount {
    let account = this.accounts.get(key);
    if (!account) {
      account = { label, seriesId: this.newSeries(key, null), groups: new Map(), workerIds: new Map(), entries: new Map() };
      this.accounts.set(key, account);
    }
    account.label = label;
    return account;
  }

  private newSeries(accountId: string, group: string | null): number {
    const id = this.nextId++;
    this.series.set(id, { accountId, group, rows: [] });
    return id;
  }

  seriesId(accountId: string, group: string | null): number {
    const account = this.account(accountId, this.accounts.get(accountId)?.label ?? accountId);
    if (group === null) return account.seriesId;
    let id = account.groups.get(group);
    if (id === undefined) {
      id = this.newSeries(accountId, group);
      account.groups.set(group, id);
    }
    return id;
  }

  /** The worker's id, created if there is room; null when the memory store holds its maximum of workers. */
  workerId(accountId: string, group: string, name: string): number | null {
    const account = this.account(accountId, this.accounts.get(accountId)?.label ?? accountId);
    const key = workerKey({ group, name });
    const known = account.workerIds.get(key);
    if (known !== undefined) return known;
    if (this.workers.size >= this.limits.workers) return null;
    this.seriesId(accountId, group);
    const id = this.nextId++;
    this.workers.set(id, { accountId, group, name, ring: new WorkerRing(this.limits.workerRows), firstOwnMs: null });
    account.workerIds.set(key, id);
    return id;
  }

  removeWorker(id: number): void {
    const worker = this.workers.get(id);
    if (!worker) return;
    this.workers.delete(id);
    this.rollups.delete(`worker:${id}:hour`);
    this.rollups.delete(`worker:${id}:day`);
    const account = this.accounts.get(worker.accountId);
    const key = workerKey(worker);
    account?.workerIds.delete(key);
    account?.entries.delete(key);
  }

  /** Inserts a pool row unless the bucket has one; returns whether it was added. */
  insertRollup(kind: SampleTarget['kind'], id: number, level: RollupLevel, row: RollupRow): boolean {
    const key = `${kind}:${id}:${level}`;
    const rows = this.rollups.get(key) ?? [];
    const at = lowerBound(rows, row.at);
    if (rows[at]?.at === row.at) return false;
    rows.splice(at, 0, row);
    if (rows.length > this.limits.rollupRows) rows.shift();
    this.rollups.set(key, rows);
    return true;
  }

  targets(scope: HistoryScope): SampleTarget[] {
    if (scope.accountId !== undefined && scope.group !== undefined) {
      const account = this.accounts.get(scope.accountId);
      if (scope.worker !== undefined) {
        const id = account?.workerIds.get(workerKey({ group: scope.group, name: scope.worker }));
        return id === undefined ? [] : [{ kind: 'worker', id, accountId: scope.accountId, group: scope.group, worker: scope.worker }];
      }
      const id = account?.groups.get(scope.group);
      return id === undefined ? [] : [{ kind: 'series', id, accountId: scope.accountId, group: scope.group }];
    }
    return [...this.accounts.entries()]
      .filter(([key]) => scope.accountId === undefined || key === scope.accountId)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, account]) => ({ kind: 'series' as const, id: account.seriesId, accountId: key, group: null }));
  }

  marks(): RollupMarks {
    return { hour: -Infinity, day: -Infinity };
  }

  seriesRaw(id: number, fromMs: number, toMs: number): SeriesRawRow[] {
    return between(this.series.get(id)?.rows ?? [], fromMs, toMs);
  }

  workerRaw(id: number, fromMs: number, toMs: number) {
    return this.workers.get(id)?.ring.range(fromMs, toMs) ?? [];
  }

  seriesRollups(id: number, level: RollupLevel, fromMs: number, toMs: number): RollupRow[] {
    return between(this.rollups.get(`series:${id}:${level}`) ?? [], fromMs, toMs);
  }

  workerRollups(id: number, level: RollupLevel, fromMs: number, toMs: number): RollupRow[] {
    return between(this.rollups.get(`worker:${id}:${level}`) ?? [], fromMs, toMs);
  }
}
