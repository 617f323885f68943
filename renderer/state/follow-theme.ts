import type { AppSettingsView } from '../../shared/contract';
import type { SettingsStore } from './settings-store';

/** Calls `apply` when the engine first answers with the settings and whenever their theme changes. Returns the function that stops. */
export function followTheme(store: SettingsStore, apply: (view: AppSettingsView) => void): () => void {
  return store.subscribe((state, previous) => {
    if (state.view !== null && state.view.settings.theme !== previous.view?.settings.theme) apply(state.view);
  });
}
