import { memoryAlertHistory, sqliteAlertHistory, type AlertHistoryStore } from './alert-history';
import { openHistoryDb, openHistoryDbForReading, type OpenHistoryOptions } from './history-db';
import { memorySampleStore } from './sample-memory';
import { sqliteSampleStore } from './sample-sqlite';
import type { SampleStore } from './sample-store';

/** Both stores of the history database (alerts, and hashrate/earnings samples) over one connection. */
export interface HistoryStores {
  alerts: AlertHistoryStore;
  samples: SampleStore;
  /** Where history lives: the database file, or null in memory. */
  file: string | null;
  close(): void;
}

/** Opens the history database once for both stores; throws HistoryUnavailableError (and changes nothing on disk) when it cannot. */
export function openHistoryStores(file: string, options: OpenHistoryOptions = {}): HistoryStores {
  const db = openHistoryDb(file, options);
  return { alerts: sqliteAlertHistory(db), samples: sqliteSampleStore(db), file, close: () => db.close() };
}

/** Both stores over an existing database, read only; throws HistoryMissingError when there is none it can read. */
export function readHistoryStores(file: string): HistoryStores {
  const db = openHistoryDbForReading(file);
  return { alerts: sqliteAlertHistory(db), samples: sqliteSampleStore(db), file, close: () => db.close() };
}

/** Both stores in memory, bounded: the fallback when the database cannot be opened. */
export function memoryHistoryStores(): HistoryStores {
  return { alerts: memoryAlertHistory(), samples: memorySampleStore(), file: null, close: () => {} };
}
