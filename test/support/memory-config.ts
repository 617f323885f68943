import { AppConfigSchema, type AppConfig, type AppConfigInput } from '../../main/store/config-schema';
import type { ConfigRepository } from '../../main/store/config-repository';

/** A config held in memory, with a record of every save, for engine tests that do not care about files. */
export function memoryConfig(initial: AppConfigInput = { accounts: [] }): ConfigRepository & { saved: AppConfig[] } {
  let current = AppConfigSchema.parse(structuredClone(initial));
  const saved: AppConfig[] = [];
  return {
    location: 'memory',
    saved,
    load: async () => structuredClone(current),
    save: async (config) => {
      current = structuredClone(config);
      saved.push(structuredClone(config));
    },
  };
}
