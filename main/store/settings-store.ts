import { ContractError } from '../../shared/contract';
import { EventBus } from '../base/event-bus';
import type { Logger } from '../base/logger';
import { ConfigError } from './config-file';
import type { AppConfig } from './config-schema';
import type { ConfigRepository } from './config-repository';

/** The config file was edited by hand and cannot be read as it is now: nothing is written over it. */
export class ConfigChangedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigChangedError';
  }
}

/** Called with the config before and after a reload of a file edited by hand. */
export type ReloadListener = (previous: AppConfig, next: AppConfig) => void;

/** The user-facing reason a settings change could not be saved; the caller adds nothing but the error code. */
export function saveFailureMessage(error: unknown, location: string): string {
  if (error instanceof ConfigChangedError) return error.message;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return `Could not write the settings to ${location} (${reason}). Nothing was changed.`;
}

/** Reads or writes the settings for a request: a failure becomes the user's config_error; a ContractError passes as it is. */
export async function settingsRequest<T>(settings: SettingsStore, work: (settings: SettingsStore) => Promise<T>): Promise<T> {
  try {
    return await work(settings);
  } catch (error) {
    if (error instanceof ContractError) throw error;
    throw new ContractError('config_error', saveFailureMessage(error, settings.location));
  }
}

/**
 * The one in-memory copy of the config (accounts, alert settings, channels) and the only way to change it:
 * updates are applied one at a time and written before they become current, so two screens saving at once
 * cannot overwrite each other's change, and a failed write changes nothing. A file edited by hand meanwhile
 * is read again first and the change applied on top of it, so the hand edit is never lost.
 */
export class SettingsStore {
  private config: AppConfig = { accounts: [], channels: [] };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly reloads: EventBus<{ previous: AppConfig; next: AppConfig }>;

  /** `logger` hears of a reload listener that failed; the reload (and the save that found it) goes on. */
  constructor(
    private readonly repository: ConfigRepository,
    logger?: Logger,
  ) {
    this.reloads = new EventBus(logger, () => `a listener of the reload of ${repository.location} failed`);
  }

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

  /** Listens to reloads of a file edited by hand; returns the function that stops. */
  onReloaded(listener: ReloadListener): () => void {
    return this.reloads.subscribe(({ previous, next }) => listener(previous, next));
  }

  /** Reads the file again if it was edited by hand since it was last read or written. */
  refresh(): Promise<AppConfig> {
    return this.enqueue(async () => {
      await this.reloadIfChanged();
      return this.config;
    });
  }

  /** Applies a change to the latest config (the file's, if edited by hand) and saves it; resolves with the saved config. */
  update(change: (config: AppConfig) => AppConfig): Promise<AppConfig> {
    return this.enqueue(async () => {
      await this.reloadIfChanged();
      const next = change(this.config);
      await this.repository.save(next);
      this.config = next;
      return next;
    });
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadIfChanged(): Promise<void> {
    if (!this.repository.loadIfChanged) return;
    let next: AppConfig | null;
    try {
      next = await this.repository.loadIfChanged();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The ConfigError names the file first; the rest says what is wrong (position or field, never content).
      const problem = error.message.startsWith(`${this.location}: `) ? error.message.slice(this.location.length + 2) : error.message;
      throw new ConfigChangedError(
        `${this.location} was changed outside PoolWatch and cannot be used as it is: ${problem} Nothing was saved: fix the file, then save again.`,
      );
    }
    if (next === null) return;
    const previous = this.config;
    this.config = next;
    this.reloads.emit({ previous, next });
  }
}
