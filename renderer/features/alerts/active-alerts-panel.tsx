import { useMemo, useState } from 'react';
import { useAlertsStore } from '../../state/app-stores';
import { ActiveAlertRow } from './active-alert-row';
import { sortActiveAlerts } from './active-alerts';

/** Rows rendered before "Show all": a fleet-wide outage can open thousands of alerts at once. */
const FIRST_ROWS = 200;

export function ActiveAlertsPanel({ focusKey = null }: { focusKey?: string | null }) {
  const active = useAlertsStore((state) => state.active);
  const status = useAlertsStore((state) => state.activeStatus);
  const error = useAlertsStore((state) => state.activeError);
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(() => sortActiveAlerts(active), [active]);
  // The alert asked for is shown even when it is beyond the first rows.
  const focusBeyondFirst = focusKey !== null && sorted.findIndex((alert) => alert.key === focusKey) >= FIRST_ROWS;
  const shown = showAll || focusBeyondFirst ? sorted : sorted.slice(0, FIRST_ROWS);
  const firing = sorted.filter((alert) => alert.state === 'firing').length;

  return (
    <section className="card alerts-section" aria-labelledby="active-alerts-title">
      <h2 id="active-alerts-title">
        Active alerts{' '}
        <span className="muted heading-note" data-testid="active-alerts-count" data-active={sorted.length} data-firing={firing}>
          {sorted.length} active · {firing} firing
        </span>
      </h2>
      {error !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the active alerts: {error}
        </p>
      )}
      {status === 'loading' && <p className="muted">Loading alerts…</p>}
      {status === 'ready' && focusKey !== null && !sorted.some((alert) => alert.key === focusKey) && (
        <p className="muted" data-testid="focused-alert-gone">
          That alert is no longer active; its history is below.
        </p>
      )}
      {status === 'ready' && sorted.length === 0 && (
        <p className="muted" data-testid="no-active-alerts">
          No active alerts.
        </p>
      )}
      {shown.length > 0 && (
        <ul className="alert-list" aria-label="Active alerts">
          {shown.map((alert) => (
            <ActiveAlertRow key={alert.key} alert={alert} focused={alert.key === focusKey} />
          ))}
        </ul>
      )}
      {shown.length < sorted.length && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {sorted.length} alerts
        </button>
      )}
    </section>
  );
}
