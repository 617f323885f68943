import { useAlertsStore } from '../../state/app-stores';

/** The count of firing alerts on the Alerts tab; nothing while none fires. */
export function AlertsBadge() {
  const firing = useAlertsStore((state) => state.firing);
  if (firing === 0) return null;
  return (
    <span className="badge tone-problem tab-badge" data-testid="alerts-badge" data-count={firing} aria-label={`${firing} firing`}>
      {firing}
    </span>
  );
}
