import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SecretStoreInfo } from '../../shared/contract';
import type { Environment } from './credential-resolver';
import { openFileSecretStore, SECRETS_FILE_NAME } from './file-secret-store';
import { createKeytarStore, KEYCHAIN_SERVICE } from './keytar-store';
import { SECRETS_KEY_ENV, SECRETS_KEY_FILE_NAME, resolveSecretsKey } from './secrets-key';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';
import { PrivateFileError } from '../base/private-file';

export const SECRET_STORE_ENV = 'POOLWATCH_SECRET_STORE';
export const SECRET_STORE_KINDS = ['keychain', 'file'] as const;
export type SecretStoreKind = (typeof SECRET_STORE_KINDS)[number];

export interface SecretStoreChoice {
  store: SecretStore;
  info: SecretStoreInfo;
  /** One line for `serve` to print at start: which store, and why. */
  summary: string;
}

export interface ChooseSecretStoreOptions {
  /** The data folder: the secrets file (and a generated key file) live there. */
  dataDir: string;
  /** --secrets-key-file. */
  keyFile?: string | undefined;
  /** --secret-store, or POOLWATCH_SECRET_STORE; unset chooses on its own. */
  force?: SecretStoreKind | undefined;
  env: Environment;
  /** Resolves null when the keychain answers, else the reason it does not (default: a read from the real keychain). */
  probeKeychain?: () => Promise<string | null>;
  /** False for the read-only CLI commands: with no secrets file yet they keep to the keychain and write nothing. */
  mayCreate?: boolean;
}

const PROBE_TIMEOUT_MS = 5_000;

/** Neither store can be used: every operation says why; {env} references and polling work on. */
function unavailable(why: string): SecretStoreChoice {
  const fail = async (): Promise<never> => {
    throw new SecretStoreUnavailableError(`PoolWatch has nowhere to keep secrets: ${why} Give it a data folder it can write (--data DIR), or use {"env": "VARIABLE_NAME"} references.`);
  };
  return { store: { get: fail, set: fail, delete: fail }, info: { kind: 'file', file: null }, summary: `Warning: secrets cannot be saved: ${why}` };
}

/** Asks the keychain for an entry that does not exist: an answer (even "none") means a Secret Service is there. */
export async function probeKeychain(timeoutMs = PROBE_TIMEOUT_MS): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  // A locked keyring may wait for a password prompt no one will see: give up and say so.
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    timer.unref();
  });
  const read = createKeytarStore(KEYCHAIN_SERVICE)
    .get('poolwatch', 'keychain-probe')
    .then(
      () => null,
      (error: Error) => error.message.replace(/^The system keychain is not available \((.*?)\)\..*$/s, '$1'),
    );
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Decides once, at start, where secrets go. Forced by --secret-store / POOLWATCH_SECRET_STORE; else the secrets file
 * when a key was supplied or the data folder holds one already (its secrets are there); else the keychain when a
 * Secret Service answers, and the secrets file when none does.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<SecretStoreChoice> {
  const secretsFile = join(resolve(options.dataDir), SECRETS_FILE_NAME);
  const keyFile = resolve(options.keyFile ?? join(options.dataDir, SECRETS_KEY_FILE_NAME));
  const keychain = (why: string): SecretStoreChoice => ({
    store: createKeytarStore(),
    info: { kind: 'keychain', file: null },
    summary: `Secrets: the system keychain (${why}).`,
  });
  const file = (why: string): SecretStoreChoice => {
    const key = resolveSecretsKey({ keyFile, secretsFile, env: options.env });
    const store = openFileSecretStore(secretsFile, key);
    return { store, info: { kind: 'file', file: secretsFile }, summary: `Secrets: the encrypted file ${secretsFile}, key from ${key.source} (${why}).` };
  };

  if (options.force === 'keychain') return keychain('--secret-store keychain');
  if (options.force === 'file') return file('--secret-store file');
  if (options.keyFile !== undefined) return file('--secrets-key-file was given');
  if (options.env[SECRETS_KEY_ENV]) return file(`${SECRETS_KEY_ENV} is set`);
  if (existsSync(secretsFile)) return file('the data folder holds it: secrets saved earlier are there');
  const problem = await (options.probeKeychain ?? probeKeychain)();
  if (problem === null) return keychain('a Secret Service answered');
  if (options.mayCreate === false) return keychain(`it did not answer: ${problem}`);
  try {
    return file(`no system keychain: ${problem}`);
  } catch (error) {
    // A file open to other users still stops the start; a folder that cannot hold the file leaves monitoring running.
    if (error instanceof PrivateFileError && error.reason === 'insecure') throw error;
    return unavailable(`no system keychain (${problem}), and the secrets file could not be made: ${(error as Error).message}`);
  }
}
