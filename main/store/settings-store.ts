import type { AppConfig } from './config-schema';
import type { ConfigRepository } from './config-repository';

/**
 * The one in-memory copy of the config (accounts, alert settings, channels) and the only way to change it:
 * updates are applied one at a time and written before they become current, so two screens saving at once
 * cannot overwrite each other's change, and a failed write changes nothing.
 */
export class SettingsStore {
  private config: AppConfig = { accounts: [], channels: [] };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly repository: ConfigRepository) {}

  get location(): string {
    return this.repository.location;
  }

  async load(): Promise<AppConfig> {
    this.config = await this.repository.load();
    return this.config;
  }

  current(): AppConfig {
    return this.config;
  }

  /** Applies a change to the latest config and saves it; resolves with the saved config. */
  update(change: (config: AppConfig) => AppConfig): Promise<AppConfig> {
    const run = this.queue.then(async () => {
      const next = change(this.config);
      await this.repository.save(next);
      this.config = next;
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
