import { routeHref } from '../../state/route';
import { ActiveAlertsPanel } from './active-alerts-panel';
import { AlertHistory } from './alert-history';
import { BrowserNotificationsControl } from './browser-notifications-control';
import { RecentNotifications } from './recent-notifications';
import { RetiredWorkersPanel } from './retired-workers-panel';
import { SnoozesPanel } from './snoozes-panel';
import { useAlertLists } from './use-alert-lists';

/** focusKey: an active alert to bring into view and mark (a click in the overview's "Needs attention"). */
export function AlertsScreen({ focusKey = null }: { focusKey?: string | null }) {
  useAlertLists();
  return (
    <section aria-labelledby="alerts-title" className="alerts-screen">
      <div className="screen-heading">
        <h1 id="alerts-title" className="screen-title">
          Alerts
        </h1>
        <div className="heading-tools">
          <BrowserNotificationsControl />
          <a href={routeHref({ screen: 'alerts', view: 'settings' })}>Rules and quiet hours</a>
          <a href={routeHref({ screen: 'alerts', view: 'channels' })}>Notification channels</a>
        </div>
      </div>
      <ActiveAlertsPanel focusKey={focusKey} />
      <div className="alerts-columns">
        <SnoozesPanel />
        <RecentNotifications />
      </div>
      <RetiredWorkersPanel />
      <AlertHistory />
    </section>
  );
}
