import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { StateLegend } from '../../components/state-legend';
import { STALE_MEANING } from '../../components/state-terms';
import { unreadableAccountText, unreadableWorkersText } from '../../components/unreadable-text';
import { useNow } from '../../components/use-now';
import { appStores, useAccountsStore } from '../../state/app-stores';
import { ensureWorkersLoaded, loadWorkers } from '../../state/loaders';
import { navigate } from '../../state/use-route';
import type { WorkerListEntry } from '../../state/workers-reducers';
import { staleMarkerText } from '../overview/staleness';
import { capitalize, countText, termsFor, type Noun } from '../pool-terms';
import { useWorkerRows } from './use-worker-rows';
import { DEFAULT_WORKER_SORT, toggleSort, type StateFilter, type WorkerSort } from './worker-rows';
import { WorkerTable } from './worker-table';
import { WorkersToolbar } from './workers-toolbar';

const NO_IDS: readonly string[] = [];

export function WorkersScreen({ accountId }: { accountId: string | null }) {
  const api = useApi();
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const allIds = useAccountsStore((state) => state.ids);
  const stateLoaded = useAccountsStore((state) => state.stateLoaded);
  const selectedIds = useMemo(() => (accountId === null ? allIds : allIds.includes(accountId) ? [accountId] : NO_IDS), [accountId, allIds]);

  const [sort, setSort] = useState<WorkerSort>(DEFAULT_WORKER_SORT);
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [nameFilter, setNameFilter] = useState('');
  const selectedPool = accountId === null ? null : (accounts.find((account) => account.id === accountId)?.pool ?? null);
  const terms = termsFor(selectedPool);
  const view = useWorkerRows(selectedIds, sort, { state: stateFilter, name: nameFilter }, { terms, withAttributes: accountId !== null });
  const title = capitalize(terms.worker.many);

  useEffect(() => {
    for (const id of selectedIds) ensureWorkersLoaded(api, appStores.workers, id);
  }, [api, selectedIds]);

  const selectedAccounts = accounts.filter((account) => selectedIds.includes(account.id));
  const unknownAccount = stateLoaded && accountId !== null && !allIds.includes(accountId);

  return (
    <section aria-labelledby="workers-title">
      <h1 id="workers-title" className="screen-title">
        {title}
      </h1>
      <WorkersToolbar
        accounts={accounts}
        accountId={accountId}
        onAccountChange={(id) => navigate({ screen: 'workers', accountId: id })}
        stateFilter={stateFilter}
        onStateFilterChange={setStateFilter}
        nameFilter={nameFilter}
        onNameFilterChange={setNameFilter}
      />
      {unknownAccount && <p className="banner tone-problem">There is no account with id “{accountId}”.</p>}
      <StateLegend />
      <StaleBanner accounts={selectedAccounts} />
      <UnreadableBanner ids={selectedIds} entries={view.entries} accounts={selectedAccounts} noun={terms.worker} />
      <LoadProblems
        ids={selectedIds}
        entries={view.entries}
        accounts={selectedAccounts}
        what={terms.worker.many}
        onRetry={(id) => void loadWorkers(api, appStores.workers, id)}
      />
      <p className="worker-count" data-testid="worker-count" data-shown={view.rows.length} data-total={view.total}>
        {view.rows.length.toLocaleString('en-US')} of {countText(view.total, terms.worker)}
        {view.entries.some((entry) => entry?.status === 'loading') && <span className="muted"> · loading…</span>}
      </p>
      <WorkerTable
        title={title}
        rows={view.rows}
        columns={view.columns}
        attributes={view.attributes}
        sort={view.sort}
        onSort={(key) => setSort(toggleSort(view.sort, key))}
        showAccount={accountId === null}
      />
    </section>
  );
}

function StaleBanner({ accounts }: { accounts: readonly AccountSummary[] }) {
  const nowMs = useNow(10_000);
  const stale = accounts.filter((account) => account.stale);
  if (stale.length === 0) return null;
  return (
    <div className="banner tone-warning" data-testid="workers-stale-banner" role="status" title={STALE_MEANING}>
      {stale.map((account) => (
        <p key={account.id}>
          Worker states for “{account.label}” are from the last good poll ({staleMarkerText(account.lastGoodAt, nowMs)}).
        </p>
      ))}
    </div>
  );
}

/** Accounts whose summary, or some of whose workers, could not be read: named, with what was wrong. */
function UnreadableBanner({
  ids,
  entries,
  accounts,
  noun,
}: {
  ids: readonly string[];
  entries: readonly (WorkerListEntry | undefined)[];
  accounts: readonly AccountSummary[];
  noun: Noun;
}) {
  const notices = useAccountsStore((state) => state.unreadable);
  const lines = ids.flatMap((id, index) => {
    const label = accounts.find((account) => account.id === id)?.label ?? notices[id]?.label ?? id;
    const notice = notices[id];
    const workers = entries[index]?.unreadable;
    return [
      ...(notice === undefined ? [] : [{ key: `${id}:account`, text: unreadableAccountText(notice) }]),
      ...(workers === undefined || workers === null ? [] : [{ key: `${id}:workers`, text: unreadableWorkersText(label, workers, noun) }]),
    ];
  });
  if (lines.length === 0) return null;
  return (
    <div className="banner tone-problem" role="alert" data-testid="workers-unreadable">
      {lines.map((line) => (
        <p key={line.key}>{line.text}</p>
      ))}
    </div>
  );
}

function LoadProblems({
  ids,
  entries,
  accounts,
  what,
  onRetry,
}: {
  ids: readonly string[];
  entries: readonly (WorkerListEntry | undefined)[];
  accounts: readonly AccountSummary[];
  /** "workers", "rentals", "users". */
  what: string;
  onRetry(accountId: string): void;
}) {
  const failed = ids.flatMap((id, index) => {
    const entry = entries[index];
    return entry?.status === 'error' ? [{ id, message: entry.error ?? `Could not load ${what}.` }] : [];
  });
  if (failed.length === 0) return null;
  return (
    <div className="banner tone-problem" role="alert">
      {failed.map(({ id, message }) => (
        <p key={id}>
          Could not load {what} for “{accounts.find((account) => account.id === id)?.label ?? id}”: {message}{' '}
          <button type="button" onClick={() => onRetry(id)}>
            Retry
          </button>
        </p>
      ))}
    </div>
  );
}
