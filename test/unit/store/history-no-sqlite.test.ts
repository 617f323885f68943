import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openHistory } from '../../../main/core/create-pool-watch';
import type { AlertTransition } from '../../../main/alerts/alert-types';
import { HistoryMissingError } from '../../../main/store/history-db';
import { openHistoryStores, readHistoryStores } from '../../../main/store/history-stores';
import { captureLogger } from '../../support/capture-logger';
import { MINUTE, T0, TH, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

// When SQLite itself cannot be loaded there is no database to open, not even in memory: PoolWatch runs without
// history and says why. The failure is made where the module is loaded (the loader), not by replacing the store.

const missingModule = (): never => {
  throw Object.assign(new Error("Cannot find module 'better-sqlite3'\nRequire stack:\n- /app/main.js"), { code: 'MODULE_NOT_FOUND' });
};

const transition: AlertTransition = {
  atMs: T0,
  key: 'fleet-offline|farm',
  ruleId: 'fleet-offline',
  scope: { accountId: 'farm', accountLabel: 'Farm', group: null, worker: null },
  ref: null,
  from: 'pending',
  to: 'firing',
  message: 'All workers offline',
  severity: 'critical',
  urgent: true,
  cause: 'condition',
};

function usesNoHistory(history: ReturnType<typeof openHistory>): void {
  history.samples.recordPoll(pollOf('farm', T0, [worker('a', 'rig', TH)]));
  history.samples.recordBackfill('farm', 'Farm', [], [], T0);
  assert.deepEqual(history.samples.hashrate({ accountId: 'farm' }, T0 - MINUTE, T0 + MINUTE, 100), { resolution: 'raw', levels: [], points: [] });
  assert.deepEqual(history.samples.workerStates({}, T0 - MINUTE, T0 + MINUTE, 100).points, []);
  assert.deepEqual(history.samples.earnings(undefined, 0, T0 + MINUTE), { days: [], payouts: [] });
  assert.deepEqual(history.samples.hashrateRows({}, 0, T0 + MINUTE), []);
  assert.deepEqual(history.samples.runMaintenance(T0), { rolledUp: 0, deleted: 0 });
  history.alerts.append([transition], []);
  history.alerts.writeState('alert-engine', '{}', T0);
  assert.deepEqual(history.alerts.query({}), []);
  assert.equal(history.alerts.readState('alert-engine'), null);
  history.close();
}

describe('history without SQLite', () => {
  it('runs without history when the module cannot be loaded, says why, and writes nothing to the data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-no-sqlite-'));
    const logger = captureLogger();
    const history = openHistory(dir, logger, { loadSqlite: missingModule });
    assert.match(history.problem ?? '', /the SQLite module could not be loaded: Cannot find module 'better-sqlite3'\)/);
    assert.match(history.problem ?? '', /keeps monitoring and alerting without history: charts, exports and the alert history stay empty/);
    assert.doesNotMatch(history.problem ?? '', /Require stack|history in memory/, 'the first line of the error, and no promise of history in memory');
    assert.deepEqual(logger.lines, [`error ${history.problem}`], 'logged once');
    usesNoHistory(history);
    assert.deepEqual(await readdir(dir), []);
  });

  it('says the same when history was to be in memory only', () => {
    const history = openHistory(null, captureLogger(), { loadSqlite: missingModule });
    assert.match(history.problem ?? '', /in memory cannot be opened \(the SQLite module could not be loaded/);
    assert.match(history.problem ?? '', /without history/);
    usesNoHistory(history);
  });

  it('hands the loader the addon to load, and runs without history when that build is missing', async () => {
    const asked: Array<string | undefined> = [];
    const binding = join(tmpdir(), 'no-such-dir', 'better_sqlite3.node');
    openHistory(null, captureLogger(), { nativeBinding: binding, loadSqlite: (nativeBinding) => (asked.push(nativeBinding), missingModule()) });
    assert.deepEqual(asked, [binding]);
    // The real loader, no injection: an addon that is not there fails at load, not at the first poll.
    const history = openHistory(await mkdtemp(join(tmpdir(), 'pw-no-sqlite-')), captureLogger(), { nativeBinding: binding });
    assert.match(history.problem ?? '', /the SQLite module could not be loaded: .*no-such-dir/);
    assert.match(history.problem ?? '', /without history/);
    usesNoHistory(history);
  });

  it('the CLI reading saved history says SQLite could not be loaded and how to rebuild it', async () => {
    const file = await tempDbFile();
    openHistoryStores(file).close();
    assert.throws(
      () => readHistoryStores(file, { loadSqlite: missingModule }),
      (error: unknown) =>
        error instanceof HistoryMissingError &&
        error.message === `The history database ${file} cannot be read (the SQLite module could not be loaded: Cannot find module 'better-sqlite3'; rebuild it for this Node with \`npm rebuild better-sqlite3\`). Nothing was changed.`,
    );
  });
});
