import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { createPrivateFileSync, readPrivateFileSync, replacePrivateFileSync } from '../base/private-file';
import { keychainAccountName } from './keytar-store';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/**
 * The secret store for machines without a keychain: one JSON file in the data folder, mode 0600, each secret sealed
 * with AES-256-GCM under its own random IV and bound to its name (additional authenticated data), so a value moved
 * to another entry or changed by one bit is refused, never returned as garbage. The key comes from outside the file
 * (secrets-key.ts) and is stretched with scrypt and the file's random salt.
 */

export const SECRETS_FILE_NAME = 'secrets.enc';
const WHAT = 'secrets file';
const FORMAT = 'poolwatch-secrets';
// scrypt cost: ~16 MB and a few tens of ms, once per start; a weak passphrase in POOLWATCH_SECRETS_KEY still costs a guesser.
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const IV_BYTES = 12;
const CHECK_NAME = '\0key-check';
const CHECK_TEXT = 'poolwatch secrets file key check';

const SealedSchema = z.object({ iv: z.string(), data: z.string(), tag: z.string() }).strict();
type Sealed = z.infer<typeof SealedSchema>;
const DocumentSchema = z
  .object({ format: z.literal(FORMAT), version: z.literal(1), salt: z.string(), check: SealedSchema, secrets: z.record(z.string(), SealedSchema) })
  .strict();
type SecretsDocument = z.infer<typeof DocumentSchema>;

/** The secrets file cannot be used: damaged, opened with the wrong key, or not writable. The message says what to do. */
export class SecretsFileError extends SecretStoreUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsFileError';
  }
}

/** The key that opens the file, and where it came from (named in messages, never quoted). */
export interface SecretsKey {
  text: string;
  source: string;
}

function deriveKey(key: SecretsKey, salt: Buffer): Buffer {
  return scryptSync(key.text, salt, 32, SCRYPT);
}

function aadOf(name: string): Buffer {
  return Buffer.from(`${FORMAT} v1\n${name}`, 'utf8');
}

function seal(key: Buffer, name: string, value: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(name));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The value, or null when the record does not authenticate under this key and name. */
function open(key: Buffer, name: string, sealed: Sealed): string | null {
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(aadOf(name));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function newDocument(key: SecretsKey): { document: SecretsDocument; aesKey: Buffer } {
  const salt = randomBytes(16);
  const aesKey = deriveKey(key, salt);
  return { document: { format: FORMAT, version: 1, salt: salt.toString('base64'), check: seal(aesKey, CHECK_NAME, CHECK_TEXT), secrets: {} }, aesKey };
}

function serialize(document: SecretsDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function damaged(file: string, what: string): SecretsFileError {
  return new SecretsFileError(
    `The ${WHAT} ${file} is damaged (${what}). Restore it from a backup, or move it away and type the secrets again in PoolWatch.`,
  );
}

/** Reads and checks the whole file: the key must open it, and every record must authenticate. */
function readDocument(file: string, text: string, key: SecretsKey): { document: SecretsDocument; aesKey: Buffer } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw damaged(file, 'it is not JSON');
  }
  const parsed = DocumentSchema.safeParse(raw);
  if (!parsed.success) throw damaged(file, 'it is not a PoolWatch secrets file of version 1');
  const document = parsed.data;
  const aesKey = deriveKey(key, Buffer.from(document.salt, 'base64'));
  if (open(aesKey, CHECK_NAME, document.check) !== CHECK_TEXT) {
    throw new SecretsFileError(
      `The key from ${key.source} does not open the ${WHAT} ${file}: it is not the key the file was made with (or the file's header was changed). ` +
        'Supply that key with --secrets-key-file FILE or POOLWATCH_SECRETS_KEY.',
    );
  }
  const broken = Object.entries(document.secrets)
    .filter(([name, sealed]) => open(aesKey, name, sealed) === null)
    .map(([name]) => name);
  if (broken.length > 0) throw damaged(file, `the entries ${broken.join(', ')} were changed after they were written: they fail authentication`);
  return { document, aesKey };
}

/**
 * Opens the secrets file at `file` with `key`, creating it (0600) when it does not exist. Refuses, with a
 * SecretsFileError saying what to do, a file other users can read, a wrong key, or a changed record.
 */
export function openFileSecretStore(file: string, key: SecretsKey): SecretStore & { readonly file: string } {
  let state: { document: SecretsDocument; aesKey: Buffer };
  const text = readPrivateFileSync(file, WHAT);
  if (text === null) {
    state = newDocument(key);
    if (!createPrivateFileSync(file, serialize(state.document))) throw new SecretsFileError(`The ${WHAT} ${file} appeared while PoolWatch was creating it; start again.`);
  } else {
    state = readDocument(file, text, key);
  }

  const write = (next: SecretsDocument): void => {
    try {
      replacePrivateFileSync(file, serialize(next));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new SecretsFileError(`The ${WHAT} ${file} could not be written (${code}); nothing was changed.`);
    }
    state = { ...state, document: next };
  };

  return {
    file,
    get: async (accountId, field) => {
      const name = keychainAccountName(accountId, field);
      const sealed = state.document.secrets[name];
      if (sealed === undefined) return null;
      const value = open(state.aesKey, name, sealed);
      if (value === null) throw damaged(file, `the entry ${name} fails authentication`);
      return value;
    },
    set: async (accountId, field, value) => {
      const name = keychainAccountName(accountId, field);
      write({ ...state.document, secrets: { ...state.document.secrets, [name]: seal(state.aesKey, name, value) } });
    },
    delete: async (accountId, field) => {
      const name = keychainAccountName(accountId, field);
      if (!(name in state.document.secrets)) return false;
      const rest = { ...state.document.secrets };
      delete rest[name];
      write({ ...state.document, secrets: rest });
      return true;
    },
  };
}
