import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryScope } from '../../../shared/contract';
import type { HashrateSeries, Worker } from '../../../shared/model';
import { openHistoryDb } from '../../../main/store/history-db';
import { MEMORY_LIMITS } from '../../../main/store/sample-memory-data';
import { memorySampleStore, sqliteSampleStore, type SampleStore } from '../../../main/store/sample-store';
import { DAY, HOUR, MINUTE, T0, TH, iso, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

function workersAt(step: number): Worker[] {
  return [
    ...Array.from({ length: 6 }, (_, i) => worker('a', `a-${i}`, (10 + Math.sin((step + i * 5) / 7)) * TH, step % 40 > 35 && i < 2 ? 'offline' : 'online', i === 0 ? (step % 9) / 1000 : null)),
    ...(step % 100 < 60 ? [worker('b', 'comes-and-goes', 2 * TH, 'online')] : [worker('b', 'other', 1 * TH, 'dead')]),
  ];
}

const pool: HashrateSeries[] = [
  { group: 'a', worker: null, resolution: 'hour', points: Array.from({ length: 72 }, (_, i) => ({ at: iso(T0 - (i + 1) * HOUR), hps: 50 * TH })) },
  { group: 'a', worker: 'a-1', resolution: 'hour', points: Array.from({ length: 72 }, (_, i) => ({ at: iso(T0 - (i + 1) * HOUR), hps: 9 * TH })) },
];

/** The same two days of polls (payouts, balances, earnings, pool history included) into a store. */
function feed(store: SampleStore): void {
  store.recordBackfill('farm', 'Farm', pool, [{ day: '2026-01-02', coin: 'BTC', amount: 0.3, unit: 'coin', group: null }]);
  for (let step = 0, at = T0; at < T0 + 2 * DAY; step += 1, at += 5 * MINUTE) {
    const unpaid = Math.floor(step / 30) / 100;
    store.recordPoll(
      pollOf('farm', at, workersAt(step), {
        balances: [{ coin: 'BTC', unpaid, unit: 'coin', group: 'a', totalEarned: null }],
        payouts: step >= 100 ? [{ id: 'p1', coin: 'BTC', amount: 0.5, unit: 'coin', status: step >= 200 ? 'confirmed' : 'pending', txId: step >= 200 ? 'tx' : null, at: null, group: 'a' }] : [],
        revenue: [{ day: iso(at - DAY).slice(0, 10), coin: 'BTC', amount: 0.1, unit: 'coin', group: 'a' }],
      }),
    );
    store.recordPoll(pollOf('other', at + 30_000, [worker('x', 'solo', 4 * TH)]));
  }
}

const end = T0 + 2 * DAY;
const scopes: HistoryScope[] = [{}, { accountId: 'farm' }, { accountId: 'farm', group: 'a' }, { accountId: 'farm', group: 'a', worker: 'a-0' }, { accountId: 'farm', group: 'b', worker: 'comes-and-goes' }];

function answers(store: SampleStore, includeWorkersAtHourLevel: boolean) {
  return {
    raw: scopes.map((scope) => store.hashrate(scope, end - DAY, end, 60)),
    states: scopes.map((scope) => store.workerStates(scope, end - DAY, end, 60)),
    hourly: scopes.filter((scope) => includeWorkersAtHourLevel || scope.worker === undefined).map((scope) => store.hashrate(scope, T0 - 3 * DAY, end, 200)),
    rows: store.hashrateRows({ accountId: 'farm', group: 'a' }, end - 6 * HOUR, end),
    earnings: store.earnings(undefined, T0 - 7 * DAY, end),
    payouts: store.payoutRows('farm', T0, end),
    balances: store.balanceRows(undefined, T0, end),
  };
}

describe('sample store in memory', () => {
  it('answers like the SQLite store for the same polls, before and after the SQLite rollups', async () => {
    const db = openHistoryDb(await tempDbFile());
    const sqlite = sqliteSampleStore(db);
    // Room for every row (a-0's reject rate moves every poll): the row cap is tested on its own below.
    const memory = memorySampleStore({ ...MEMORY_LIMITS, workerRows: 1_000 });
    feed(sqlite);
    feed(memory);
    const fromMemory = answers(memory, true);
    assert.deepEqual(answers(sqlite, true), fromMemory);
    assert.ok(fromMemory.raw.every((history) => history.points.length > 0));
    assert.ok(fromMemory.hourly[2]!.points.some((p) => p.avg === 50 * TH), 'the pool’s history shows before our samples');
    assert.equal(fromMemory.payouts[0]?.status, 'confirmed');

    sqlite.runMaintenance(end + 10 * MINUTE);
    // Worker rollups are stored on change in SQLite, so workers are compared only at the raw level here.
    assert.deepEqual(answers(sqlite, false), answers(memory, false));
    db.close();
  });

  it('keeps a worker’s newest rows only, up to its cap', () => {
    const store = memorySampleStore();
    for (let i = 0; i < 500; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, [worker('a', 'flappy', i % 2 === 0 ? TH : 2 * TH)]));
    const rows = store.hashrateRows({ accountId: 'farm', group: 'a', worker: 'flappy' }, T0, T0 + DAY);
    assert.equal(rows.length, MEMORY_LIMITS.workerRows);
    assert.equal(rows[rows.length - 1]!.at, iso(T0 + 499 * MINUTE));
  });

  it('keeps raw samples 48 hours and a bounded number of workers; maintenance frees room', () => {
    const store = memorySampleStore({ ...MEMORY_LIMITS, workers: 3 });
    const many = Array.from({ length: 5 }, (_, i) => worker('a', `w${i}`, TH));
    for (let at = T0; at < T0 + 3 * DAY; at += 30 * MINUTE) store.recordPoll(pollOf('farm', at, many));
    const rows = store.hashrateRows({ accountId: 'farm' }, T0 + 20 * HOUR, T0 + 26 * HOUR);
    assert.deepEqual(rows.slice(0, 2).map((row) => [row.at, row.resolution]), [
      [iso(T0 + 3 * DAY - 30 * MINUTE - 48 * HOUR), 'raw'],
      [iso(T0 + 24 * HOUR), 'raw'],
    ], 'account samples older than 48 h (before the last poll) are gone');
    const stored = many.filter((w) => store.hashrateRows({ accountId: 'farm', group: 'a', worker: w.name }, T0, T0 + 3 * DAY).length > 0);
    assert.deepEqual(stored.map((w) => w.name), ['w0', 'w1', 'w2']);
    assert.equal(store.hashrate({ accountId: 'farm', group: 'a' }, T0 + 2 * DAY, T0 + 3 * DAY, 10).points[0]!.avg, 5 * TH, 'the group figure still counts every worker');

    // The first three leave; two days later maintenance forgets them and the others find room.
    const later = T0 + 3 * DAY;
    store.recordPoll(pollOf('farm', later, many.slice(3)));
    const result = store.runMaintenance(later + 49 * HOUR);
    assert.ok(result.deleted > 0);
    store.recordPoll(pollOf('farm', later + 49 * HOUR, many.slice(3)));
    assert.equal(store.hashrateRows({ accountId: 'farm', group: 'a', worker: 'w4' }, later, later + 3 * DAY).length, 1);
  });

  it('merges backfill twice without change and lets its own samples win', () => {
    const store = memorySampleStore();
    store.recordBackfill('farm', 'Farm', pool, []);
    const once = store.hashrate({ accountId: 'farm', group: 'a' }, T0 - 3 * DAY, T0 + 3 * HOUR, 500);
    store.recordBackfill('farm', 'Farm', pool, []);
    assert.deepEqual(store.hashrate({ accountId: 'farm', group: 'a' }, T0 - 3 * DAY, T0 + 3 * HOUR, 500), once);
    for (let at = T0 - 2 * HOUR; at < T0; at += MINUTE) store.recordPoll(pollOf('farm', at, [worker('a', 'a-1', 20 * TH)]));
    const view = store.hashrate({ accountId: 'farm', group: 'a' }, T0 - 3 * DAY, T0 + 3 * HOUR, 500);
    assert.equal(view.points.find((p) => p.at === iso(T0 - 3 * HOUR))?.avg, 50 * TH);
    assert.equal(view.points.find((p) => p.at === iso(T0 - 2 * HOUR))?.avg, 20 * TH);
  });
});
