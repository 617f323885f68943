import type { AccountConfigView, EngineState, UnreadableAccount } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';

export interface AccountSummaries {
  byId: Readonly<Record<string, AccountSummary>>;
  /** Accounts whose latest data could not be read, and why; their last good summary (if any) stays in byId. */
  unreadable: Readonly<Record<string, UnreadableAccount>>;
  /** Ids of every account (readable or not) ordered by label, then id, so cards and selectors keep a stable order. */
  ids: readonly string[];
}

function byLabel(a: { label: string; id: string }, b: { label: string; id: string }): number {
  return a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function orderedIds(byId: AccountSummaries['byId'], unreadable: AccountSummaries['unreadable']): string[] {
  const named = new Map<string, { id: string; label: string }>();
  for (const notice of Object.values(unreadable)) named.set(notice.id, notice);
  for (const summary of Object.values(byId)) named.set(summary.id, summary);
  return [...named.values()].sort(byLabel).map((account) => account.id);
}

function withIds(current: AccountSummaries, byId: AccountSummaries['byId'], unreadable: AccountSummaries['unreadable']): AccountSummaries {
  const ids = orderedIds(byId, unreadable);
  // Keep the old ids array when the order did not change, so components selecting it do not re-render.
  return { byId, unreadable, ids: sameOrder(ids, current.ids) ? current.ids : ids };
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The engine's full state; an account that could not be read keeps the last good summary held for it. */
export function summariesFromState(current: AccountSummaries, state: EngineState): AccountSummaries {
  const byId: Record<string, AccountSummary> = {};
  const unreadable: Record<string, UnreadableAccount> = {};
  for (const summary of state.accounts) byId[summary.id] = summary;
  for (const notice of state.unreadable ?? []) {
    unreadable[notice.id] = notice;
    const lastGood = current.byId[notice.id];
    if (lastGood !== undefined && !(notice.id in byId)) byId[notice.id] = lastGood;
  }
  return withIds(current, byId, unreadable);
}

export function withSummary(current: AccountSummaries, summary: AccountSummary): AccountSummaries {
  const byId = { ...current.byId, [summary.id]: summary };
  if (!(summary.id in current.unreadable)) return withIds(current, byId, current.unreadable);
  const unreadable = { ...current.unreadable };
  delete unreadable[summary.id];
  return withIds(current, byId, unreadable);
}

/** Marks an account's latest data as unreadable; its last good summary, if any, stays. */
export function withUnreadable(current: AccountSummaries, notice: UnreadableAccount): AccountSummaries {
  return withIds(current, current.byId, { ...current.unreadable, [notice.id]: notice });
}

export function withoutSummary(current: AccountSummaries, id: string): AccountSummaries {
  if (!(id in current.byId) && !(id in current.unreadable)) return current;
  const byId = { ...current.byId };
  const unreadable = { ...current.unreadable };
  delete byId[id];
  delete unreadable[id];
  return { byId, unreadable, ids: current.ids.filter((known) => known !== id) };
}

export function sortConfigs(configs: readonly AccountConfigView[]): AccountConfigView[] {
  return [...configs].sort(byLabel);
}
