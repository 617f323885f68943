import { detectMode, type CredentialRef, type PoolId } from '../../shared/model';
import { defaultBaseUrl } from '../pools/registry';
import { DEFAULT_POLL_INTERVAL_SEC, type AccountConfig } from '../store/config-schema';

/** An account config with every default applied: what a runner needs. */
export interface RunnableAccount {
  id: string;
  pool: PoolId;
  label: string;
  mode: string;
  baseUrl: string;
  pollIntervalSec: number;
  credentials: Record<string, CredentialRef>;
  subaccounts: Array<{ name: string; coin: string }> | undefined;
}

/** `defaultPollIntervalSec`: the user's default, for an account that sets no interval of its own. */
export function toRunnable(config: AccountConfig, defaultPollIntervalSec = DEFAULT_POLL_INTERVAL_SEC): RunnableAccount {
  const mode = detectMode(config.pool, Object.keys(config.credentials))?.id ?? 'unknown';
  return {
    id: config.id,
    pool: config.pool,
    label: config.label,
    mode,
    baseUrl: config.baseUrl ?? defaultBaseUrl(config.pool, mode),
    pollIntervalSec: config.pollIntervalSec ?? defaultPollIntervalSec,
    credentials: config.credentials,
    subaccounts: config.subaccounts,
  };
}
