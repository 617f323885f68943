import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HashrateSeries } from '../../../shared/model';
import { openHistoryDb } from '../../../main/store/history-db';
import { sqliteSampleStore } from '../../../main/store/sample-sqlite';
import { DAY, HOUR, MINUTE, T0, TH, iso, pollOf, tempDbFile, worker } from '../../support/sample-fixtures';

// Day one: one pool brings a day of its own history, the others start with PoolWatch's first poll.

async function openStore() {
  const db = openHistoryDb(await tempDbFile());
  return { db, store: sqliteSampleStore(db) };
}

function hours(fromMs: number, toMs: number, hps: number): HashrateSeries['points'] {
  const points = [];
  for (let at = fromMs; at < toMs; at += HOUR) points.push({ at: iso(at), hps });
  return points;
}

describe('sample store: history on day one', () => {
  it('starts the fleet total where every account has data, not with one account’s imported history', async () => {
    const { db, store } = await openStore();
    store.recordBackfill('spider', 'Spider', [{ group: 'a', worker: null, resolution: 'hour', points: hours(T0 - DAY, T0, 1 * TH) }], [], T0);
    for (let at = T0; at < T0 + 30 * MINUTE; at += MINUTE) {
      store.recordPoll(pollOf('spider', at, [worker('a', 'rig', 1 * TH)]));
      store.recordPoll(pollOf('farm', at + 5_000, [worker('x', 'big', 13 * TH)]));
    }
    // Spider alone has the day before: its account chart shows it.
    const spider = store.hashrate({ accountId: 'spider' }, T0 - DAY, T0 + 30 * MINUTE, 500);
    assert.ok(spider.points.some((p) => p.at < iso(T0)), 'the account keeps its imported history');

    const fleet = store.hashrate({}, T0 - DAY, T0 + 30 * MINUTE, 500);
    assert.ok(fleet.points.length > 0);
    const first = fleet.points[0]!;
    assert.ok(first.at >= iso(T0 - 5 * MINUTE), `the fleet line starts where both accounts have data, not at ${first.at}`);
    for (const point of fleet.points) assert.ok(Math.abs(point.avg - 14 * TH) < 1e-6 * TH, `${point.at}: ${point.avg} is the sum of both accounts`);

    const states = store.workerStates({}, T0 - DAY, T0 + 30 * MINUTE, 500);
    assert.ok(states.points.every((p) => p.at >= iso(T0 - 5 * MINUTE)), 'the worker counts start there too');
    db.close();
  });

  it('names every resolution a series is drawn from: poll samples after an imported hour', async () => {
    const { db, store } = await openStore();
    store.recordBackfill('spider', 'Spider', [{ group: 'a', worker: null, resolution: 'hour', points: hours(T0 - DAY, T0, 1 * TH) }], [], T0);
    for (let at = T0; at < T0 + 20 * MINUTE; at += MINUTE) store.recordPoll(pollOf('spider', at, [worker('a', 'rig', 1 * TH)]));
    const lastHour = store.hashrate({ accountId: 'spider' }, T0 + 20 * MINUTE - HOUR, T0 + 20 * MINUTE, 120);
    assert.equal(lastHour.resolution, 'hour', 'the coarsest data used');
    assert.deepEqual(lastHour.levels, ['raw', 'hour'], 'both kinds of points are in the hour');
    const polled = store.hashrate({ accountId: 'spider' }, T0, T0 + 20 * MINUTE, 120);
    assert.deepEqual(polled.levels, ['raw']);
    db.close();
  });
});
