import type { AppSettingsView, PoolWatchApi } from '../../shared/contract';
import type { ConnectionSource } from '../api/connection-state';
import { errorMessage } from '../api/error-message';
import { applyTheme } from '../theme/theme';
import type { SettingsStore } from './settings-store';

/** Keeps the page's theme in step with the settings in the store. */
export function followTheme(store: SettingsStore, apply: (view: AppSettingsView) => void = (view) => applyTheme(view.settings.theme)): () => void {
  return store.subscribe((state, previous) => {
    if (state.view !== null && state.view.settings.theme !== previous.view?.settings.theme) apply(state.view);
  });
}

/** Loads the settings on every (re)connect (another window may have changed them). Returns the function that stops. */
export function startSettingsSync(api: PoolWatchApi, connection: ConnectionSource, store: SettingsStore): () => void {
  const stops = [
    followTheme(store),
    connection.onOpen(() => {
      api.settings.get().then(
        (view) => store.getState().setView(view),
        (error: unknown) => store.getState().setLoadError(errorMessage(error)),
      );
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
