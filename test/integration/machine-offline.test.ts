import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Notification } from '../../main/alerts/notification-format';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import { OFFLINE_RECHECK_MS } from '../../main/engine/host-connectivity';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startStratumsphereSim, type StratumsphereSim } from '../sim/stratumsphere';
import { SMALL_STRATUMSPHERE_ACCOUNT } from '../sim/stratumsphere/test-client';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';
import { waitFor } from '../support/wait-for';

// A rig box that loses its network sees every pool fail at once. With the OS saying there is no route, one
// "machine offline" alert speaks instead of "pool unreachable" per account, and it resolves quietly when the
// network is back. Real simulators over loopback; the OS probe is injected (this test box has a route).
describe('this machine offline: one alert, not one per account', () => {
  const POLL_MS = 60_000;
  let clock: FakeClock;
  let sbi: SbiSim;
  let sphere: StratumsphereSim;
  let poolWatch: PoolWatch;
  let osOnline = true;
  const delivered: Notification[] = [];
  const env: Record<string, string> = {};

  async function startSims(ports?: { sbi: number; sphere: number }): Promise<void> {
    sbi = await startSbiSim({ seed: 77, now: () => clock.now(), subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6, deadShare: 0, offlineShare: 0 }], ...(ports ? { port: ports.sbi } : {}) });
    sphere = await startStratumsphereSim({ seed: 5, now: () => clock.now(), schedulers: SMALL_STRATUMSPHERE_ACCOUNT, ...(ports ? { port: ports.sphere } : {}) });
    // Every rental stays connected: the only thing that changes in this story is the network.
    for (const scheduler of sphere.state()) for (const rental of scheduler.rentals) sphere.setRentalConnections(rental.id, 1);
    // Restarted simulators make new keys: the accounts read them from the environment at every poll.
    Object.assign(env, { PW_MO_KEY: sbi.fullKey.apiKey, PW_MO_SECRET: sbi.fullKey.apiSecret, PW_MO_SPHERE: sphere.apiKey });
  }

  async function stopSims(): Promise<{ sbi: number; sphere: number }> {
    const ports = { sbi: sbi.port, sphere: sphere.port };
    await Promise.all([sbi.close(), sphere.close()]);
    return ports;
  }

  async function cycles(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await clock.advance(POLL_MS);
      await poolWatch.engine.pollAll();
    }
  }

  const rulesOf = (notifications: readonly Notification[]) => notifications.flatMap((notification) => notification.items.map((item) => item.ruleId));
  const historyOf = async (ruleId: 'machine-offline' | 'source-failing') => poolWatch.handle('alerts:history', { ruleId });

  before(async () => {
    clock = new FakeClock(Date.now());
    await startSims();
    const dir = await mkdtemp(join(tmpdir(), 'pw-offline-'));
    const configFile = join(dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [
          { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sbi.url, credentials: { apiKey: { env: 'PW_MO_KEY' }, apiSecret: { env: 'PW_MO_SECRET' } } },
          { id: 'rentals', pool: 'stratumsphere', label: 'Rentals', baseUrl: sphere.url, credentials: { apiKey: { env: 'PW_MO_SPHERE' } } },
        ],
        // The simulated rentals' reject rates drift with the clock; this story is about the network alone.
        alerts: { rules: { 'reject-rate': { enabled: false } } },
      }),
    );
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      env,
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
      sinks: [(notification) => delivered.push(notification)],
      hostOnline: () => osOnline,
    }));
    await poolWatch.engine.load();
    poolWatch.alerts.start();
    await cycles(3);
  });

  after(async () => {
    poolWatch.stop();
    await Promise.all([sbi.close(), sphere.close()]).catch(() => undefined);
  });

  it('starts quiet with both accounts ok', () => {
    assert.deepEqual(poolWatch.summaries().map((summary) => summary.status), ['ok', 'ok']);
    assert.deepEqual(delivered, []);
  });

  it('the network gone for 15 minutes gives exactly one machine-offline alert and no pool-unreachable ones', async () => {
    osOnline = false;
    const ports = await stopSims();
    await cycles(15);
    assert.deepEqual(poolWatch.summaries().map((summary) => summary.status), ['unreachable', 'unreachable']);
    assert.deepEqual(rulesOf(delivered), ['machine-offline']);
    assert.equal(delivered[0]?.title, 'Machine offline');
    assert.match(delivered[0]?.body ?? '', /no network/);
    const fired = (await historyOf('machine-offline')).filter((entry) => entry.to === 'firing');
    assert.equal(fired.length, 1);
    assert.deepEqual(await historyOf('source-failing'), []);
    assert.deepEqual(poolWatch.alerts.active().map((alert) => [alert.ruleId, alert.state]), [['machine-offline', 'firing']]);

    // Back online: the alert resolves once, the accounts come back, and nothing else is said.
    osOnline = true;
    await startSims(ports);
    const before = delivered.length;
    // Failing polls have backed off for minutes; the OS is asked every 30 s and the accounts are polled at once.
    await clock.advance(OFFLINE_RECHECK_MS);
    await waitFor(() => poolWatch.summaries().every((summary) => summary.status === 'ok'), 10_000, 'both accounts polled again');
    await cycles(5);
    const after = delivered.slice(before);
    assert.deepEqual(after.map((notification) => [notification.kind, rulesOf([notification])]), [['resolved', ['machine-offline']]]);
    assert.deepEqual(poolWatch.alerts.active(), []);
    assert.deepEqual(await historyOf('source-failing'), []);
  });

  it('one pool down while this machine has a route: that account says its pool is unreachable', async () => {
    const before = delivered.length;
    await sphere.close();
    await cycles(10);
    const rules = rulesOf(delivered.slice(before));
    assert.ok(!rules.includes('machine-offline'), rules.join());
    assert.deepEqual(
      poolWatch.alerts.active().filter((alert) => alert.state === 'firing').map((alert) => [alert.ruleId, alert.scope.accountId]),
      [['source-failing', 'rentals']],
    );
  });

  it('every pool down at the network level is this machine offline, even where the OS still lists a route', async () => {
    const before = delivered.length;
    await sbi.close();
    await cycles(10);
    assert.deepEqual(rulesOf(delivered.slice(before)), ['machine-offline']);
    assert.ok(!poolWatch.alerts.active().some((alert) => alert.ruleId === 'source-failing' && alert.scope.accountId === 'farm'), 'no per-pool alert for the farm');
  });
});
