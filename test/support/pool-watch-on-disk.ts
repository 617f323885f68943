import type { Clock } from '../../main/base/clock';
import type { PoolWatchOptions } from '../../main/core/create-pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { captureLogger } from './capture-logger';
import { memorySecrets } from './memory-secrets';

/** What an integration test's PoolWatch runs on: its config file and data folder, secrets in memory, a captured log, the test's clock. */
export function onDisk(configFile: string, dataDir: string, clock: Clock): Pick<PoolWatchOptions, 'config' | 'dataDir' | 'secrets' | 'logger' | 'clock'> {
  return { config: fileConfigRepository(configFile), dataDir, secrets: memorySecrets(), logger: captureLogger(), clock };
}
