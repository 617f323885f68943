/**
 * Where secret values live: the OS keychain, or on a machine without one the encrypted secrets file in the data
 * folder (file-secret-store.ts). The config holds references only; which store is used is decided once at start
 * (choose-secret-store.ts).
 */
export interface SecretStore {
  get(accountId: string, field: string): Promise<string | null>;
  set(accountId: string, field: string, value: string): Promise<void>;
  /** Returns whether something was deleted. */
  delete(accountId: string, field: string): Promise<boolean>;
}

/** The secret store cannot be used right now (no keychain, a locked one, a secrets file that cannot be read or written). */
export class SecretStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** The system keychain cannot be used: not installed, locked, or no Secret Service on this session bus. */
export class KeychainUnavailableError extends SecretStoreUnavailableError {
  constructor(reason: string) {
    super(
      `The system keychain is not available (${reason}). On Linux install and unlock gnome-keyring or another Secret Service ` +
        'provider; or restart PoolWatch with --secret-store file (or POOLWATCH_SECRET_STORE=file) to keep secrets encrypted in a ' +
        'file in its data folder; or point the credential at an environment variable in the config file: {"env": "VARIABLE_NAME"}.',
    );
    this.name = 'KeychainUnavailableError';
  }
}
