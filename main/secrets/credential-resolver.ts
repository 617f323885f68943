import type { CredentialRef } from '../../shared/model';
import { PoolError } from '../base/pool-error';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Looks up every credential of an account just before a poll. Throws PoolError('config') with a way out. */
export async function resolveCredentials(
  accountId: string,
  refs: Readonly<Record<string, CredentialRef>>,
  store: SecretStore,
  env: Environment,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [field, ref] of Object.entries(refs)) {
    if ('env' in ref) {
      const value = env[ref.env];
      if (!value) {
        throw new PoolError('config', `The environment variable ${ref.env} (credential "${field}") is not set. Set it before starting PoolWatch.`);
      }
      values[field] = value;
      continue;
    }
    let value: string | null;
    try {
      value = await store.get(accountId, field);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw new PoolError('config', error.message);
      throw error;
    }
    if (!value) {
      throw new PoolError('config', `The secret store holds no "${field}" for this account. Edit the account and enter it again.`);
    }
    values[field] = value;
  }
  return values;
}
