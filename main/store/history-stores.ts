import { sqliteAlertHistory, type AlertHistoryStore } from './alert-history';
import type BetterSqlite3 from 'better-sqlite3';
import { HistoryMissingError, HistoryUnavailableError, MEMORY_DB, openHistoryDb, openHistoryDbForReading, type OpenHistoryOptions } from './history-db';
import { noAlertHistory, noSampleHistory } from './no-history';
import { DISK_RETENTION, MEMORY_RETENTION, type Retention } from './sample-policy';
import { sqliteSampleStore } from './sample-sqlite';
import type { SampleStore } from './sample-store';

/** Both stores of the history database (alerts, and hashrate/earnings samples) over one connection. */
export interface HistoryStores {
  alerts: AlertHistoryStore;
  samples: SampleStore;
  close(): void;
}

/** Alert rows a database in memory keeps (the newest). */
export const MEMORY_ALERT_ROWS = 10_000;

/** Opens the history database once for both stores; throws HistoryUnavailableError (and changes nothing on disk) when it cannot. */
export function openHistoryStores(file: string, options: OpenHistoryOptions = {}): HistoryStores {
  return storesOver(openHistoryDb(file, options), DISK_RETENTION, undefined, (reason) => new HistoryUnavailableError(file, reason));
}

/**
 * The same database in memory, with the same migrations, for when the file cannot be opened: bounded by shorter
 * retention and a cap on alert rows, lost at exit. Throws SqliteMissingError when SQLite cannot be loaded at all.
 */
export function openMemoryHistoryStores(options: OpenHistoryOptions = {}): HistoryStores {
  return storesOver(openHistoryDb(MEMORY_DB, options), MEMORY_RETENTION, MEMORY_ALERT_ROWS, (reason) => new HistoryUnavailableError(MEMORY_DB, reason));
}

/** Both stores over an existing database, read only; throws HistoryMissingError when there is none it can read. */
export function readHistoryStores(file: string, options: Pick<OpenHistoryOptions, 'loadSqlite'> = {}): HistoryStores {
  return storesOver(openHistoryDbForReading(file, options), DISK_RETENTION, undefined, (reason) => new HistoryMissingError(`The history database ${file} cannot be read (${reason}). Nothing was changed.`));
}

/** Both stores over one connection; the connection is closed if either cannot be built (a damaged schema). */
function storesOver(db: BetterSqlite3.Database, retention: Retention, maxAlertRows: number | undefined, failure: (reason: string) => Error): HistoryStores {
  try {
    return { alerts: sqliteAlertHistory(db, maxAlertRows), samples: sqliteSampleStore(db, retention), close: () => db.close() };
  } catch (error) {
    db.close();
    throw failure((error as Error).message);
  }
}

/** No history at all: what runs when SQLite itself cannot be loaded. */
export function noHistoryStores(): HistoryStores {
  return { alerts: noAlertHistory, samples: noSampleHistory, close: () => {} };
}
