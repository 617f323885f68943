import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const where =
      path[0] === 'accounts' && typeof path[1] === 'number'
        ? `${accountName((raw as { accounts: unknown[] }).accounts[path[1]], path[1])}, field ${path.slice(2).join('.') || '(whole entry)'}`
        : path.join('.') || 'top level';
    throw new ConfigError(`${file}: invalid config at ${where}: ${issue?.message ?? 'unknown problem'}.`);
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

/** Reads a config file. A missing file is an empty config when `missingIsEmpty`, else an error. */
export async function readConfigFile(file: string, options: { missingIsEmpty: boolean }): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missingIsEmpty) return { accounts: [], channels: [] };
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return parseConfig(parseConfigJson(text, file), file);
}

/** JSON.parse with a BOM allowed and an error that gives only the position: its own message quotes the file. */
export function parseConfigJson(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const { line, column } = lineAndColumn(body, jsonSyntaxErrorOffset(body) ?? body.length);
    throw new ConfigError(`${file}: not valid JSON at line ${line}, column ${column}. Fix the file in a text editor (or move it away to start empty).`);
  }
}

/** Writes the config atomically (temp file + rename) and readable by the owner only. */
export async function writeConfigFile(file: string, config: AppConfig): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
