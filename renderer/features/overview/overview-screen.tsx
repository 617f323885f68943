import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { WORKER_STATES } from '../../../shared/model';
import { formatHashrate } from '../../../shared/units';
import { WORKER_STATE_TONES } from '../../components/tones';
import { useNow } from '../../components/use-now';
import { useAccountsStore } from '../../state/app-stores';
import { routeHref } from '../../state/route';
import { AccountCard } from './account-card';
import { fleetTotalUnitNote, totalHashrateHps, totalWorkerCounts } from './overview-totals';

const STALE_TEXT_REFRESH_MS = 10_000;

export function OverviewScreen() {
  const accounts = useAccountsStore(useShallow((state) => state.ids.flatMap((id) => state.byId[id] ?? [])));
  const paused = useAccountsStore((state) => state.paused);
  const stateLoaded = useAccountsStore((state) => state.stateLoaded);
  const now = useNow(STALE_TEXT_REFRESH_MS);
  const totalHashrate = useMemo(() => totalHashrateHps(accounts), [accounts]);
  const totals = useMemo(() => totalWorkerCounts(accounts), [accounts]);
  const unitNote = fleetTotalUnitNote(accounts);

  if (!stateLoaded) return <p className="muted">Loading accounts…</p>;
  if (accounts.length === 0) {
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
      <div className="account-cards">
        {accounts.map((account) => (
          <AccountCard key={account.id} account={account} nowMs={now} paused={paused} />
        ))}
      </div>
    </section>
  );
}
