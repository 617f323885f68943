import { memoryAlertHistory, sqliteAlertHistory, type AlertHistoryStore } from './alert-history';
import type BetterSqlite3 from 'better-sqlite3';
import { HistoryMissingError, HistoryUnavailableError, openHistoryDb, openHistoryDbForReading, type OpenHistoryOptions } from './history-db';
import { memorySampleStore } from './sample-memory';
import { sqliteSampleStore } from './sample-sqlite';
import type { SampleStore } from './sample-store';

/** Both stores of the history database (alerts, and hashrate/earnings samples) over one connection. */
export interface HistoryStores {
  alerts: AlertHistoryStore;
  samples: SampleStore;
  close(): void;
}

/** Opens the history database once for both stores; throws HistoryUnavailableError (and changes nothing on disk) when it cannot. */
export function openHistoryStores(file: string, options: OpenHistoryOptions = {}): HistoryStores {
  return storesOver(openHistoryDb(file, options), (reason) => new HistoryUnavailableError(file, reason));
}

/** Both stores over an existing database, read only; throws HistoryMissingError when there is none it can read. */
export function readHistoryStores(file: string): HistoryStores {
  return storesOver(openHistoryDbForReading(file), (reason) => new HistoryMissingError(`The history database ${file} cannot be read (${reason}). Nothing was changed.`));
}

/** Both stores over one connection; the connection is closed if either cannot be built (a damaged schema). */
function storesOver(db: BetterSqlite3.Database, failure: (reason: string) => Error): HistoryStores {
  try {
    return { alerts: sqliteAlertHistory(db), samples: sqliteSampleStore(db), close: () => db.close() };
  } catch (error) {
    db.close();
    throw failure((error as Error).message);
  }
}

/** Both stores in memory, bounded: the fallback when the database cannot be opened. */
export function memoryHistoryStores(): HistoryStores {
  return { alerts: memoryAlertHistory(), samples: memorySampleStore(), close: () => {} };
}
