import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where `poolwatch serve` keeps its config when no --config is given (XDG on Linux, the same layout elsewhere). */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'poolwatch', 'config.json');
}
