import type { PoolWatchApi } from '../../shared/contract';
import { errorMessage } from '../api/error-message';
import type { AlertsStore } from './alerts-store';

/** Loads the active alerts; `countFiring` also sets the badge from them (on connect, before any alerts:changed). */
export async function loadActiveAlerts(api: PoolWatchApi, alerts: AlertsStore, options = { countFiring: false }): Promise<void> {
  const requestId = alerts.getState().beginActive();
  try {
    alerts.getState().finishActive(requestId, await api.alerts.active(), options);
  } catch (error) {
    alerts.getState().failActive(requestId, errorMessage(error));
  }
}

export async function loadSnoozes(api: PoolWatchApi, alerts: AlertsStore): Promise<void> {
  try {
    alerts.getState().replaceSnoozes(await api.alerts.snoozes());
  } catch (error) {
    alerts.getState().setSnoozesError(errorMessage(error));
  }
}

export async function loadAlertLists(api: PoolWatchApi, alerts: AlertsStore, options = { countFiring: false }): Promise<void> {
  await Promise.all([loadActiveAlerts(api, alerts, options), loadSnoozes(api, alerts)]);
}

/** Reloads the lists when a screen shows them; otherwise they load when one opens. */
export function refreshAlertLists(api: PoolWatchApi, alerts: AlertsStore): void {
  if (alerts.getState().watchers > 0) void loadAlertLists(api, alerts);
}
