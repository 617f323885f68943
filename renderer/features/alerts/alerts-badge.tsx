import { useAlertsStore } from '../../state/app-stores';

/** The count of firing alerts on the Alerts tab (and on the Menu button of a narrow window); nothing while none fires. */
export function AlertsBadge({ testId = 'alerts-badge' }: { testId?: string }) {
  const firing = useAlertsStore((state) => state.firing);
  if (firing === 0) return null;
  return (
    <span className="badge tone-problem tab-badge" data-testid={testId} data-count={firing} aria-label={`${firing} firing`}>
      {firing}
    </span>
  );
}
