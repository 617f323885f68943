import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UnreadableAccount } from '../../../shared/contract';
import { WORKER_STATES, type AccountSummary } from '../../../shared/model';
import { formatHashrate } from '../../../shared/units';
import { ErrorBoundary } from '../../components/error-boundary';
import { CardErrorPanel } from '../../components/render-error-panels';
import { WORKER_STATE_TONES } from '../../components/tones';
import { useNow } from '../../components/use-now';
import { useAccountsStore } from '../../state/app-stores';
import { routeHref } from '../../state/route';
import { useAppSettings } from '../../state/settings-store';
import { AccountCard } from './account-card';
import { MoneySummaryCard } from './money-summary-card';
import { fleetTotalUnitNote, totalHashrateHps, totalWorkerCounts } from './overview-totals';
import { UnreadableAccountCard } from './unreadable-account';

const STALE_TEXT_REFRESH_MS = 10_000;

export function OverviewScreen() {
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const ids = useAccountsStore((state) => state.ids);
  const byId = useAccountsStore((state) => state.byId);
  const unreadable = useAccountsStore((state) => state.unreadable);
  const paused = useAccountsStore((state) => state.paused);
  const stateLoaded = useAccountsStore((state) => state.stateLoaded);
  const now = useNow(STALE_TEXT_REFRESH_MS);
  const totalHashrate = useMemo(() => totalHashrateHps(accounts), [accounts]);
  const totals = useMemo(() => totalWorkerCounts(accounts), [accounts]);
  const unitNote = fleetTotalUnitNote(accounts, useAppSettings().units);

  if (!stateLoaded) return <p className="muted">Loading accounts…</p>;
  if (ids.length === 0) {
    return (
      <section className="empty-state">
        <a href={routeHref({ screen: 'accounts', adding: true })} data-testid="empty-add-account">
          No accounts yet — add one
        </a>
      </section>
    );
  }

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="screen-title">
        Overview
      </h1>
      <div className="totals card">
        <div className="total" title={unitNote ?? undefined}>
          <span className="total-label">Total hashrate{unitNote !== null && ' (SI units)'}</span>
          <span className="total-value" data-testid="total-hashrate">
            {formatHashrate(totalHashrate, 'si')}
          </span>
        </div>
        {WORKER_STATES.map((state) => (
          <div className="total" key={state}>
            <span className="total-label">Workers {state}</span>
            <span className={`total-value tone-text-${WORKER_STATE_TONES[state]}`} data-testid={`total-${state}`}>
              {totals[state]}
            </span>
          </div>
        ))}
      </div>
      <MoneySummaryCard accounts={accounts} nowMs={now} />
      <div className="account-cards">
        {ids.map((id) => (
          <ErrorBoundary key={id} fallback={(error, retry) => <CardErrorPanel label={labelOf(byId[id], unreadable[id], id)} error={error} retry={retry} />}>
            <OverviewCard summary={byId[id]} notice={unreadable[id]} nowMs={now} paused={paused} />
          </ErrorBoundary>
        ))}
      </div>
    </section>
  );
}

function labelOf(summary: AccountSummary | undefined, notice: UnreadableAccount | undefined, id: string): string {
  return summary?.label ?? notice?.label ?? id;
}

/** An account's card: its summary, with a notice when its latest data could not be read, or the notice alone. */
function OverviewCard({
  summary,
  notice,
  nowMs,
  paused,
}: {
  summary: AccountSummary | undefined;
  notice: UnreadableAccount | undefined;
  nowMs: number;
  paused: boolean;
}) {
  if (summary !== undefined) return <AccountCard account={summary} nowMs={nowMs} paused={paused} unreadable={notice ?? null} />;
  return notice === undefined ? null : <UnreadableAccountCard notice={notice} />;
}
