import { createRequire } from 'node:module';
import { KeychainUnavailableError, type SecretStore } from './secret-store';

/** The keychain service name under which every PoolWatch secret is filed. */
export const KEYCHAIN_SERVICE = 'PoolWatch';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

let loaded: Keytar | null = null;

/** keytar is native: load it on first use so a missing build fails one operation, not the whole app. */
function loadKeytar(): Keytar {
  if (loaded) return loaded;
  try {
    const require = createRequire(__filename);
    loaded = require('keytar') as Keytar;
    return loaded;
  } catch (error) {
    throw new KeychainUnavailableError(`the keytar module could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The keychain entry name for one credential field of one account. */
export function keychainAccountName(accountId: string, field: string): string {
  return `${accountId}/${field}`;
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw error;
    // libsecret's messages name the D-Bus problem, never the secret value.
    throw new KeychainUnavailableError((error as Error).message.split('\n')[0] ?? 'unknown error');
  }
}

export function createKeytarStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  return {
    get: (accountId, field) => guarded(() => loadKeytar().getPassword(service, keychainAccountName(accountId, field))),
    set: (accountId, field, value) =>
      guarded(() => loadKeytar().setPassword(service, keychainAccountName(accountId, field), value)),
    delete: (accountId, field) =>
      guarded(() => loadKeytar().deletePassword(service, keychainAccountName(accountId, field))),
  };
}
