import { useStore } from 'zustand';
import { createAccountsStore, type AccountsState } from './accounts-store';
import { createAlertsStore, type AlertsState, type AlertsStore } from './alerts-store';
import { createConnectionStore, type ConnectionStoreState } from './connection-store';
import type { AppStores } from './sync';
import { createWorkersStore, type WorkersState } from './workers-store';

/** The app's one instance of each slice; tests build their own with the create* factories. */
export const appStores: AppStores & { alerts: AlertsStore } = {
  accounts: createAccountsStore(),
  workers: createWorkersStore(),
  connection: createConnectionStore(),
  alerts: createAlertsStore(),
};

export function useAccountsStore<T>(selector: (state: AccountsState) => T): T {
  return useStore(appStores.accounts, selector);
}

export function useWorkersStore<T>(selector: (state: WorkersState) => T): T {
  return useStore(appStores.workers, selector);
}

export function useConnectionStore<T>(selector: (state: ConnectionStoreState) => T): T {
  return useStore(appStores.connection, selector);
}

export function useAlertsStore<T>(selector: (state: AlertsState) => T): T {
  return useStore(appStores.alerts, selector);
}
