import type { AppConfig } from './config-schema';
import { configFingerprint, readConfigSource, removeStaleTempFiles, writeConfigFile } from './config-file';

/** Where the engine keeps its account list. */
export interface ConfigRepository {
  load(): Promise<AppConfig>;
  save(config: AppConfig): Promise<void>;
  /**
   * The config as it is now on disk when it changed since this repository last read or wrote it (edited by
   * hand while the app runs), else null. Repositories that nobody else can change may leave it out.
   */
  loadIfChanged?(): Promise<AppConfig | null>;
  /** For messages: where changes are written. */
  readonly location: string;
}

export function fileConfigRepository(file: string): ConfigRepository {
  /** Hash of the bytes last read or written; undefined before the first load. */
  let known: string | null | undefined;
  let cleaned = false;
  return {
    location: file,
    async load() {
      if (!cleaned) {
        cleaned = true;
        await removeStaleTempFiles(file);
      }
      const source = await readConfigSource(file, { missingIsEmpty: true });
      known = source.fingerprint;
      return source.config;
    },
    async save(config) {
      known = await writeConfigFile(file, config);
    },
    async loadIfChanged() {
      if (known === undefined) return null;
      const now = await configFingerprint(file);
      // A file removed by hand is not an edit to merge: the next write puts the current config back.
      if (now === null || now === known) return null;
      const source = await readConfigSource(file, { missingIsEmpty: true });
      known = source.fingerprint;
      return source.config;
    },
  };
}
