import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createPrivateFileSync, readPrivateFileSync } from '../base/private-file';
import type { Environment } from './credential-resolver';
import { SecretsFileError, type SecretsKey } from './file-secret-store';

export const SECRETS_KEY_FILE_NAME = 'secrets.key';
export const SECRETS_KEY_ENV = 'POOLWATCH_SECRETS_KEY';
const MIN_KEY_CHARS = 16;
const WHAT = 'secrets key file';

function checked(text: string, source: string): SecretsKey {
  const key = text.trim();
  if (key.length < MIN_KEY_CHARS) {
    throw new SecretsFileError(`The key in ${source} is too short: use at least ${MIN_KEY_CHARS} characters, e.g. from \`openssl rand -base64 32\`.`);
  }
  return { text: key, source };
}

/**
 * The key of the secrets file: POOLWATCH_SECRETS_KEY, else the key file (--secrets-key-file, default secrets.key beside
 * the secrets file). A missing key file is generated (0600, 32 random bytes) only while there is no secrets file yet:
 * a new key cannot open secrets sealed with another one.
 */
export function resolveSecretsKey(options: { keyFile: string; secretsFile: string; env: Environment }): SecretsKey {
  const fromEnv = options.env[SECRETS_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, `the environment variable ${SECRETS_KEY_ENV}`);
  const source = `the ${WHAT} ${options.keyFile}`;
  const text = readPrivateFileSync(options.keyFile, WHAT);
  if (text !== null) return checked(text, source);
  if (existsSync(options.secretsFile)) {
    throw new SecretsFileError(
      `The secrets file ${options.secretsFile} exists, but its key is missing: there is no ${options.keyFile} and ${SECRETS_KEY_ENV} is not set. ` +
        `Supply the key it was made with (--secrets-key-file FILE or ${SECRETS_KEY_ENV}), or move the secrets file away and type the secrets again.`,
    );
  }
  const generated = `${randomBytes(32).toString('base64url')}\n`;
  // Another process may have made it a moment ago: read whichever key won.
  createPrivateFileSync(options.keyFile, generated);
  return checked(readPrivateFileSync(options.keyFile, WHAT) ?? generated, source);
}
