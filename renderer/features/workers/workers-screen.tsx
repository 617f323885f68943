import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { StateLegend } from '../../components/state-legend';
import { STALE_MEANING } from '../../components/state-terms';
import { unreadableAccountText, unreadableWorkersText } from '../../components/unreadable-text';
import { useNow } from '../../components/use-now';
import { appStores, useAccountsStore } from '../../state/app-stores';
import { ensureWorkersLoaded, loadWorkers } from '../../state/loaders';
import type { WorkersView } from '../../state/route';
import { navigate, replaceRoute } from '../../state/use-route';
import type { WorkerListEntry } from '../../state/workers-reducers';
import { staleMarkerText } from '../overview/staleness';
import { capitalize, countText, termsFor, type Noun } from '../pool-terms';
import { useWorkerRows } from './use-worker-rows';
import { DEFAULT_WORKER_SORT, toggleSort, workersViewFor, workerTableState, type WorkerSort, type WorkerTableState } from './worker-rows';
import { WorkerTable } from './worker-table';
import { WorkersExport } from './workers-export';
import { WorkersToolbar } from './workers-toolbar';

const NO_IDS: readonly string[] = [];

export function WorkersScreen({ accountId, view }: { accountId: string | null; view?: WorkersView }) {
  const api = useApi();
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const allIds = useAccountsStore((state) => state.ids);
  const stateLoaded = useAccountsStore((state) => state.stateLoaded);
  const selectedIds = useMemo(() => (accountId === null ? allIds : allIds.includes(accountId) ? [accountId] : NO_IDS), [accountId, allIds]);

  // Filters and sort live in the address (replaced, not pushed), so Back from a worker's chart finds them again.
  const table = workerTableState(view);
  const { key: sortKey, direction: sortDirection } = table.sort;
  const sort = useMemo<WorkerSort>(() => ({ key: sortKey, direction: sortDirection }), [sortKey, sortDirection]);
  const nameFilter = useTypedName(table.name);
  const show = (next: Partial<WorkerTableState>, forAccount: string | null = accountId) =>
    replaceRoute({ screen: 'workers', accountId: forAccount, view: workersViewFor({ ...table, name: nameFilter.value, ...next }) });

  const selectedPool = accountId === null ? null : (accounts.find((account) => account.id === accountId)?.pool ?? null);
  const terms = termsFor(selectedPool);
  const rowsView = useWorkerRows(selectedIds, sort, { state: table.state, name: nameFilter.value }, { terms, withAttributes: accountId !== null });
  const title = capitalize(terms.worker.many);
  const filtered = table.state !== 'all' || nameFilter.value.trim() !== '';

  useEffect(() => {
    for (const id of selectedIds) ensureWorkersLoaded(api, appStores.workers, id);
  }, [api, selectedIds]);

  const selectedAccounts = accounts.filter((account) => selectedIds.includes(account.id));
  const unknownAccount = stateLoaded && accountId !== null && !allIds.includes(accountId);
  const clearFilters = () => {
    nameFilter.set('');
    show({ state: 'all', name: '' });
  };

  return (
    <section aria-labelledby="workers-title">
      <h1 id="workers-title" className="screen-title">
        {title}
      </h1>
      <WorkersToolbar
        accounts={accounts}
        accountId={accountId}
        onAccountChange={(id) => navigate({ screen: 'workers', accountId: id, view: workersViewFor({ ...table, name: nameFilter.value }) })}
        stateFilter={table.state}
        onStateFilterChange={(state) => show({ state })}
        nameFilter={nameFilter.value}
        onNameFilterChange={(name) => {
          nameFilter.set(name);
          show({ name });
        }}
      />
      {unknownAccount && <p className="banner tone-problem">There is no account with id “{accountId}”.</p>}
      <StateLegend />
      <StaleBanner accounts={selectedAccounts} />
      <UnreadableBanner ids={selectedIds} entries={rowsView.entries} accounts={selectedAccounts} noun={terms.worker} />
      <LoadProblems
        ids={selectedIds}
        entries={rowsView.entries}
        accounts={selectedAccounts}
        what={terms.worker.many}
        onRetry={(id) => void loadWorkers(api, appStores.workers, id)}
      />
      <div className="workers-summary">
        <p className="worker-count" data-testid="worker-count" data-shown={rowsView.rows.length} data-total={rowsView.total}>
          {rowsView.rows.length.toLocaleString('en-US')} of {countText(rowsView.total, terms.worker)}
          {rowsView.entries.some((entry) => entry?.status === 'loading') && <span className="muted"> · loading…</span>}
          {' · '}
          {sort.key === 'attention' ? (
            <span className="muted" data-testid="workers-order">
              worst first, most recent change first
            </span>
          ) : (
            <button type="button" className="link-button" data-testid="workers-order" onClick={() => show({ sort: DEFAULT_WORKER_SORT })}>
              Sort worst first
            </button>
          )}
        </p>
        <WorkersExport accountId={accountId} state={table.state} name={nameFilter.value} sort={rowsView.sort} shown={rowsView.rows.length} noun={terms.worker} />
      </div>
      {rowsView.rows.length === 0 && rowsView.total > 0 && filtered ? (
        <div className="empty-state" data-testid="workers-no-match" role="status">
          <p>No {terms.worker.many} match these filters.</p>
          <button type="button" onClick={clearFilters}>
            Clear filters
          </button>
        </div>
      ) : (
        <WorkerTable
          title={title}
          rows={rowsView.rows}
          columns={rowsView.columns}
          attributes={rowsView.attributes}
          sort={rowsView.sort}
          onSort={(key) => show({ sort: toggleSort(rowsView.sort, key) })}
          showAccount={accountId === null}
        />
      )}
    </section>
  );
}

/**
 * The name filter as typed, written to the address as it changes; the address wins only when it changed from
 * elsewhere (Back, a link), so a keystroke is never undone by the address catching up with an earlier one.
 */
function useTypedName(fromRoute: string): { value: string; set(name: string): void } {
  const [value, setValue] = useState(fromRoute);
  const written = useRef(fromRoute);
  useEffect(() => {
    if (fromRoute !== written.current) {
      written.current = fromRoute;
      setValue(fromRoute);
    }
  }, [fromRoute]);
  return {
    value,
    set(name: string) {
      written.current = name;
      setValue(name);
    },
  };
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
