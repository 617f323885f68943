import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_APP_SETTINGS, type AppSettings, type AppSettingsView } from '../../shared/contract';

export interface SettingsState {
  /** As the engine last answered; null until it has. */
  view: AppSettingsView | null;
  loadError: string | null;
  setView(view: AppSettingsView): void;
  setLoadError(message: string): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(): SettingsStore {
  return createStore<SettingsState>()((set) => ({
    view: null,
    loadError: null,
    setView: (view) => set({ view, loadError: null }),
    setLoadError: (loadError) => set({ loadError }),
  }));
}

/** The app's one settings slice (kept apart from AppStores: only the Settings screen and unit formatting read it). */
export const settingsStore = createSettingsStore();

export function useSettingsStore<T>(selector: (state: SettingsState) => T): T {
  return useStore(settingsStore, selector);
}

/** The settings in effect: the defaults until the engine has answered. */
export function useAppSettings(): AppSettings {
  return useSettingsStore((state) => state.view?.settings ?? DEFAULT_APP_SETTINGS);
}
