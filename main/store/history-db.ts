import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/** The file name that makes SQLite keep a database in memory. */
export const MEMORY_DB = ':memory:';

/** Where the database is, as the user reads it. */
function placeOf(file: string): string {
  return file === MEMORY_DB ? 'in memory' : file;
}

/** The history database cannot be used; the message says why and what the user can do. */
export class HistoryUnavailableError extends Error {
  constructor(
    file: string,
    reason: string,
    outcome = 'PoolWatch keeps monitoring and keeps history in memory until restart; nothing on disk was changed. ' +
      'Check free disk space and permissions, or move the file aside if it is damaged.',
  ) {
    super(`The history database ${placeOf(file)} cannot be opened (${reason}). ${outcome}`);
    this.name = 'HistoryUnavailableError';
  }
}

/** SQLite itself cannot be loaded here (no build for this runtime): no database can be opened, not even in memory. */
export class SqliteMissingError extends HistoryUnavailableError {
  /** The loader's error, first line: for callers that say it their own way (the CLI). */
  readonly loadError: string;

  constructor(file: string, reason: string) {
    super(
      file,
      `the SQLite module could not be loaded: ${reason}`,
      'PoolWatch keeps monitoring and alerting without history: charts, exports and the alert history stay empty until it ' +
        'runs with a SQLite build for this runtime (`npm rebuild better-sqlite3`; for the desktop app run from source, ' +
        '`node build/electron-sqlite.mjs --retry`). Nothing on disk was changed.',
    );
    this.name = 'SqliteMissingError';
    this.loadError = reason;
  }
}

type DatabaseConstructor = typeof BetterSqlite3;

/** Loads the SQLite module and its native addon: the addon given (an Electron build), or the package's own. */
export type SqliteLoader = (nativeBinding?: string) => DatabaseConstructor;

/** The one place better-sqlite3 is loaded. It is native: loaded on first use, so a missing build costs history, not the app. */
export const loadBetterSqlite3: SqliteLoader = (nativeBinding) => {
  const Database = createRequire(__filename)('better-sqlite3') as DatabaseConstructor;
  // The addon loads at the first open: an empty in-memory database makes a missing or foreign build fail here.
  new Database(MEMORY_DB, nativeBinding ? { nativeBinding } : {}).close();
  return Database;
};

/** Why SQLite is missing, and the fix, for the CLI (which runs under Node, from node_modules). */
export function cliSqliteAdvice(error: SqliteMissingError): string {
  return `the SQLite module could not be loaded: ${error.loadError}; rebuild it for this Node with \`npm rebuild better-sqlite3\``;
}

function loadSqlite(file: string, options: OpenHistoryOptions): DatabaseConstructor {
  try {
    return (options.loadSqlite ?? loadBetterSqlite3)(options.nativeBinding);
  } catch (error) {
    throw new SqliteMissingError(file, (error as Error).message.split('\n')[0]!);
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error)?.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}

export interface OpenHistoryOptions {
  /** How long to wait for another connection's lock before giving up (ms). */
  busyTimeoutMs?: number;
  /** A better-sqlite3 addon built for another runtime (Electron run from source; build/electron-sqlite.mjs). */
  nativeBinding?: string;
  /** How SQLite is loaded (tests simulate a missing build here). */
  loadSqlite?: SqliteLoader;
}

/**
 * Opens (creating if needed) and migrates the history database; MEMORY_DB opens one in memory. WAL mode (on disk): readers never block the writer; with
 * synchronous = NORMAL a committed transaction survives a crash of the process (a power cut may lose the last ones).
 */
export function openHistoryDb(file: string, options: OpenHistoryOptions = {}): BetterSqlite3.Database {
  const Database = loadSqlite(file, options);
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 2_000, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // A write now, not at the first poll: a read-only file or another writer's lock is reported here, at open.
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    return db;
  } catch (error) {
    db?.close();
    throw new HistoryUnavailableError(file, describe(error));
  }
}

/**
 * Opens an existing history database for reading only (the CLI's `alerts` and `export`): nothing is created,
 * migrated or written, so a mistyped folder or a running app's database is left exactly as it was.
 */
export function openHistoryDbForReading(file: string, options: Pick<OpenHistoryOptions, 'loadSqlite'> = {}): BetterSqlite3.Database {
  if (!existsSync(file)) {
    throw new HistoryMissingError(
      `There is no history at ${file}. PoolWatch writes it while \`poolwatch serve\` or the desktop app runs; ` +
        'point --data at the folder that holds history.sqlite (by default the config file\'s folder).',
    );
  }
  let Database: DatabaseConstructor;
  try {
    Database = loadSqlite(file, options);
  } catch (error) {
    throw new HistoryMissingError(`The history database ${file} cannot be read (${cliSqliteAdvice(error as SqliteMissingError)}). Nothing was changed.`);
  }
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 2_000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.length) {
      throw new Error(
        version > MIGRATIONS.length
          ? `it is from a newer PoolWatch (schema ${version}, this version reads ${MIGRATIONS.length})`
          : `it is from an older PoolWatch (schema ${version}); start \`poolwatch serve\` or the app once to upgrade it`,
      );
    }
    return db;
  } catch (error) {
    db?.close();
    throw new HistoryMissingError(`The history database ${file} cannot be read (${describe(error)}). Nothing was changed.`);
  }
}

/** The CLI found no history it can read; the message says where it looked and what to do. */
export class HistoryMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryMissingError';
  }
}

/** Applies every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: BetterSqlite3.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is from a newer PoolWatch (schema ${current}, this version knows ${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const step = MIGRATIONS[version]!;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
