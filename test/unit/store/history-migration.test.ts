import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { AlertEvent, AlertTransition } from '../../../main/alerts/alert-types';
import { sqliteAlertHistory } from '../../../main/store/alert-history';
import { HistoryUnavailableError, migrate } from '../../../main/store/history-db';
import { openHistoryStores } from '../../../main/store/history-stores';
import { MIGRATIONS } from '../../../main/store/migrations';
import { HOUR, MINUTE, T0, TH, fleet, pollOf, tempDbFile } from '../../support/sample-fixtures';

const scope = { accountId: 'farm', accountLabel: 'Farm', group: 'a', worker: 'rig-000' };
const transition: AlertTransition = {
  key: 'worker-offline:farm:a:rig-000',
  atMs: T0 - HOUR,
  ruleId: 'worker-offline',
  scope,
  ref: null,
  from: 'pending',
  to: 'firing',
  message: 'rig-000 is offline',
  severity: 'warning',
  urgent: false,
  cause: 'condition',
};
const payout: AlertEvent = { key: 'payout', atMs: T0 - 30 * MINUTE, ruleId: 'payout-new', scope: { ...scope, group: null, worker: null }, ref: 'tx1', message: 'New payout 0.1 BTC', severity: 'info', urgent: false };

const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

/** A database as version 1 of PoolWatch left it: alert history and state only, with some of both. */
function versionOneDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  const alerts = sqliteAlertHistory(db);
  alerts.append([transition], [payout]);
  alerts.writeState('alert-engine', '{"version":1}', T0 - MINUTE);
  db.close();
}

function usesSamples(stores: ReturnType<typeof openHistoryStores>): void {
  for (let i = 0; i < 5; i += 1) stores.samples.recordPoll(pollOf('farm', T0 + i * MINUTE, fleet('a', 2, 3 * TH)));
  const history = stores.samples.hashrate({ accountId: 'farm', group: 'a' }, T0, T0 + HOUR, 10);
  assert.deepEqual([...new Set(history.points.map((p) => p.avg))], [6 * TH]);
}

describe('history database migrations', () => {
  it('builds the whole schema in an empty database, once', async () => {
    const file = await tempDbFile();
    const db = new Database(file);
    assert.equal(migrate(db), MIGRATIONS.length);
    assert.equal(db.pragma('user_version', { simple: true }), 3);
    for (const table of ['alert_history', 'kv', 'hist_account', 'hist_series', 'hist_worker', 'series_sample', 'worker_sample', 'series_rollup', 'worker_rollup', 'rollup_mark', 'payout', 'balance_sample', 'earning_day']) {
      assert.ok(tables(db).includes(table), `table ${table}`);
    }
    assert.equal(migrate(db), MIGRATIONS.length, 'a second run changes nothing');
    db.close();
    const stores = openHistoryStores(file);
    usesSamples(stores);
    stores.close();
  });

  it('upgrades a version 1 database holding alert history: the old rows stay, the new tables work', async () => {
    const file = await tempDbFile();
    versionOneDatabase(file);
    const stores = openHistoryStores(file);
    const entries = stores.alerts.query({});
    assert.deepEqual(entries.map((e) => [e.kind, e.ruleId, e.message, e.at]), [
      ['event', 'payout-new', 'New payout 0.1 BTC', new Date(T0 - 30 * MINUTE).toISOString()],
      ['transition', 'worker-offline', 'rig-000 is offline', new Date(T0 - HOUR).toISOString()],
    ]);
    assert.equal(stores.alerts.readState('alert-engine'), '{"version":1}');
    usesSamples(stores);
    stores.alerts.append([{ ...transition, atMs: T0 + HOUR, from: 'firing', to: 'resolved' }], []);
    assert.equal(stores.alerts.query({}).length, 3);
    stores.close();

    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    check.close();
    const again = openHistoryStores(file);
    assert.equal(again.alerts.query({}).length, 3, 'reopening migrates nothing twice');
    again.close();
  });

  it('leaves a database whose upgrade fails exactly as it was (each step is one transaction)', async () => {
    const file = await tempDbFile();
    versionOneDatabase(file);
    const db = new Database(file);
    db.exec('CREATE TABLE payout (note TEXT)'); // a table in the way of step 2
    db.close();
    assert.throws(() => openHistoryStores(file), (error: unknown) => error instanceof HistoryUnavailableError && /already exists/.test(error.message));
    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 1);
    assert.ok(!tables(check).includes('hist_account'), 'no half-applied step');
    assert.equal(check.prepare('SELECT COUNT(*) FROM alert_history').pluck().get(), 2);
    check.close();
  });
});
