import type { AppConfig } from './config-schema';
import { readConfigFile, writeConfigFile } from './config-file';

/** Where the engine keeps its account list. */
export interface ConfigRepository {
  load(): Promise<AppConfig>;
  save(config: AppConfig): Promise<void>;
  /** For messages: where changes are written. */
  readonly location: string;
}

export function fileConfigRepository(file: string): ConfigRepository {
  return {
    location: file,
    load: () => readConfigFile(file, { missingIsEmpty: true }),
    save: (config) => writeConfigFile(file, config),
  };
}
