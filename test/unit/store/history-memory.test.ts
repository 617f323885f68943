import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import type { Worker } from '../../../shared/model';
import { MEMORY_DB, openHistoryDb } from '../../../main/store/history-db';
import { openMemoryHistoryStores } from '../../../main/store/history-stores';
import { MIGRATIONS } from '../../../main/store/migrations';
import { DISK_RETENTION, MEMORY_RETENTION, type Retention } from '../../../main/store/sample-policy';
import { sqliteSampleStore } from '../../../main/store/sample-sqlite';
import type { SampleStore } from '../../../main/store/sample-store';
import { DAY, HOUR, MINUTE, T0, TH, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

// History in memory (the file could not be opened) is the same SQLite store on ":memory:": the same schema and code,
// with shorter retention so a long run stays bounded.

/** 40 workers whose hashrate swings every poll (the worst case for rows), and one that leaves now and then. */
function workersAt(step: number): Worker[] {
  return [
    ...Array.from({ length: 40 }, (_, i) => worker('a', `rig-${i}`, ((step + i) % 2 === 0 ? 10 : 14) * TH)),
    ...(step % 50 < 40 ? [worker('b', 'comes-and-goes', 2 * TH)] : []),
  ];
}

/** Polls every `everyMs` from `fromMs` to `endMs`, with maintenance every `maintainEveryMs` (the app: hourly). */
function feed(store: SampleStore, fromStep: number, fromMs: number, endMs: number, everyMs: number, maintainEveryMs = HOUR): number {
  let step = fromStep;
  let nextMaintenance = fromMs + maintainEveryMs;
  for (let at = fromMs; at < endMs; at += everyMs, step += 1) {
    store.recordPoll(pollOf('farm', at, workersAt(step)));
    if (at >= nextMaintenance) {
      store.runMaintenance(at);
      nextMaintenance += maintainEveryMs;
    }
  }
  return step;
}

function storeIn(db: BetterSqlite3.Database, retention: Retention): SampleStore {
  return sqliteSampleStore(db, retention);
}

/** Rows of every sample and rollup table: what grows with time. */
function storedRows(db: BetterSqlite3.Database): number {
  const tables = ['series_sample', 'worker_sample', 'series_rollup', 'worker_rollup', 'balance_sample'];
  return tables.reduce((sum, table) => sum + (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number), 0);
}

describe('history in memory', () => {
  it('is the history database on ":memory:": every migration applied, the same tables as on disk', async () => {
    const tables = (db: BetterSqlite3.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").pluck().all();
    const memory = openHistoryDb(MEMORY_DB);
    const disk = openHistoryDb(await tempDbFile());
    assert.equal(memory.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.deepEqual(tables(memory), tables(disk));
    assert.ok(tables(memory).includes('worker_sample'));
    memory.close();
    disk.close();
  });

  it('keeps raw samples for hours, not two days, and charts the rest of a day from hourly rollups', async () => {
    const end = T0 + 2 * DAY;
    const memory = openMemoryHistoryStores();
    const disk = openHistoryDb(await tempDbFile());
    const onDisk = storeIn(disk, DISK_RETENTION);
    feed(memory.samples, 0, T0, end, 10 * MINUTE);
    feed(onDisk, 0, T0, end, 10 * MINUTE);
    memory.samples.runMaintenance(end);
    onDisk.runMaintenance(end);

    const dayRows = (store: SampleStore) => store.hashrateRows({ accountId: 'farm' }, end - DAY, end);
    const rawFrom = (store: SampleStore) => Date.parse(dayRows(store).find((row) => row.resolution === 'raw')!.at);
    assert.equal(rawFrom(onDisk), end - DAY, 'on disk the whole day is raw');
    const memoryRawFrom = rawFrom(memory.samples);
    assert.ok(memoryRawFrom >= end - MEMORY_RETENTION.rawMs - 2 * HOUR, `raw rows in memory reach back to ${new Date(memoryRawFrom).toISOString()}`);
    assert.ok(memoryRawFrom <= end - MEMORY_RETENTION.rawMs, 'raw rows are kept for the window, and until rolled up');

    // The chart of the day still covers all of it: hourly points where raw ones are gone, with the same average.
    const chart = memory.samples.hashrate({ accountId: 'farm' }, end - DAY, end, 500);
    assert.equal(chart.resolution, 'hour');
    assert.ok(Date.parse(chart.points[0]!.at) < end - 23 * HOUR, `the chart starts at ${chart.points[0]!.at}`);
    const average = (store: SampleStore) => {
      const points = store.hashrate({ accountId: 'farm' }, end - DAY, end - 12 * HOUR, 12).points;
      return points.reduce((sum, p) => sum + p.avg, 0) / points.length;
    };
    assert.ok(Math.abs(average(memory.samples) - average(onDisk)) / average(onDisk) < 0.01, 'hourly rollups agree with the raw samples');
    memory.close();
    disk.close();
  });

  it('stops growing on a long run, where the same polls on disk retention keep growing', () => {
    const sizes = (retention: Retention) => {
      const db = openHistoryDb(MEMORY_DB);
      const store = storeIn(db, retention);
      const step = feed(store, 0, T0, T0 + 9 * DAY, 20 * MINUTE, 6 * HOUR);
      const afterNine = storedRows(db);
      feed(store, step, T0 + 9 * DAY, T0 + 16 * DAY, 20 * MINUTE, 6 * HOUR);
      const afterSixteen = storedRows(db);
      db.close();
      return { afterNine, afterSixteen };
    };
    const memory = sizes(MEMORY_RETENTION);
    assert.ok(memory.afterSixteen <= memory.afterNine * 1.05, `in memory: ${memory.afterNine} rows after 9 days, ${memory.afterSixteen} after 16`);
    const disk = sizes(DISK_RETENTION);
    assert.ok(disk.afterSixteen > disk.afterNine * 1.3, `disk retention: ${disk.afterNine} rows after 9 days, ${disk.afterSixteen} after 16`);
  });
});
