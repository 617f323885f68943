import type { AlertNotificationView } from '../../shared/contract';

/** Notifications the Alerts screen lists, newest first. */
export const RECENT_NOTIFICATIONS_MAX = 20;

/** Keeps the last `max` notifications, newest first, each id once. */
export function withRecentNotification(
  recent: readonly AlertNotificationView[],
  notification: AlertNotificationView,
  max = RECENT_NOTIFICATIONS_MAX,
): AlertNotificationView[] {
  return [notification, ...recent.filter((known) => known.id !== notification.id)].slice(0, max);
}

export function countFiring(alerts: readonly { state: string }[]): number {
  return alerts.reduce((count, alert) => count + (alert.state === 'firing' ? 1 : 0), 0);
}
