import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeIssues } from '../../shared/contract';
import { detectMode } from '../../shared/model';
import { AppConfigSchema, type AppConfig } from './config-schema';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax';

/** A config file that cannot be used; the message names the file, the account and the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function accountName(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown })?.id;
  return typeof id === 'string' ? `account "${id}"` : `account #${index + 1}`;
}

/** Secrets never live in config: a string where a reference belongs is refused without echoing it. */
function refusePlainSecrets(raw: unknown, file: string): void {
  const lists: Array<[string, string, string]> = [
    ['accounts', 'credentials', 'account'],
    ['channels', 'secrets', 'channel'],
  ];
  for (const [listName, field, noun] of lists) {
    const entries = (raw as Record<string, unknown>)?.[listName];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      const refs = (entry as Record<string, unknown>)?.[field];
      if (!refs || typeof refs !== 'object') return;
      for (const [name, value] of Object.entries(refs)) {
        if (typeof value === 'string') {
          const who = noun === 'account' ? accountName(entry, index) : `channel #${index + 1}`;
          throw new ConfigError(
            `${file}: ${who} has a plain-text secret in ${field}.${name}. PoolWatch does not read secrets from ` +
              `config files: remove it, then add the secret in the app (it goes to the keychain) or use {"env": "VARIABLE_NAME"}.`,
          );
        }
      }
    });
  }
}

/** Validates a parsed config; the file name is only for messages. */
export function parseConfig(raw: unknown, file: string): AppConfig {
  refusePlainSecrets(raw, file);
  const parsed = AppConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const where = (path: readonly PropertyKey[]): string =>
      path[0] === 'accounts' && typeof path[1] === 'number'
        ? `${accountName((raw as { accounts: unknown[] }).accounts[path[1]], path[1])}, field ${path.slice(2).map(String).join('.') || '(whole entry)'}`
        : path.map(String).join('.') || 'top level';
    throw new ConfigError(`${file}: invalid config at ${describeIssues(parsed.error, { limit: 1, where })}.`);
  }
  const seen = new Set<string>();
  for (const account of parsed.data.accounts) {
    if (seen.has(account.id)) throw new ConfigError(`${file}: account id "${account.id}" is used twice; ids must be unique.`);
    seen.add(account.id);
    if (!detectMode(account.pool, Object.keys(account.credentials))) {
      throw new ConfigError(
        `${file}: account "${account.id}" lacks credentials for ${account.pool}: see the README for the fields each pool needs.`,
      );
    }
  }
  return parsed.data;
}

/** A config file's content as read or written: the config and a hash of its bytes (null: there was no file). */
export interface ConfigSource {
  config: AppConfig;
  fingerprint: string | null;
}

const EMPTY_CONFIG: AppConfig = { accounts: [], channels: [] };

function fingerprintOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a config file. A missing file is an empty config when `missingIsEmpty`, else an error. */
export async function readConfigFile(file: string, options: { missingIsEmpty: boolean }): Promise<AppConfig> {
  return (await readConfigSource(file, options)).config;
}

/** Reads a config file with the fingerprint of what was read, to notice later edits made by hand. */
export async function readConfigSource(file: string, options: { missingIsEmpty: boolean }): Promise<ConfigSource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missingIsEmpty) return { config: EMPTY_CONFIG, fingerprint: null };
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return { config: parseConfig(parseConfigJson(bytes.toString('utf8'), file), file), fingerprint: fingerprintOf(bytes) };
}

/** The fingerprint of the file as it is now on disk; null when there is none. */
export async function configFingerprint(file: string): Promise<string | null> {
  try {
    return fingerprintOf(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** JSON.parse with a BOM allowed and an error that gives only the position: its own message quotes the file. */
export function parseConfigJson(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const { line, column } = lineAndColumn(body, jsonSyntaxErrorOffset(body) ?? body.length);
    throw new ConfigError(`${file}: not valid JSON at line ${line}, column ${column}; fix it in a text editor.`);
  }
}

/** The file operations of a config write; tests inject failures (a full disk) through it. */
export interface ConfigWriteIo {
  writeAndSync(handle: FileHandle, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  syncDirectory(dir: string): Promise<void>;
}

export const nodeConfigWriteIo: ConfigWriteIo = {
  async writeAndSync(handle, data) {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  },
  rename: (from, to) => rename(from, to),
  async syncDirectory(dir) {
    // Makes the rename itself durable; some systems (Windows) cannot open or sync a directory.
    let handle: FileHandle | null = null;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

const TEMP_SUFFIX = /^\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes the config atomically and durably (temp file synced to disk, renamed over the file, folder synced),
 * readable by the owner only. On any failure the temp file is removed and the old file stays as it was.
 * Resolves with the fingerprint of what was written.
 */
export async function writeConfigFile(file: string, config: AppConfig, io: ConfigWriteIo = nodeConfigWriteIo): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const text = `${JSON.stringify(config, null, 2)}\n`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await io.writeAndSync(handle, text);
    } finally {
      await handle.close();
    }
    await io.rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await io.syncDirectory(dirname(file));
  return fingerprintOf(text);
}

/** Removes temp files an interrupted write of this config left behind (a crash between write and rename). */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const prefix = basename(file);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return; // no folder yet: nothing left behind
  }
  for (const name of names) {
    if (name.startsWith(prefix) && TEMP_SUFFIX.test(name.slice(prefix.length))) await unlink(join(dirname(file), name)).catch(() => undefined);
  }
}
