import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActiveAlertView, AlertNotificationView, SnoozeView } from '../../shared/contract';
import { countFiring, withRecentNotification } from './alerts-reducers';

export type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AlertsState {
  /** Firing alerts, for the nav badge: from alerts:changed, or counted on (re)connect. */
  firing: number;
  active: readonly ActiveAlertView[];
  activeStatus: ListStatus;
  activeError: string | null;
  snoozes: readonly SnoozeView[];
  snoozesError: string | null;
  /** The last notifications since the page opened, newest first. */
  recent: readonly AlertNotificationView[];
  /** Bumped whenever history may have new rows; the history table reloads on it. */
  historyRevision: number;
  /** Screens showing the lists; while none does, changes do not reload them (the screen loads them when it opens). */
  watchers: number;
  setFiring(firing: number): void;
  /** Marks a load as started; returns its id for finishActive / failActive. */
  beginActive(): number;
  finishActive(requestId: number, alerts: readonly ActiveAlertView[], options: { countFiring: boolean }): void;
  failActive(requestId: number, message: string): void;
  replaceSnoozes(snoozes: readonly SnoozeView[]): void;
  setSnoozesError(message: string): void;
  addNotification(notification: AlertNotificationView): void;
  bumpHistory(): void;
  /** Registers a screen showing the lists; returns the function that unregisters it. */
  watch(): () => void;
}

export type AlertsStore = StoreApi<AlertsState>;

export function createAlertsStore(): AlertsStore {
  let lastRequestId = 0;
  let currentRequestId = 0;
  return createStore<AlertsState>()((set, get) => ({
    firing: 0,
    active: [],
    activeStatus: 'idle',
    activeError: null,
    snoozes: [],
    snoozesError: null,
    recent: [],
    historyRevision: 0,
    watchers: 0,
    setFiring: (firing) => set({ firing }),
    beginActive() {
      lastRequestId += 1;
      currentRequestId = lastRequestId;
      // A reload keeps the list on screen; only the first load shows 'loading'.
      if (get().activeStatus !== 'ready') set({ activeStatus: 'loading' });
      return currentRequestId;
    },
    finishActive(requestId, alerts, options) {
      // An older answer may arrive after a newer one: only the latest request's answer counts.
      if (requestId !== currentRequestId) return;
      set({
        active: alerts,
        activeStatus: 'ready',
        activeError: null,
        ...(options.countFiring ? { firing: countFiring(alerts) } : {}),
      });
    },
    failActive(requestId, message) {
      if (requestId !== currentRequestId) return;
      set({ activeStatus: 'error', activeError: message });
    },
    replaceSnoozes: (snoozes) => set({ snoozes, snoozesError: null }),
    setSnoozesError: (message) => set({ snoozesError: message }),
    addNotification: (notification) => set({ recent: withRecentNotification(get().recent, notification) }),
    bumpHistory: () => set({ historyRevision: get().historyRevision + 1 }),
    watch() {
      set({ watchers: get().watchers + 1 });
      let watching = true;
      return () => {
        if (!watching) return;
        watching = false;
        set({ watchers: Math.max(0, get().watchers - 1) });
      };
    },
  }));
}
