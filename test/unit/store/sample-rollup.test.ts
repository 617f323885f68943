import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HashrateHistory, HistoryScope } from '../../../shared/contract';
import type { Worker } from '../../../shared/model';
import { openHistoryDb } from '../../../main/store/history-db';
import { sqliteSampleStore } from '../../../main/store/sample-sqlite';
import { runMaintenanceInSlices } from '../../../main/store/sample-store';
import { DAY, HOUR, MINUTE, T0, TH, fleet, iso, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

type Db = ReturnType<typeof openHistoryDb>;

async function openStore() {
  const db = openHistoryDb(await tempDbFile());
  return { db, store: sqliteSampleStore(db) };
}

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(`SELECT COUNT(*) FROM ${sql}`).pluck().get(...params) as number;
const mark = (db: Db, name: string) => db.prepare('SELECT at_ms FROM rollup_mark WHERE name = ?').pluck().get(name) as number | undefined;
const farm = { accountId: 'farm' };

function pointAt(history: HashrateHistory, ms: number) {
  const point = history.points.find((p) => p.at === iso(ms));
  assert.ok(point, `a point at ${iso(ms)} in ${JSON.stringify(history.points.map((p) => p.at))}`);
  return point;
}

function assertClose(actual: HashrateHistory, expected: HashrateHistory, relative: number, what: string): void {
  assert.equal(actual.resolution, expected.resolution, `${what}: resolution`);
  assert.deepEqual(actual.points.map((p) => p.at), expected.points.map((p) => p.at), `${what}: times`);
  actual.points.forEach((p, i) => {
    const e = expected.points[i]!;
    for (const key of ['min', 'avg', 'max'] as const) {
      assert.ok(Math.abs(p[key] - e[key]) <= relative * Math.abs(e[key]) + 1e-6, `${what}: ${key} at ${p.at}: ${p[key]} vs ${e[key]}`);
    }
  });
}

/** Two groups of workers whose hashrate wanders by a few percent and one worker that goes offline for a while. */
function wandering(step: number): Worker[] {
  return [
    ...Array.from({ length: 8 }, (_, i) => worker('a', `a-${i}`, (10 + Math.sin((step + i * 7) / 9)) * TH)),
    ...Array.from({ length: 4 }, (_, i) => worker('b', `b-${i}`, (5 + ((step * (i + 1)) % 7) / 10) * TH, step % 50 > 40 && i === 0 ? 'offline' : 'online')),
  ];
}

describe('sample store (SQLite): rollups and retention', () => {
  it('keeps a one-poll drop visible in hourly and daily min/max, for the account and for the worker', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 2, 10 * TH);
    const dipped = [worker('a', 'rig-000', 1 * TH), workers[1]!];
    for (let i = 0; i < 180; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, i === 70 ? dipped : workers));

    const rawView = store.hashrate(farm, T0, T0 + DAY, 10);
    assert.equal(rawView.resolution, 'raw');
    assert.equal(Math.min(...rawView.points.map((p) => p.min)), 11 * TH, 'downsampled raw points keep the dip in their min');

    store.runMaintenance(T0 + DAY + 10 * MINUTE);
    assert.equal(mark(db, 'hour'), T0 + DAY);
    assert.equal(mark(db, 'day'), T0 + DAY);

    const hourly = store.hashrate(farm, T0 - 2 * DAY, T0 + DAY, 500);
    assert.equal(hourly.resolution, 'hour');
    const dipHour = pointAt(hourly, T0 + HOUR);
    assert.equal(dipHour.min, 11 * TH);
    assert.equal(dipHour.max, 20 * TH);
    assert.ok(Math.abs(dipHour.avg - (59 * 20 + 11) / 60 * TH) < 1, `time-weighted average ${dipHour.avg}`);
    assert.deepEqual(pointAt(hourly, T0 + 2 * HOUR), { at: iso(T0 + 2 * HOUR), min: 20 * TH, avg: 20 * TH, max: 20 * TH });
    assert.equal(pointAt(store.hashrate({ accountId: 'farm', group: 'a', worker: 'rig-000' }, T0 - 2 * DAY, T0 + DAY, 500), T0 + HOUR).min, 1 * TH);

    const daily = store.hashrate(farm, T0 - 200 * DAY, T0 + DAY, 500);
    assert.equal(daily.resolution, 'day');
    assert.deepEqual({ ...pointAt(daily, T0), avg: 0 }, { at: iso(T0), min: 11 * TH, avg: 0, max: 20 * TH });
    assert.equal(pointAt(store.hashrate({ accountId: 'farm', group: 'a', worker: 'rig-000' }, T0 - 200 * DAY, T0 + DAY, 500), T0).min, 1 * TH);
    db.close();
  });

  it('advances the marks over complete buckets only, and redoing a pass changes nothing', async () => {
    const { db, store } = await openStore();
    const workers = fleet('a', 3, 10 * TH);
    for (let i = 0; i <= 90; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, workers));
    const before = store.hashrate(farm, T0 - 2 * DAY, T0 + 2 * HOUR, 100);

    // Hour 0 ended 9 minutes ago: a poll that started before 01:00 may still be writing.
    store.runMaintenance(T0 + HOUR + 9 * MINUTE);
    assert.equal(mark(db, 'hour'), T0);
    assert.equal(count(db, 'series_rollup'), 0);

    store.runMaintenance(T0 + HOUR + 10 * MINUTE);
    assert.equal(mark(db, 'hour'), T0 + HOUR);
    assert.deepEqual(db.prepare('SELECT DISTINCT at_ms FROM series_rollup').pluck().all(), [T0]);
    assert.equal(mark(db, 'day'), T0, 'the day is not complete');
    assertClose(store.hashrate(farm, T0 - 2 * DAY, T0 + 2 * HOUR, 100), before, 1e-12, 'hourly view after rolling up hour 0');

    const rows = db.prepare('SELECT * FROM series_rollup ORDER BY series_id, level, at_ms').all();
    // A pass stopped midway leaves own rows above the mark: the next pass redoes them, never doubles them.
    db.prepare("UPDATE rollup_mark SET at_ms = ? WHERE name = 'hour'").run(T0);
    store.runMaintenance(T0 + HOUR + 10 * MINUTE);
    assert.deepEqual(db.prepare('SELECT * FROM series_rollup ORDER BY series_id, level, at_ms').all(), rows);
    db.close();
  });

  it('answers the same while maintenance runs in slices, step by step', async () => {
    const { db, store } = await openStore();
    const end = T0 + 3 * DAY;
    for (let at = T0, step = 0; at < end; at += 5 * MINUTE, step += 1) {
      store.recordPoll(pollOf('farm', at, wandering(step)));
      store.recordPoll(pollOf('other', at + 7_000, [worker('x', 'solo', 3 * TH)]));
    }
    const queries: Array<[string, HistoryScope, number, number, number]> = [
      ['account, hourly', farm, T0, end, 100],
      ['group, hourly', { accountId: 'farm', group: 'b' }, T0 - DAY, end, 80],
      ['fleet, raw', {}, end - DAY, end, 50],
      ['fleet, daily', {}, end - 200 * DAY, end, 100],
    ];
    const baseline = queries.map(([, scope, from, to, max]) => store.hashrate(scope, from, to, max));
    const workerScope = { accountId: 'farm', group: 'a', worker: 'a-3' };
    const workerBaseline = store.hashrate(workerScope, T0, end, 100);
    const statesBaseline = store.workerStates({ accountId: 'farm', group: 'b' }, T0, end, 100);

    let steps = 0;
    let rolledUp = 0;
    for (const step of store.maintenanceSteps(end + HOUR)) {
      steps += 1;
      rolledUp += step.rolledUp;
      queries.forEach(([what, scope, from, to, max], i) => assertClose(store.hashrate(scope, from, to, max), baseline[i]!, 1e-9, `${what} after step ${steps}`));
    }
    assert.ok(steps > 5, `${steps} steps`);
    assert.ok(rolledUp > 0);
    assert.equal(mark(db, 'hour'), end);
    assert.equal(mark(db, 'day'), end);
    // Worker rollups are stored on change (5 %), like raw worker rows: close, not identical.
    assertClose(store.hashrate(workerScope, T0, end, 100), workerBaseline, 0.1, 'worker, hourly');
    const states = store.workerStates({ accountId: 'farm', group: 'b' }, T0, end, 100);
    assert.deepEqual(states.points.map((p) => p.at), statesBaseline.points.map((p) => p.at));
    states.points.forEach((p, i) => assert.ok(Math.abs(p.offline - statesBaseline.points[i]!.offline) < 1e-9));
    db.close();
  });

  it('runs maintenance in slices, pausing between steps, with the same result as one full pass', async () => {
    const stores = [await openStore(), await openStore()];
    for (const { store } of stores) for (let step = 0; step < 300; step += 1) store.recordPoll(pollOf('farm', T0 + step * 5 * MINUTE, wandering(step)));
    let pauses = 0;
    const sliced = await runMaintenanceInSlices(stores[0]!.store, T0 + 3 * DAY, async () => {
      pauses += 1;
    });
    assert.deepEqual(sliced, stores[1]!.store.runMaintenance(T0 + 3 * DAY));
    assert.ok(pauses > 3, `${pauses} pauses`);
    const table = (db: Db) => db.prepare('SELECT * FROM worker_rollup ORDER BY level, at_ms, worker_id').all();
    assert.deepEqual(table(stores[0]!.db), table(stores[1]!.db));
    for (const { db } of stores) db.close();
  });

  it('keeps raw samples 48 h, hourly rollups 90 days, daily rollups and balances 2 years, payouts and earnings for good', async () => {
    const { db, store } = await openStore();
    const workers = [worker('a', 'rig', 10 * TH)];
    const first = T0 + 10 * MINUTE;
    const extras = {
      balances: [{ coin: 'BTC', unpaid: 1, unit: 'coin' as const, group: null }],
      payouts: [{ id: 'p1', coin: 'BTC', amount: 1, unit: 'coin' as const, status: 'confirmed' as const, txId: null, at: iso(first), group: null }],
      revenue: [{ day: '2026-01-01', coin: 'BTC', amount: 0.1, unit: 'coin' as const, group: null }],
    };
    store.recordPoll(pollOf('farm', first, workers, extras));
    store.recordPoll(pollOf('farm', first + MINUTE, workers, extras));
    const raw = () => [count(db, 'series_sample'), count(db, 'worker_sample')];

    store.runMaintenance(first + 48 * HOUR - 1);
    assert.deepEqual(raw(), [4, 1], 'nothing older than 48 h yet (account and group every poll, the unchanged worker once)');
    store.runMaintenance(first + 48 * HOUR + 1);
    assert.deepEqual(raw(), [2, 0], 'the first poll is older than 48 h');
    store.runMaintenance(first + MINUTE + 48 * HOUR + 1);
    assert.deepEqual(raw(), [0, 0]);
    const hourView = store.hashrate(farm, T0 - DAY, T0 + 2 * DAY, 100);
    assert.equal(hourView.resolution, 'hour');
    assert.equal(pointAt(hourView, T0).max, 10 * TH, 'the hourly rollup still answers');

    const hourRows = () => [count(db, 'series_rollup WHERE level = 1'), count(db, 'worker_rollup WHERE level = 1')];
    assert.deepEqual(hourRows(), [2, 2], 'one hour of the account and the group; the worker also has its gone row at 01:00');
    store.runMaintenance(T0 + 90 * DAY);
    assert.deepEqual(hourRows(), [2, 2], 'an hour that started exactly 90 days ago is kept');
    store.runMaintenance(T0 + 90 * DAY + 1);
    assert.deepEqual(hourRows(), [0, 1]);
    store.runMaintenance(T0 + HOUR + 90 * DAY + 1);
    assert.deepEqual(hourRows(), [0, 0]);
    const dayView = store.hashrate(farm, T0 - DAY, T0 + 2 * DAY, 100);
    assert.equal(dayView.resolution, 'day');
    assert.equal(pointAt(dayView, T0).max, 10 * TH, 'the daily rollup fills in');

    const dayRows = () => [count(db, 'series_rollup WHERE level = 2'), count(db, 'worker_rollup WHERE level = 2')];
    assert.deepEqual(dayRows(), [2, 2]);
    store.runMaintenance(T0 + 730 * DAY);
    assert.deepEqual(dayRows(), [2, 2]);
    assert.equal(count(db, 'balance_sample'), 1);
    store.runMaintenance(T0 + 730 * DAY + DAY + 1);
    assert.deepEqual(dayRows(), [0, 0]);
    assert.equal(count(db, 'balance_sample'), 0);
    assert.equal(count(db, 'hist_worker'), 1);
    // Its data ended at 01:00 (its gone row): two years and a day later, nothing of it can be left.
    store.runMaintenance(T0 + HOUR + 731 * DAY + 1);
    assert.equal(count(db, 'hist_worker'), 0, 'a worker with no data left is forgotten');
    assert.equal(count(db, 'payout'), 1);
    assert.equal(count(db, 'earning_day'), 1);
    assert.deepEqual(store.hashrate(farm, T0, T0 + 730 * DAY, 100).points, []);
    db.close();
  });

  it('rolls raw samples up before deleting them, even when maintenance first runs days later', async () => {
    const { db, store } = await openStore();
    for (let i = 0; i < 120; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, fleet('a', 5, 2 * TH)));
    const result = store.runMaintenance(T0 + 10 * DAY);
    assert.ok(result.rolledUp > 0 && result.deleted > 0, JSON.stringify(result));
    assert.equal(count(db, 'series_sample') + count(db, 'worker_sample'), 0);
    const view = store.hashrate({ accountId: 'farm', group: 'a' }, T0 - DAY, T0 + 3 * DAY, 200);
    // The 01:59 sample holds for 2.5 poll intervals, into the 02:00 hour.
    assert.deepEqual(view.points.map((p) => [p.at, p.avg]), [
      [iso(T0), 10 * TH],
      [iso(T0 + HOUR), 10 * TH],
      [iso(T0 + 2 * HOUR), 10 * TH],
    ]);
    assert.equal(pointAt(store.hashrate(farm, T0 - 100 * DAY, T0 + 3 * DAY, 500), T0).avg, 10 * TH, '(2 h of a day: the daily average is over the time with data)');
    db.close();
  });

  it('returns at most maxPoints at every level, from raw samples to two years of daily rollups', async () => {
    const { db, store } = await openStore();
    const now = T0 + 2 * DAY;
    const hourly = Array.from({ length: 90 * 24 }, (_, i) => ({ at: iso(now - (i + 1) * HOUR), hps: (8 + (i % 5)) * TH }));
    const daily = Array.from({ length: 729 }, (_, i) => ({ at: iso(T0 - (i + 1) * DAY), hps: 9 * TH }));
    store.recordBackfill('farm', 'Farm', [
      { group: 'a', worker: null, resolution: 'hour', points: hourly },
      { group: 'a', worker: null, resolution: 'day', points: daily },
    ], [], now - 2 * DAY);
    for (let at = now - 2 * DAY; at < now; at += 2 * MINUTE) store.recordPoll(pollOf('farm', at, wandering(at / MINUTE)));
    store.runMaintenance(now);

    const cases: Array<[number, 'raw' | 'hour' | 'day']> = [
      [DAY, 'raw'],
      [7 * DAY, 'hour'],
      [60 * DAY, 'hour'],
      [365 * DAY, 'day'],
      [729 * DAY, 'day'],
    ];
    for (const [span, resolution] of cases) {
      for (const maxPoints of [10, 100, 1000]) {
        for (const scope of [farm, { accountId: 'farm', group: 'a' }, {}]) {
          const history = store.hashrate(scope, now - span, now, maxPoints);
          assert.equal(history.resolution, resolution, `${span / DAY} days`);
          assert.ok(history.points.length > 0 && history.points.length <= maxPoints, `${history.points.length} hashrate points for ${maxPoints}, ${span / DAY} days`);
          const states = store.workerStates(scope, now - span, now, maxPoints);
          assert.ok(states.points.length > 0 && states.points.length <= maxPoints, `${states.points.length} state points for ${maxPoints}`);
        }
      }
    }
    const twoYears = store.hashrate({ accountId: 'farm', group: 'a' }, now - 729 * DAY, now, 1000);
    assert.equal(twoYears.points[0]!.avg, 9 * TH, 'the pool’s daily history reaches back two years');
    db.close();
  });

  it('never paints a bucket’s average over time nobody measured, before or after rollups', async () => {
    const { store } = await openStore();
    // Monitoring starts at 00:20 and stops at 01:30.
    for (let at = T0 + 20 * MINUTE; at <= T0 + 90 * MINUTE; at += MINUTE) store.recordPoll(pollOf('farm', at, fleet('a', 2, 5 * TH)));
    const check = (when: string) => {
      assert.deepEqual(store.hashrate(farm, T0, T0 + 20 * MINUTE, 20).points, [], `${when}: nothing before the first sample`);
      assert.deepEqual(store.hashrate(farm, T0 + 95 * MINUTE, T0 + 2 * HOUR, 20).points, [], `${when}: nothing after the last one`);
      const view = store.hashrate(farm, T0, T0 + 2 * HOUR, 120);
      assert.equal(view.resolution, 'raw', when);
      assert.equal(view.points[0]!.at, iso(T0 + 20 * MINUTE), when);
      assert.deepEqual(store.workerStates({ accountId: 'farm', group: 'a', worker: 'rig-001' }, T0, T0 + 20 * MINUTE, 20).points, [], when);
    };
    check('raw samples only');
    store.runMaintenance(T0 + 3 * HOUR);
    check('after the hourly rollup');
  });

  it('retires a worker that left, and takes it back when it returns', async () => {
    const { db, store } = await openStore();
    const both = [worker('a', 'stays', 10 * TH), worker('a', 'roams', 4 * TH)];
    const active = () => db.prepare('SELECT name, active FROM hist_worker ORDER BY name').all();
    for (let i = 0; i < 300; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, i < 30 ? both : both.slice(0, 1)));
    store.runMaintenance(T0 + 5 * HOUR + 10 * MINUTE);
    assert.deepEqual(active(), [
      { name: 'roams', active: 0 },
      { name: 'stays', active: 1 },
    ]);
    const roams = { accountId: 'farm', group: 'a', worker: 'roams' };
    for (let i = 300; i < 420; i += 1) store.recordPoll(pollOf('farm', T0 + i * MINUTE, both));
    assert.deepEqual(active(), [
      { name: 'roams', active: 1 },
      { name: 'stays', active: 1 },
    ]);
    store.runMaintenance(T0 + 7 * HOUR + 10 * MINUTE);
    const view = store.hashrate(roams, T0 - 2 * DAY, T0 + 7 * HOUR, 500);
    assert.deepEqual(view.points.map((p) => p.at), [0, 5, 6].map((h) => iso(T0 + h * HOUR)), 'hours with the worker, a gap while it was away');
    db.close();
  });
});
