import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startSpiderSim, type SpiderSim } from '../sim/spider';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';

const DAY = 86_400_000;
/** 14 November 2026, 12:00 UTC: the three polls a minute apart stay inside one UTC day (see below). */
const START_MS = Date.UTC(2026, 10, 14, 12);

// Spider's own hourly and daily charts and daily profits fill the history on the first poll, once.
describe('history backfill from a Spider account', () => {
  let sim: SpiderSim;
  let poolWatch: PoolWatch;
  let clock: FakeClock;
  let dir: string;
  const observedHistory: number[] = [];

  function poolRows(): { hashrate: number; earnings: number } {
    const db = new Database(join(dir, 'history.sqlite'), { readonly: true });
    try {
      const hashrate = db.prepare('SELECT COUNT(*) FROM series_rollup WHERE own = 0').pluck().get() as number;
      const earnings = db.prepare('SELECT COUNT(*) FROM earning_day').pluck().get() as number;
      return { hashrate, earnings };
    } finally {
      db.close();
    }
  }

  before(async () => {
    // One fake clock for PoolWatch and the simulator, at a fixed hour: Spider lists today's profit estimate as a day of
    // its own, so polls that cross 00:00 UTC rightly add a new day's row, which this test is not about.
    clock = new FakeClock(START_MS);
    sim = await startSpiderSim({ seed: 9, now: () => clock.now() });
    dir = await mkdtemp(join(tmpdir(), 'pw-backfill-'));
    const configFile = join(dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [{ id: 'spider', pool: 'spider', label: 'Spider', baseUrl: sim.url, credentials: { accessKey: { env: 'PW_BF_ACCESS' }, privateKey: { env: 'PW_BF_PRIVATE' } } }],
      }),
    );
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      env: { PW_BF_ACCESS: sim.fullKey.accessKey, PW_BF_PRIVATE: sim.fullKey.privateKey },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }));
    poolWatch.engine.onPolled((observation) => observedHistory.push(observation.history?.length ?? 0));
    await poolWatch.engine.load();
    await poolWatch.engine.pollAll();
  });

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it('charts the days before the first poll from the pool’s own figures', async () => {
    assert.equal(poolWatch.summaries()[0]?.status, 'ok');
    const now = clock.now();
    const week = await poolWatch.handle('history:hashrate', {
      scope: { accountId: 'spider' },
      range: { from: new Date(now - 7 * DAY).toISOString(), to: new Date(now).toISOString(), maxPoints: 500 },
    });
    const before = week.points.filter((point) => Date.parse(point.at) < now - 3_600_000);
    assert.ok(before.length >= 20, `hours before the first poll are charted: ${before.length}`);
    assert.ok(before.every((point) => point.avg > 0));
    const earnings = await poolWatch.handle('history:earnings', { accountId: 'spider', from: new Date(now - 30 * DAY).toISOString(), to: new Date(now).toISOString() });
    assert.ok(earnings.days.length >= 5, `daily profits: ${earnings.days.length}`);
  });

  it('merges the same pool history only once, though the adapter hands it over again on later polls', async () => {
    const first = poolRows();
    assert.ok(first.hashrate > 0 && first.earnings > 0);
    for (let i = 0; i < 3; i += 1) {
      await clock.advance(60_000);
      await poolWatch.engine.pollAll();
    }
    assert.ok(observedHistory.every((count) => count > 0), `every poll carried the cached history: ${observedHistory.join(',')}`);
    assert.deepEqual(poolRows(), first, 'no new pool rows, no duplicates');
  });
});
