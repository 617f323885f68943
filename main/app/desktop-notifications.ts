import type { NotificationSink } from '../alerts/alert-service';
import type { Notification } from '../alerts/notification-format';

/** A button on a desktop notification (shown where the platform supports notification actions). */
export interface NotificationButton {
  label: string;
  run(): void;
}

/** Shows one desktop notification; Electron's Notification in the app, a fake in tests. */
export interface NotifierPort {
  show(notification: { title: string; body: string; urgent: boolean; buttons: NotificationButton[]; onClick(): void }): void;
}

export interface NotificationActions {
  /** Silences the alerts behind a notification for an hour. */
  snoozeHour(alertKeys: readonly string[]): void;
  /** Opens the app on its alerts screen. */
  openAlerts(): void;
}

/** Turns the alert engine's notifications into desktop notifications with "Snooze 1 h" and "Open". */
export function desktopNotificationSink(port: NotifierPort, actions: NotificationActions): NotificationSink {
  return (notification: Notification) => {
    const buttons: NotificationButton[] = [];
    if (notification.actions.includes('snooze-1h') && notification.alertKeys.length > 0) {
      buttons.push({ label: 'Snooze 1 h', run: () => actions.snoozeHour(notification.alertKeys) });
    }
    if (notification.actions.includes('open')) buttons.push({ label: 'Open', run: () => actions.openAlerts() });
    port.show({
      title: notification.title,
      body: notification.body,
      urgent: notification.urgent,
      buttons,
      onClick: () => actions.openAlerts(),
    });
  };
}
