import type { AlertNotificationView } from '../../../shared/contract';
import { formatDateTime } from '../../components/format-amount';
import { useAlertsStore } from '../../state/app-stores';
import { ruleLabel, scopeText } from './active-alerts';
import { SeverityBadge } from './severity-badge';

/** The last notifications this page heard, whatever the browser lets it show. */
export function RecentNotifications() {
  const recent = useAlertsStore((state) => state.recent);
  return (
    <section className="card alerts-section" aria-labelledby="recent-notifications-title">
      <h2 id="recent-notifications-title">Recent notifications</h2>
      {recent.length === 0 ? (
        <p className="muted">None since this page opened.</p>
      ) : (
        <ul className="notification-list" aria-label="Recent notifications">
          {recent.map((notification) => (
            <RecentNotification key={notification.id} notification={notification} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentNotification({ notification }: { notification: AlertNotificationView }) {
  return (
    <li
      className="notification-item"
      data-testid="recent-notification"
      data-id={notification.id}
      data-kind={notification.kind}
      data-severity={notification.severity}
    >
      <p className="alert-row-title">
        <SeverityBadge severity={notification.severity} />
        <strong>{notification.title}</strong>
        <time className="muted" dateTime={notification.at}>
          {formatDateTime(notification.at)}
        </time>
      </p>
      {notification.body !== '' && <p className="notification-body">{notification.body}</p>}
      {notification.items.length > 1 && (
        // Grouped notifications name only the first few; every name is here.
        <details>
          <summary>{notification.items.length} alerts</summary>
          <ul className="notification-items">
            {notification.items.map((item, index) => (
              <li key={index}>
                {ruleLabel(item.ruleId)} · {scopeText(item.scope)} — {item.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
