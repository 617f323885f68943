import type { PoolWatchApi } from '../../shared/contract';
import type { SettingsStore } from './settings-store';

/** Takes every settings change another window or tab makes (settings:changed) into the store at once. */
export function followSettingsChanges(api: Pick<PoolWatchApi, 'on'>, store: SettingsStore): () => void {
  return api.on('settings:changed', (view) => store.getState().setView(view));
}
