import type { PoolWatchApi } from '../../shared/contract';
import type { ConnectionSource } from '../api/connection-state';
import { errorMessage } from '../api/error-message';
import { applyTheme } from '../theme/theme';
import { followTheme } from './follow-theme';
import { followSettingsChanges } from './settings-events';
import type { SettingsStore } from './settings-store';

/** Loads the settings on every (re)connect, and takes every change another window or tab makes. Returns the function that stops. */
export function startSettingsSync(api: PoolWatchApi, connection: ConnectionSource, store: SettingsStore): () => void {
  const stops = [
    followTheme(store, (view) => applyTheme(view.settings.theme)),
    followSettingsChanges(api, store),
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
