import type { AlertNotificationView, PoolWatchApi } from '../../shared/contract';
import type { ConnectionSource } from '../api/connection-state';
import { loadAlertLists, refreshAlertLists } from './alerts-loaders';
import type { AlertsStore } from './alerts-store';

export interface AlertSyncOptions {
  /** Shows a notification outside the page (the headless browser notification); absent in Electron. */
  notify?(notification: AlertNotificationView): void;
}

/**
 * Keeps the alerts slice in step with the engine: counts firing alerts on every (re)connect, follows
 * alerts:changed and alerts:notification. Must start before startSync starts the connection, so it
 * hears the first open. Returns the function that stops it.
 */
export function startAlertSync(api: PoolWatchApi, connection: ConnectionSource, alerts: AlertsStore, options: AlertSyncOptions = {}): () => void {
  const stops = [
    api.on('alerts:changed', ({ firing }) => {
      alerts.getState().setFiring(firing);
      refreshAlertLists(api, alerts);
      alerts.getState().bumpHistory();
    }),
    api.on('alerts:notification', (notification) => {
      alerts.getState().addNotification(notification);
      alerts.getState().bumpHistory();
      try {
        options.notify?.(notification);
      } catch (error) {
        // A browser that refuses to show it must not stop the in-app list.
        console.warn(error);
      }
    }),
    connection.onOpen(({ reconnected }) => {
      void loadAlertLists(api, alerts, { countFiring: true });
      // Changes while we were away sent no events: the history table reloads.
      if (reconnected) alerts.getState().bumpHistory();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
