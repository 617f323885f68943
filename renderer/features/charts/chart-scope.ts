import type { HistoryScope } from '../../../shared/contract';
import type { AccountSummary, Worker } from '../../../shared/model';
import { unitSystemFor, type UnitPreference, type UnitSystem } from '../../../shared/units';
import { normalizeChartScope, type ChartScope } from '../../state/route';

/** The scope as the history contract takes it: absent rather than null. */
export function historyScope(scope: ChartScope): HistoryScope {
  const { accountId, group, worker } = normalizeChartScope(scope);
  return {
    ...(accountId === null ? {} : { accountId }),
    ...(group === null ? {} : { group }),
    ...(worker === null ? {} : { worker }),
  };
}

/** Binary units for a Stratumsphere account; SI for the fleet, which mixes pools. */
export function scopeUnitSystem(
  scope: ChartScope,
  accounts: readonly Pick<AccountSummary, 'id' | 'pool'>[],
  preference: UnitPreference = 'pool',
): UnitSystem {
  if (scope.accountId === null) return 'si';
  const account = accounts.find((candidate) => candidate.id === scope.accountId);
  return account === undefined ? 'si' : unitSystemFor(account.pool, preference);
}

/** A stable text for the scope, so effects can depend on it rather than on a new object each render. */
export function scopeKey(scope: ChartScope): string {
  return JSON.stringify([scope.accountId, scope.group, scope.worker]);
}

export interface WorkerSuggestion {
  name: string;
  group: string;
}

/** Up to `limit` workers of the account whose name contains the text, in the group when one is chosen. */
export function workerSuggestions(
  workers: Iterable<Pick<Worker, 'name' | 'group'>>,
  group: string | null,
  text: string,
  limit = 50,
): WorkerSuggestion[] {
  const needle = text.trim().toLowerCase();
  const found: WorkerSuggestion[] = [];
  for (const worker of workers) {
    if (group !== null && worker.group !== group) continue;
    if (needle !== '' && !worker.name.toLowerCase().includes(needle)) continue;
    found.push({ name: worker.name, group: worker.group });
  }
  found.sort((a, b) => a.name.localeCompare(b.name, 'en-US', { numeric: true }) || a.group.localeCompare(b.group));
  return found.slice(0, limit);
}

/**
 * The scope after typing a worker name: in the chosen group, or in the only group that has a worker by
 * that name; null while the name matches no worker unambiguously. An empty name clears the worker.
 */
export function scopeWithWorker(
  scope: ChartScope,
  name: string,
  workers: Iterable<Pick<Worker, 'name' | 'group'>>,
): ChartScope | null {
  const trimmed = name.trim();
  if (trimmed === '') return { ...scope, worker: null };
  if (scope.accountId === null) return null;
  const groups = new Set<string>();
  for (const worker of workers) {
    if (worker.name === trimmed && (scope.group === null || worker.group === scope.group)) groups.add(worker.group);
  }
  if (groups.size === 1) return { ...scope, group: [...groups][0] ?? null, worker: trimmed };
  // Not in the loaded list (a worker gone since): still allowed when the group is known, history may have it.
  if (groups.size === 0 && scope.group !== null) return { ...scope, worker: trimmed };
  return null;
}
