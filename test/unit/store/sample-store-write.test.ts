import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openHistoryDb } from '../../../main/store/history-db';
import { WRITE_COST_PER_STEP } from '../../../main/store/sample-recorder';
import { sqliteSampleStore, WORKER_ROWS_PER_STEP } from '../../../main/store/sample-sqlite';
import { DAY, HOUR, MINUTE, T0, TH, fleet, iso, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';
import type { Payout, Worker } from '../../../shared/model';

async function openStore() {
  const file = await tempDbFile();
  const db = openHistoryDb(file);
  return { file, db, store: sqliteSampleStore(db) };
}

function count(db: ReturnType<typeof openHistoryDb>, table: string): number {
  return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

describe('sample store (SQLite): writing and reading polls', () => {
  it('records account, group and worker hashrate, and adds accounts up for the fleet', async () => {
    const { db, store } = await openStore();
    const farm = [...fleet('a', 2, 10 * TH), worker('b', 'rig-b', 5 * TH)];
    const other = [worker('x', 'solo', 7 * TH)];
    for (let i = 0; i < 30; i += 1) {
      store.recordPoll(pollOf('farm', T0 + i * MINUTE, farm));
      store.recordPoll(pollOf('other', T0 + i * MINUTE + 20_000, other));
    }
    const avgs = (scope: Parameters<typeof store.hashrate>[0]) => {
      const history = store.hashrate(scope, T0, T0 + 30 * MINUTE, 10);
      assert.equal(history.resolution, 'raw');
      assert.ok(history.points.length > 0 && history.points.length <= 10, `${history.points.length} points`);
      return [...new Set(history.points.map((p) => p.avg))];
    };
    assert.deepEqual(avgs({ accountId: 'farm' }), [25 * TH]);
    assert.deepEqual(avgs({ accountId: 'farm', group: 'a' }), [20 * TH]);
    assert.deepEqual(avgs({ accountId: 'farm', group: 'a', worker: 'rig-001' }), [10 * TH]);
    assert.deepEqual(avgs({ accountId: 'other' }), [7 * TH]);
    // Each account is averaged over the time it has data in a bucket, so samples 20 s apart still add up.
    assert.deepEqual(avgs({}), [32 * TH]);
    assert.deepEqual(store.hashrate({ accountId: 'nobody' }, T0, T0 + HOUR, 10), { resolution: 'raw', levels: [], points: [] });
    // Unchanged workers are not rewritten every poll: one row each, plus at most one keepalive in 30 minutes.
    assert.ok(count(db, 'worker_sample') <= 8, `${count(db, 'worker_sample')} worker rows for 4 workers`);
    assert.equal(count(db, 'series_sample'), 30 * 5, 'account and group samples every poll');
    db.close();
  });

  it('keeps worker states over time: counts for groups and accounts, the share of time for one worker', async () => {
    const { db, store } = await openStore();
    const states = (i: number): Worker[] => [
      worker('a', 'steady', 10 * TH),
      worker('a', 'flaky', i < 10 ? 10 * TH : 0, i < 10 ? 'online' : i < 20 ? 'offline' : 'dead', 0.02),
    ];
    for (let i = 0; i < 30; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, states(i)));
    const group = store.workerStates({ accountId: 'farm', group: 'a' }, T0, T0 + 30 * MINUTE, 30);
    assert.equal(group.resolution, 'raw');
    const at = (minute: number) => group.points.find((p) => p.at === iso(T0 + minute * MINUTE));
    assert.deepEqual(at(5), { at: iso(T0 + 5 * MINUTE), online: 2, offline: 0, dead: 0, unknown: 0 });
    assert.deepEqual(at(15), { at: iso(T0 + 15 * MINUTE), online: 1, offline: 1, dead: 0, unknown: 0 });
    assert.deepEqual(at(25), { at: iso(T0 + 25 * MINUTE), online: 1, offline: 0, dead: 1, unknown: 0 });

    const flaky = store.workerStates({ accountId: 'farm', group: 'a', worker: 'flaky' }, T0, T0 + 30 * MINUTE, 3);
    assert.deepEqual(
      flaky.points.map((p) => [p.online, p.offline, p.dead]),
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    );
    const reject = db.prepare('SELECT DISTINCT reject_ppm FROM worker_sample ws JOIN hist_worker w ON w.id = ws.worker_id WHERE w.name = ?').pluck().all('flaky');
    assert.deepEqual(reject, [20_000], 'the reject rate is kept in parts per million');
    db.close();
  });

  it('ends a worker that leaves its group with a gone row, and counts it again when it comes back', async () => {
    const { db, store } = await openStore();
    const both = [worker('a', 'stays', 10 * TH), worker('a', 'leaves', 4 * TH)];
    for (let i = 0; i < 10; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, i >= 3 && i < 6 ? both.slice(0, 1) : both));
    const stored = db
      .prepare('SELECT ws.at_ms, ws.state FROM worker_sample ws JOIN hist_worker w ON w.id = ws.worker_id WHERE w.name = ? ORDER BY ws.at_ms')
      .all('leaves') as Array<{ at_ms: number; state: number }>;
    assert.deepEqual(
      stored.slice(0, 3).map((row) => [row.at_ms, row.state]),
      [[T0, 0], [T0 + 3 * MINUTE, 4], [T0 + 6 * MINUTE, 0]],
      'a row when first seen, a gone row, one when back',
    );
    assert.ok(stored.slice(3).every((row) => row.state === 0), 'then keepalive rows only');
    const exported = store.hashrateRows({ accountId: 'farm', group: 'a', worker: 'leaves' }, T0, T0 + 10 * MINUTE);
    assert.deepEqual(
      exported.map((row) => [Date.parse(row.at), row.hashrateHps]),
      [0, 1, 2, 6, 7, 8, 9].map((m) => [T0 + m * MINUTE, 4 * TH]),
      'the export has the worker at every poll it was listed in',
    );
    const history = store.hashrate({ accountId: 'farm', group: 'a', worker: 'leaves' }, T0, T0 + 10 * MINUTE, 10);
    assert.deepEqual(history.points.map((p) => p.at), [0, 1, 2, 6, 7, 8, 9].map((m) => iso(T0 + m * MINUTE)));
    db.close();
  });

  it('ends 130,000 workers that leave their group at once (more than a call takes as arguments)', async () => {
    const { db, store } = await openStore();
    const many = fleet('a', 130_001, 10 * TH);
    store.recordPoll(pollOf('farm', T0, many));
    store.recordPoll(pollOf('farm', T0 + MINUTE, many.slice(0, 1)));
    const gone = db.prepare('SELECT COUNT(*) FROM worker_sample WHERE at_ms = ? AND state = 4').pluck().get(T0 + MINUTE);
    assert.equal(gone, 130_000, 'a gone row for every worker that left');
    db.close();
  });

  it('records nothing for a failed poll, and nothing of a poll whose write fails (one transaction)', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 3, 10 * TH);
    store.recordPoll({ ...pollOf('farm', T0, workers), workers: null });
    assert.equal(count(db, 'series_sample'), 0);
    store.recordPoll(pollOf('farm', T0 + MINUTE, workers));
    const broken: Payout = { id: 'p', coin: null as unknown as string, amount: 1, unit: 'coin', status: 'pending', txId: null, at: null, group: null };
    const changed = workers.map((w) => ({ ...w, state: 'offline' as const }));
    assert.throws(() => store.recordPoll(pollOf('farm', T0 + 2 * MINUTE, changed, { payouts: [broken] })), /NOT NULL/);
    assert.equal(db.prepare('SELECT COUNT(*) FROM series_sample WHERE at_ms = ?').pluck().get(T0 + 2 * MINUTE), 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM worker_sample WHERE at_ms = ?').pluck().get(T0 + 2 * MINUTE), 0);
    // The store forgot what it believed was written: the same change is recorded by the next poll.
    store.recordPoll(pollOf('farm', T0 + 3 * MINUTE, changed));
    assert.equal(db.prepare('SELECT COUNT(*) FROM worker_sample WHERE at_ms = ? AND state = 1').pluck().get(T0 + 3 * MINUTE), 3);
    db.close();
  });

  it('upserts payouts by id: a status change updates the one row, first-seen time stands in until the pool gives one', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 1, TH);
    const pending: Payout = { id: 'p1', coin: 'BTC', amount: 0.1, unit: 'coin', status: 'pending', txId: null, at: null, group: 'a' };
    store.recordPoll(pollOf('farm', T0, workers, { payouts: [pending] }));
    store.recordPoll(pollOf('farm', T0 + MINUTE, workers, { payouts: [pending] }));
    assert.deepEqual(store.payoutRows('farm', T0 - DAY, T0 + DAY), [
      { id: 'p1', accountId: 'farm', at: iso(T0), coin: 'BTC', amount: 0.1, unit: 'coin', status: 'pending', txId: null, rawAmount: null, rawUnit: null },
    ]);
    const paidAt = T0 + 30 * MINUTE;
    store.recordPoll(pollOf('farm', T0 + HOUR, workers, { payouts: [{ ...pending, status: 'confirmed', txId: 'tx-9', at: iso(paidAt) }] }));
    store.recordPoll(pollOf('farm', T0 + 2 * HOUR, workers, { payouts: [{ ...pending, status: 'confirmed', at: iso(paidAt) }] }));
    const rows = store.payoutRows(undefined, T0 - DAY, T0 + DAY);
    assert.deepEqual(rows, [{ id: 'p1', accountId: 'farm', at: iso(paidAt), coin: 'BTC', amount: 0.1, unit: 'coin', status: 'confirmed', txId: 'tx-9', rawAmount: null, rawUnit: null }]);
    assert.equal(count(db, 'payout'), 1);
    assert.deepEqual(store.earnings('farm', T0, T0 + DAY).payouts, rows);
    assert.deepEqual(store.payoutRows('farm', paidAt + 1, T0 + DAY), [], 'ranges are [from, to)');
    db.close();
  });

  it('records balances only when they change, and remembers the last ones across a reopen', async () => {
    const { file, db, store } = await openStore();
    const workers = fleet('a', 1, TH);
    const unpaid = [1, 1, 2, 2, 3];
    unpaid.forEach((value, i) =>
      store.recordPoll(pollOf('farm', T0 + i * MINUTE, workers, { balances: [{ coin: 'BTC', unpaid: value, unit: 'coin', group: 'a', totalEarned: 10 + value }] })),
    );
    const expected = [0, 2, 4].map((i) => ({ at: iso(T0 + i * MINUTE), accountId: 'farm', group: 'a', coin: 'BTC', unpaid: unpaid[i]!, totalEarned: 10 + unpaid[i]!, unit: 'coin' }));
    assert.deepEqual(store.balanceRows('farm', T0, T0 + HOUR), expected);
    db.close();

    const again = openHistoryDb(file);
    const reopened = sqliteSampleStore(again);
    reopened.recordPoll(pollOf('farm', T0 + 10 * MINUTE, workers, { balances: [{ coin: 'BTC', unpaid: 3, unit: 'coin', group: 'a', totalEarned: 13 }] }));
    assert.equal(reopened.balanceRows(undefined, T0, T0 + HOUR).length, 3, 'an unchanged balance after a restart is not written again');
    assert.equal(count(again, 'worker_sample'), 1, 'nor is an unchanged worker');
    again.close();
  });

  it('thins balances like samples: every change for 48 h, then the last of each hour, then of each day', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 1, TH);
    // A pay-per-share balance grows every poll: three hours of it, two days later, then once more after 90 days.
    for (let i = 0; i < 180; i += 1) {
      store.recordPoll(pollOf('farm', T0 + i * MINUTE, workers, { balances: [{ coin: 'BTC', unpaid: i, unit: 'coin', group: null }] }));
    }
    store.runMaintenance(T0 + 47 * HOUR);
    assert.equal(store.balanceRows('farm', T0, T0 + DAY).length, 180, 'every change for 48 h');
    store.runMaintenance(T0 + 51 * HOUR);
    assert.deepEqual(store.balanceRows('farm', T0, T0 + DAY).map((row) => [row.at, row.unpaid]), [
      [iso(T0 + 59 * MINUTE), 59],
      [iso(T0 + 119 * MINUTE), 119],
      [iso(T0 + 179 * MINUTE), 179],
    ]);
    store.runMaintenance(T0 + 91 * DAY);
    assert.deepEqual(store.balanceRows('farm', T0, T0 + DAY).map((row) => row.unpaid), [179], 'the last of the day');
    assert.equal(db.prepare('SELECT COUNT(*) FROM balance_sample').pluck().get(), 1);
    db.close();
  });

  it('keeps finished days of earnings (not today’s estimate), sums groups per day and coin, and updates a day', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 1, TH);
    const day = (n: number) => iso(T0 + n * DAY).slice(0, 10);
    const revenue = [
      { day: day(-1), coin: 'BTC', amount: 0.01, unit: 'coin' as const, group: 'a' },
      { day: day(-1), coin: 'BTC', amount: 0.02, unit: 'coin' as const, group: 'b' },
      { day: day(0), coin: 'BTC', amount: 0.5, unit: 'coin' as const, group: 'a' },
    ];
    store.recordPoll(pollOf('farm', T0 + HOUR, workers, { revenue, dailyEarnings: [{ day: day(-3), coin: 'BTC', amount: 0.04, unit: 'coin', group: null }] }));
    const earnings = store.earnings('farm', T0 - 7 * DAY, T0 + DAY);
    assert.deepEqual(earnings.days.map((d) => [d.day, d.amount]), [
      [day(-3), 0.04],
      [day(-1), 0.03],
    ]);
    store.recordPoll(pollOf('farm', T0 + DAY + HOUR, workers, { revenue: [{ ...revenue[2]!, amount: 0.25 }] }));
    assert.deepEqual(store.earnings(undefined, T0, T0 + DAY).days, [{ accountId: 'farm', day: day(0), coin: 'BTC', unit: 'coin', amount: 0.25, rawAmount: null, rawUnit: null, estimate: false }]);
    assert.deepEqual(store.earnings('farm', T0 - 2 * DAY, T0 - DAY).days, [], 'only days inside the range');
    db.close();
  });

  it('records a big poll in steps: a transaction per WRITE_COST_PER_STEP (a new worker costs 4), the same rows as at once', async () => {
    const workers = fleet('a', 2 * WORKER_ROWS_PER_STEP + 10, TH);
    const stepped = await openStore();
    const written: number[] = [];
    const record = (poll: ReturnType<typeof pollOf>) => {
      written.length = 0;
      let before = count(stepped.db, 'worker_sample');
      for (const step of stepped.store.recordPollSteps(poll)) {
        void step;
        const now = count(stepped.db, 'worker_sample');
        written.push(now - before);
        before = now;
      }
      written.push(count(stepped.db, 'worker_sample') - before);
    };
    record(pollOf('farm', T0, workers));
    // Every worker is new: 1,000 a transaction, each written before the next step is asked for.
    assert.ok(written.every((rows) => rows <= WRITE_COST_PER_STEP / 4), `rows per transaction: ${written.join(', ')}`);
    assert.ok(written.length >= Math.ceil(workers.length / (WRITE_COST_PER_STEP / 4)), `steps: ${written.length}`);
    assert.equal(count(stepped.db, 'worker_sample'), workers.length);
    const atOnce = await openStore();
    atOnce.store.recordPoll(pollOf('farm', T0, workers));
    const rows = (db: ReturnType<typeof openHistoryDb>) => db.prepare('SELECT at_ms, hps, state FROM worker_sample ORDER BY worker_id').all();
    assert.deepEqual(rows(stepped.db), rows(atOnce.db));

    // A steady poll where every hashrate moved: a row per worker, 4,000 a transaction, and a step per 5,000 listed.
    record(pollOf('farm', T0 + MINUTE, fleet('a', workers.length, 2 * TH)));
    assert.ok(written.every((rows) => rows <= WRITE_COST_PER_STEP), `rows per transaction: ${written.join(', ')}`);
    assert.equal(written.reduce((sum, rows) => sum + rows, 0), workers.length);
    assert.ok(written.length >= 3, `steps: ${written.length}`);
    stepped.db.close();
    atOnce.db.close();
  });
});
