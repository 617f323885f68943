import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HashrateSeries, RevenueEstimate } from '../../../shared/model';
import { openHistoryDb } from '../../../main/store/history-db';
import { sqliteSampleStore } from '../../../main/store/sample-sqlite';
import { DAY, HOUR, MINUTE, T0, TH, iso, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

type Db = ReturnType<typeof openHistoryDb>;

async function openStore() {
  const db = openHistoryDb(await tempDbFile());
  return { db, store: sqliteSampleStore(db) };
}

/** Hourly points of `hps` for the hours [fromMs, toMs). */
function hours(fromMs: number, toMs: number, hps: number): HashrateSeries['points'] {
  const points = [];
  for (let at = fromMs; at < toMs; at += HOUR) points.push({ at: iso(at), hps });
  return points;
}

function tableRows(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['hist_account', 'hist_series', 'hist_worker', 'series_rollup', 'worker_rollup', 'earning_day']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
  }
  // When a day was last updated is not part of what was stored.
  out.earning_day = (out.earning_day as Array<Record<string, unknown>>).map(({ updated_ms: _updated, ...row }) => row);
  return out;
}

const groupA = { accountId: 'farm', group: 'a' };
const pool: HashrateSeries[] = [
  { group: 'a', worker: null, resolution: 'hour', points: hours(T0 - DAY, T0 + 3 * HOUR, 5 * TH) },
  { group: 'b', worker: null, resolution: 'hour', points: hours(T0 - DAY, T0 + 3 * HOUR, 2 * TH) },
  { group: 'a', worker: null, resolution: 'day', points: [2, 3, 4].map((n) => ({ at: iso(T0 - n * DAY), hps: 4 * TH })) },
  { group: 'a', worker: 'rig', resolution: 'hour', points: hours(T0 - DAY, T0 + 3 * HOUR, 3 * TH) },
];
const days: RevenueEstimate[] = [
  { day: '2026-01-03', coin: 'BTC', amount: 0.02, unit: 'coin', group: 'a' },
  { day: '2026-01-04', coin: 'BTC', amount: 0.03, unit: 'coin', group: 'a' },
];

describe('sample store (SQLite): backfill from the pools’ own history', () => {
  it('merges the same history twice without a single new row', async () => {
    const { db, store } = await openStore();
    store.recordBackfill('farm', 'Farm', pool, days, T0);
    const once = tableRows(db);
    const view = store.hashrate(groupA, T0 - 5 * DAY, T0 + 3 * HOUR, 1000);
    store.recordBackfill('farm', 'Farm', pool, days, T0);
    assert.deepEqual(tableRows(db), once);
    assert.deepEqual(store.hashrate(groupA, T0 - 5 * DAY, T0 + 3 * HOUR, 1000), view);

    // The same history riding along with polls (as the adapters send it) adds nothing either.
    store.recordPoll(pollOf('farm', T0 + 4 * HOUR, [worker('a', 'rig', 10 * TH)], { history: pool, dailyEarnings: days }));
    store.recordPoll(pollOf('farm', T0 + 4 * HOUR + MINUTE, [worker('a', 'rig', 10 * TH)], { history: pool, dailyEarnings: days }));
    const after = tableRows(db);
    assert.deepEqual(after.series_rollup, once.series_rollup);
    assert.deepEqual(after.earning_day, once.earning_day);
    assert.deepEqual(store.earnings('farm', T0 - 3 * DAY, T0).days.map((d) => [d.day, d.amount]), [
      ['2026-01-03', 0.02],
      ['2026-01-04', 0.03],
    ]);

    // The account's series is the sum of its groups, hour by hour.
    const account = store.hashrate({ accountId: 'farm' }, T0 - 3 * DAY, T0, 1000);
    assert.equal(account.resolution, 'day', 'the coarsest data used: the pool’s daily points before its hours');
    assert.deepEqual([...new Set(account.points.filter((p) => p.at >= iso(T0 - DAY)).map((p) => p.avg))], [7 * TH]);
    db.close();
  });

  it('lets our own samples win over the pool’s figures for the same hours, now and after rollups', async () => {
    const { db, store } = await openStore();
    const hourly = pool.filter((series) => series.resolution === 'hour');
    store.recordBackfill('farm', 'Farm', hourly, [], T0);
    for (let at = T0; at < T0 + 3 * HOUR; at += MINUTE) store.recordPoll(pollOf('farm', at, [worker('a', 'rig', 10 * TH), worker('b', 'other', 1 * TH)]));
    const expected = (view: ReturnType<typeof store.hashrate>) => {
      assert.equal(view.resolution, 'hour');
      const avgAt = (ms: number) => view.points.find((p) => p.at === iso(ms))?.avg;
      assert.equal(avgAt(T0 - 2 * HOUR), 5 * TH, 'before our first sample: the pool');
      assert.equal(avgAt(T0 + HOUR), 10 * TH, 'with our samples: ours');
    };
    expected(store.hashrate(groupA, T0 - 3 * DAY, T0 + 3 * HOUR, 1000));
    store.runMaintenance(T0 + 5 * HOUR);
    expected(store.hashrate(groupA, T0 - 3 * DAY, T0 + 3 * HOUR, 1000));
    store.recordBackfill('farm', 'Farm', hourly, [], T0);
    expected(store.hashrate(groupA, T0 - 3 * DAY, T0 + 3 * HOUR, 1000));
    const own = db.prepare('SELECT at_ms, hps_avg, own FROM series_rollup s JOIN hist_series h ON h.id = s.series_id WHERE h.group_name = ? AND level = 1 AND at_ms >= ?').all('a', T0);
    // (03:00 too: the 02:59 sample holds for 2.5 poll intervals.)
    assert.deepEqual(own, [0, 1, 2, 3].map((h) => ({ at_ms: T0 + h * HOUR, hps_avg: 10 * TH, own: 1 })));

    // A worker's pool history is kept only before its own samples began.
    const rigRows = db.prepare('SELECT MAX(at_ms) AS last, MIN(own) AS own FROM worker_rollup r JOIN hist_worker w ON w.id = r.worker_id WHERE w.name = ? AND own = 0').get('rig');
    assert.deepEqual(rigRows, { last: T0 - HOUR, own: 0 });
    const rig = store.hashrate({ ...groupA, worker: 'rig' }, T0 - 3 * DAY, T0 + 3 * HOUR, 1000);
    assert.equal(rig.points.find((p) => p.at === iso(T0 - 5 * HOUR))?.avg, 3 * TH);
    assert.equal(rig.points.find((p) => p.at === iso(T0 + 2 * HOUR))?.avg, 10 * TH);
    db.close();
  });

  it('gives days the daily rollup has already passed a daily figure from the pool’s hours', async () => {
    const { db, store } = await openStore();
    store.recordPoll(pollOf('farm', T0 + 10 * DAY, [worker('a', 'rig', 10 * TH)]));
    store.runMaintenance(T0 + 11 * DAY);
    store.recordBackfill('farm', 'Farm', [{ group: 'a', worker: null, resolution: 'hour', points: hours(T0, T0 + DAY, 6 * TH) }], [], T0 + 11 * DAY);
    const year = store.hashrate(groupA, T0 + 11 * DAY - 365 * DAY, T0 + 11 * DAY, 400);
    assert.equal(year.resolution, 'day');
    assert.deepEqual(year.points.find((p) => p.at === iso(T0)), { at: iso(T0), min: 6 * TH, avg: 6 * TH, max: 6 * TH });
    db.close();
  });

  it('stamps the pool’s daily earnings with the time it is given, not the computer’s clock', async () => {
    const { db, store } = await openStore();
    const stamps = () => db.prepare('SELECT day, amount, updated_ms FROM earning_day ORDER BY day').all();
    store.recordBackfill('farm', 'Farm', [], days, T0 + HOUR);
    assert.deepEqual(stamps(), [
      { day: '2026-01-03', amount: 0.02, updated_ms: T0 + HOUR },
      { day: '2026-01-04', amount: 0.03, updated_ms: T0 + HOUR },
    ]);
    // A day the pool revised is stamped again at the later time; an unchanged day keeps its stamp.
    store.recordBackfill('farm', 'Farm', [], [days[0]!, { ...days[1]!, amount: 0.04 }], T0 + 2 * HOUR);
    assert.deepEqual(stamps(), [
      { day: '2026-01-03', amount: 0.02, updated_ms: T0 + HOUR },
      { day: '2026-01-04', amount: 0.04, updated_ms: T0 + 2 * HOUR },
    ]);
    db.close();
  });
});
