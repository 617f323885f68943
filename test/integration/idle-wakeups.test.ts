import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { DEFAULT_POLL_INTERVAL_SEC } from '../../main/store/config-schema';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';
import { waitFor } from '../support/wait-for';

// At rest the app wakes once per account per interval, plus a few app-wide timers (the alert tick and the summary
// check each minute, the reply listeners' check, history maintenance): nothing per worker, nothing that spins. Issue 10's idle goal, counted on a
// fake clock over 10 minutes of 10 accounts at the default interval, against a real simulator over loopback.

/** A FakeClock that counts the timers that fire. */
class CountingClock extends FakeClock {
  fired = 0;
  readonly bySite = new Map<string, number>();

  override setTimeout(callback: () => void, ms: number): unknown {
    const site = (new Error().stack ?? '').split('\n')[2]?.trim() ?? '?';
    return super.setTimeout(() => {
      this.fired += 1;
      this.bySite.set(site, (this.bySite.get(site) ?? 0) + 1);
      callback();
    }, ms);
  }
}

const ACCOUNTS = 10;
const MINUTES = 10;

describe('idle: one wake-up per account per interval', () => {
  let clock: CountingClock;
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  const polls = new Map<string, number>();

  before(async () => {
    clock = new CountingClock(Date.now());
    sim = await startSbiSim({ seed: 3, now: () => clock.now(), subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 5, deadShare: 0, offlineShare: 0 }] });
    const dir = await mkdtemp(join(tmpdir(), 'pw-idle-'));
    const configFile = join(dir, 'config.json');
    const accounts = Array.from({ length: ACCOUNTS }, (_, index) => ({
      id: `small${index}`,
      pool: 'sbi',
      label: `Small ${index}`,
      baseUrl: sim.url,
      credentials: { apiKey: { env: 'PW_IDLE_KEY' }, apiSecret: { env: 'PW_IDLE_SECRET' } },
    }));
    await writeFile(configFile, JSON.stringify({ accounts }));
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      env: { PW_IDLE_KEY: sim.fullKey.apiKey, PW_IDLE_SECRET: sim.fullKey.apiSecret },
      hostOnline: () => true,
    }));
    poolWatch.onPolled((observation) => polls.set(observation.account.id, (polls.get(observation.account.id) ?? 0) + 1));
    await poolWatch.start();
    // The first polls are spread over the first interval; once every account has polled, the count starts.
    await clock.advance(DEFAULT_POLL_INTERVAL_SEC * 1000);
    await waitFor(() => polls.size === ACCOUNTS, 10_000, 'every account polled once');
  });

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it(`wakes about once per account per interval over ${MINUTES} minutes, and polls each account that often`, async () => {
    polls.clear();
    const firedBefore = clock.fired;
    clock.bySite.clear();
    for (let minute = 0; minute < MINUTES; minute += 1) await clock.advance(60_000);
    const fired = clock.fired - firedBefore;
    const perAccount = (MINUTES * 60) / DEFAULT_POLL_INTERVAL_SEC;
    // Polls are spread with a little jitter: one more or less at the window's edges.
    const counts = [...polls.values()];
    assert.equal(counts.length, ACCOUNTS);
    assert.ok(counts.every((count) => Math.abs(count - perAccount) <= 1), `polls per account: ${JSON.stringify([...polls])}`);
    // Everything else is app-wide, whatever the number of accounts or workers: the alert tick and the summary
    // check each minute, the reply listeners' check every 30 s, history maintenance.
    const polled = counts.reduce((total, count) => total + count, 0);
    const appWide = 4 * MINUTES + 2;
    assert.ok(fired - polled <= appWide, `${fired} timers fired in ${MINUTES} minutes for ${polled} polls (at most ${appWide} more): ${JSON.stringify([...clock.bySite])}`);
    assert.deepEqual(poolWatch.summaries().map((summary) => summary.status), Array.from({ length: ACCOUNTS }, () => 'ok'));
  });
});
