import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UnreadableAccount } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';
import { ErrorBoundary } from '../../components/error-boundary';
import { CardErrorPanel } from '../../components/render-error-panels';
import { StateLegend } from '../../components/state-legend';
import { useNow } from '../../components/use-now';
import { useAccountsStore, useAlertsStore } from '../../state/app-stores';
import { routeHref } from '../../state/route';
import { useAppSettings } from '../../state/settings-store';
import { MoneySummaryCard } from './money-summary-card';
import { useAlertLists } from '../alerts/use-alert-lists';
import { accountBadge, attentionItems, failingCountText, sortAccountsByAttention, worstFiringByAccount, type AccountBadge } from './account-attention';
import { AccountCard } from './account-card';
import { fleetTotals } from './fleet-totals';
import { FleetTotalsPanel } from './fleet-totals-panel';
import { NeedsAttention } from './needs-attention';
import { fleetTotalUnitNote } from './overview-totals';
import { newDataMark } from './retired-counts';
import { UnreadableAccountCard } from './unreadable-account';
import { useRetiredCounts } from './use-retired-counts';

const STALE_TEXT_REFRESH_MS = 10_000;

export function OverviewScreen() {
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const ids = useAccountsStore((state) => state.ids);
  const byId = useAccountsStore((state) => state.byId);
  const unreadable = useAccountsStore((state) => state.unreadable);
  const paused = useAccountsStore((state) => state.paused);
  const stateLoaded = useAccountsStore((state) => state.stateLoaded);
  const now = useNow(STALE_TEXT_REFRESH_MS);
  useAlertLists();
  const alerts = useAlertsStore((state) => state.active);
  const alertsError = useAlertsStore((state) => state.activeError);
  const retired = useRetiredCounts(newDataMark(accounts));
  const totals = useMemo(() => fleetTotals(accounts), [accounts]);
  const unitNote = fleetTotalUnitNote(accounts, useAppSettings().units);
  const attention = useMemo(() => attentionItems(accounts, alerts), [accounts, alerts]);
  const badges = useMemo(() => {
    const worst = worstFiringByAccount(alerts);
    return new Map(accounts.map((account) => [account.id, accountBadge(account, worst.get(account.id))]));
  }, [accounts, alerts]);
  // Worst first; accounts whose summary could not be read at all (no summary) keep their place at the end.
  const orderedIds = useMemo(() => {
    const sorted = sortAccountsByAttention(accounts, alerts).map((account) => account.id);
    return [...sorted, ...ids.filter((id) => byId[id] === undefined)];
  }, [accounts, alerts, ids, byId]);

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
      <NeedsAttention items={attention} nowMs={now} alertsError={alertsError} />
      <FleetTotalsPanel totals={totals} unitNote={unitNote} failingText={failingCountText(accounts)} />
      <StateLegend />
      <MoneySummaryCard accounts={accounts} nowMs={now} />
      <div className="account-cards">
        {orderedIds.map((id) => (
          <ErrorBoundary key={id} fallback={(error, retry) => <CardErrorPanel label={labelOf(byId[id], unreadable[id], id)} error={error} retry={retry} />}>
            <OverviewCard summary={byId[id]} notice={unreadable[id]} nowMs={now} paused={paused} badge={badges.get(id)} retired={retired.get(id)} />
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
  badge,
  retired,
}: {
  summary: AccountSummary | undefined;
  notice: UnreadableAccount | undefined;
  nowMs: number;
  paused: boolean;
  badge: AccountBadge | undefined;
  retired: number | undefined;
}) {
  if (summary !== undefined) {
    return <AccountCard account={summary} nowMs={nowMs} paused={paused} unreadable={notice ?? null} retired={retired} {...(badge ? { badge } : {})} />;
  }
  return notice === undefined ? null : <UnreadableAccountCard notice={notice} />;
}
