/** Where secret values live. The keychain is the only persistent implementation; config holds references. */
export interface SecretStore {
  get(accountId: string, field: string): Promise<string | null>;
  set(accountId: string, field: string, value: string): Promise<void>;
  /** Returns whether something was deleted. */
  delete(accountId: string, field: string): Promise<boolean>;
}

/** The system keychain cannot be used: not installed, locked, or no Secret Service on this session bus. */
export class KeychainUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `The system keychain is not available (${reason}). PoolWatch keeps secrets only in the keychain: on Linux install and unlock ` +
        `gnome-keyring or another Secret Service provider; on a headless machine point the credential at an environment variable ` +
        `in the config file instead, e.g. {"env": "POOLWATCH_SBI_SECRET"}.`,
    );
    this.name = 'KeychainUnavailableError';
  }
}
