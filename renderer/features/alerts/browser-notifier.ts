import type { AlertNotificationView } from '../../../shared/contract';
import { routeHref } from '../../state/route';
import { planBrowserNotification, type BrowserPermission } from './notification-decision';

// The thin DOM side of browser notifications; what to show is decided in notification-decision.ts.

/** Ids remembered to drop repeats; older ones cannot come back once newer ones arrived. */
const SHOWN_IDS_KEPT = 200;

export function browserPermission(): BrowserPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

/** Asks the browser for permission (must run from a click); resolves to the permission now in force. */
export async function requestBrowserPermission(): Promise<BrowserPermission> {
  if (browserPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return browserPermission();
  }
}

/** Shows each engine notification as a browser notification while permission is granted (headless mode). */
export function createBrowserNotifier(): (notification: AlertNotificationView) => void {
  const shown = new Set<string>();
  return (notification) => {
    const plan = planBrowserNotification(notification, { transport: 'websocket', permission: browserPermission(), alreadyShown: shown });
    if (plan === null) return;
    shown.add(notification.id);
    if (shown.size > SHOWN_IDS_KEPT) shown.delete(shown.values().next().value ?? '');
    const shownNotification = new Notification(plan.title, plan.options);
    shownNotification.onclick = () => {
      window.focus();
      window.location.hash = routeHref({ screen: 'alerts', view: 'list' });
      shownNotification.close();
    };
  };
}
