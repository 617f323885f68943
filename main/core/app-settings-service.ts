import { resolveAppSettings, type AppSettings, type AppSettingsView } from '../../shared/contract';
import { EventBus } from '../base/event-bus';
import type { Logger } from '../base/logger';
import type { Engine } from '../engine/engine';
import { settingsRequest, type SettingsStore } from '../store/settings-store';

export interface AppSettingsServiceDeps {
  settings: SettingsStore;
  engine: Pick<Engine, 'setDefaultPollInterval'>;
  /** True in the desktop app, which applies start-at-login and close-to-tray; `serve` keeps them without effect. */
  desktop: boolean;
  logger: Logger;
}

/**
 * The Settings screen's settings (settings:get, settings:save): kept in the config file under "settings" like
 * everything else, applied to the engine (default poll interval) and handed to whoever listens (the desktop shell).
 */
export class AppSettingsService {
  private readonly changes: EventBus<AppSettings>;

  constructor(private readonly deps: AppSettingsServiceDeps) {
    this.changes = new EventBus(deps.logger, () => 'a listener of the app settings failed');
    // Edited by hand in the config file: applied as if saved from the screen.
    deps.settings.onReloaded((previous, next) => {
      if (JSON.stringify(previous.settings) !== JSON.stringify(next.settings)) this.applied(resolveAppSettings(next.settings));
    });
  }

  current(): AppSettings {
    return resolveAppSettings(this.deps.settings.current().settings);
  }

  view(): AppSettingsView {
    return { settings: this.current(), desktop: this.deps.desktop };
  }

  async save(settings: AppSettings): Promise<AppSettingsView> {
    await settingsRequest(this.deps.settings, (store) => store.update((config) => ({ ...config, settings: { ...settings } })));
    this.applied(settings);
    this.deps.logger.info('settings saved');
    return this.view();
  }

  /** Hears every change of the settings (saved or edited by hand); returns the function that stops. */
  onChanged(listener: (settings: AppSettings) => void): () => void {
    return this.changes.subscribe(listener);
  }

  private applied(settings: AppSettings): void {
    this.deps.engine.setDefaultPollInterval(settings.pollIntervalSec);
    this.changes.emit(settings);
  }
}
