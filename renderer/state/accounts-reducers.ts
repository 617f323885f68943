import type { AccountConfigView, EngineState } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';

export interface AccountSummaries {
  byId: Readonly<Record<string, AccountSummary>>;
  /** Ids ordered by label, then id, so cards and selectors keep a stable order. */
  ids: readonly string[];
}

function byLabel(a: { label: string; id: string }, b: { label: string; id: string }): number {
  return a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function orderedIds(byId: Readonly<Record<string, AccountSummary>>): string[] {
  return Object.values(byId)
    .sort(byLabel)
    .map((summary) => summary.id);
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

export function summariesFromState(state: EngineState): AccountSummaries {
  const byId: Record<string, AccountSummary> = {};
  for (const summary of state.accounts) byId[summary.id] = summary;
  return { byId, ids: orderedIds(byId) };
}

export function withSummary(current: AccountSummaries, summary: AccountSummary): AccountSummaries {
  const byId = { ...current.byId, [summary.id]: summary };
  const ids = orderedIds(byId);
  // Keep the old ids array when the order did not change, so components selecting it do not re-render.
  return { byId, ids: sameOrder(ids, current.ids) ? current.ids : ids };
}

export function withoutSummary(current: AccountSummaries, id: string): AccountSummaries {
  if (!(id in current.byId)) return current;
  const byId = { ...current.byId };
  delete byId[id];
  return { byId, ids: current.ids.filter((known) => known !== id) };
}

export function sortConfigs(configs: readonly AccountConfigView[]): AccountConfigView[] {
  return [...configs].sort(byLabel);
}
