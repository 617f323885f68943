import type { AlertHistoryStore } from './alert-history';
import { queryHashrate, queryHashrateRows, queryWorkerStates } from './sample-query';
import type { SampleSource } from './sample-source';
import type { SampleStore } from './sample-store';

// History when SQLite itself cannot be loaded: nothing is kept, every query answers as an empty database would
// (through the same queries, over a source with no targets), and monitoring and alerts go on without it.

const NOTHING_KEPT: SampleSource = {
  targets: () => [],
  marks: () => ({ hour: -Infinity, day: -Infinity }),
  seriesRaw: () => [],
  seriesRollups: () => [],
  workerRaw: () => [],
  workerRollups: () => [],
};

const NOTHING_DONE = { rolledUp: 0, deleted: 0 };

export const noSampleHistory: SampleStore = {
  recordPoll: () => {},
  recordPollSteps: () => [],
  recordBackfill: () => {},
  hashrate: (scope, fromMs, toMs, maxPoints) => queryHashrate(NOTHING_KEPT, scope, fromMs, toMs, maxPoints),
  workerStates: (scope, fromMs, toMs, maxPoints) => queryWorkerStates(NOTHING_KEPT, scope, fromMs, toMs, maxPoints),
  earnings: () => ({ days: [], payouts: [] }),
  hashrateRows: (scope, fromMs, toMs) => queryHashrateRows(NOTHING_KEPT, scope, fromMs, toMs),
  payoutRows: () => [],
  balanceRows: () => [],
  runMaintenance: () => NOTHING_DONE,
  maintenanceSteps: () => [],
};

/** The alert engine's saved state is not kept either: after a restart it starts fresh, as on first run. */
export const noAlertHistory: AlertHistoryStore = {
  append: () => {},
  query: () => [],
  readState: () => null,
  writeState: () => {},
};
