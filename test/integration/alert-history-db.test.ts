import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteAlertHistory } from '../../main/store/alert-history';
import { HistoryUnavailableError, MEMORY_DB, migrate, openHistoryDb } from '../../main/store/history-db';
import { MIGRATIONS } from '../../main/store/migrations';
import { openHistory } from '../../main/core/create-pool-watch';
import type { AlertEvent, AlertTransition } from '../../main/alerts/alert-types';
import { silentLogger } from '../../main/base/logger';

const scope = { accountId: 'farm', accountLabel: 'Farm', group: 'batchtest', worker: 'rig-01' };

function transition(atMs: number, from: AlertTransition['from'], to: AlertTransition['to']): AlertTransition {
  return { key: 'k', atMs, ruleId: 'worker-offline', scope, ref: null, from, to, message: 'rig-01 is offline', severity: 'warning', urgent: false, cause: 'condition' };
}
const payout: AlertEvent = { key: 'p', atMs: 5_000, ruleId: 'payout-new', scope: { ...scope, group: null, worker: null }, ref: 'tx1', message: 'New payout 0.1 BTC', severity: 'info', urgent: false };

describe('alert history database (SQLite file)', () => {
  it('creates the schema, stores transitions and events, and queries them newest first with filters', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pw-db-')), 'history.sqlite');
    const db = openHistoryDb(file);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    const store = sqliteAlertHistory(db);
    store.append([transition(1_000, 'pending', 'firing'), transition(9_000, 'resolving', 'resolved')], [payout]);
    const all = store.query({});
    assert.deepEqual(all.map((entry) => [entry.kind, entry.to]), [['transition', 'resolved'], ['event', null], ['transition', 'firing']]);
    assert.equal(all[2]?.at, new Date(1_000).toISOString());
    assert.deepEqual(all[2]?.scope, scope);
    assert.equal(store.query({ ruleId: 'payout-new' }).length, 1);
    assert.equal(store.query({ from: new Date(2_000).toISOString() }).length, 2);
    assert.equal(store.query({ text: 'payout' }).length, 1);
    assert.equal(store.query({ text: '100%_' }).length, 0, 'LIKE wildcards in the search are literal');
    assert.equal(store.query({ limit: 1 }).length, 1);
    db.close();

    // Reopening keeps everything and does not migrate twice.
    const again = openHistoryDb(file);
    assert.equal(sqliteAlertHistory(again).query({}).length, 3);
    again.close();
  });

  it('keeps small state by name', async () => {
    const db = openHistoryDb(join(await mkdtemp(join(tmpdir(), 'pw-db-')), 'h.sqlite'));
    const store = sqliteAlertHistory(db);
    assert.equal(store.readState('alert-engine'), null);
    store.writeState('alert-engine', '{"a":1}', 1);
    store.writeState('alert-engine', '{"a":2}', 2);
    assert.equal(store.readState('alert-engine'), '{"a":2}');
    db.close();
  });

  it('refuses a database from a newer version and a damaged file, with a clear error, changing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-db-'));
    const newer = openHistoryDb(join(dir, 'newer.sqlite'));
    newer.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    newer.close();
    assert.throws(() => openHistoryDb(join(dir, 'newer.sqlite')), (error: unknown) => error instanceof HistoryUnavailableError && /newer PoolWatch/.test(error.message));

    const damaged = join(dir, 'damaged.sqlite');
    await writeFile(damaged, 'this is not a database, just text that is long enough to look like a header'.repeat(100));
    assert.throws(() => openHistoryDb(damaged), (error: unknown) => error instanceof HistoryUnavailableError && /keeps monitoring/.test(error.message));
    const { readFile } = await import('node:fs/promises');
    assert.match(await readFile(damaged, 'utf8'), /^this is not a database/, 'the damaged file is left as it was');
  });

  it('falls back to memory when the folder cannot hold a database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-db-'));
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const history = openHistory(blocker, silentLogger);
    assert.match(history.problem ?? '', /cannot be opened/);
    history.alerts.append([transition(1, 'pending', 'firing')], []);
    assert.equal(history.alerts.query({}).length, 1);
    assert.deepEqual(history.samples.hashrate({}, 0, Date.now(), 100).points, [], 'sample history is in memory too');
  });

  it('migrates an older database step by step', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(await mkdtemp(join(tmpdir(), 'pw-db-')), 'old.sqlite'));
    assert.equal(migrate(db), MIGRATIONS.length);
    assert.equal(migrate(db), MIGRATIONS.length, 'a second run changes nothing');
    db.close();
  });

  it('the store in memory answers the same queries and stays bounded', () => {
    const store = sqliteAlertHistory(openHistoryDb(MEMORY_DB), 2);
    store.append([transition(1, 'pending', 'firing'), transition(2, 'firing', 'resolving'), transition(3, 'resolving', 'resolved')], []);
    assert.deepEqual(store.query({}).map((entry) => entry.to), ['resolved', 'resolving']);
  });
});
