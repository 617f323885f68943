import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_ALERTS, DEMO_SUBACCOUNT, RIG_DOWN_MS, startDemoScenario } from '../../build/demo-scenario';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { ONLINE_WITHIN_MS } from '../sim/sbi/workers';
import { startWebMinePoolSim, type WmpSim } from '../sim/webminepool';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';

/** The demo polls its SBI account every 15 s (build/demo.ts). */
const DEMO_POLL_MS = 15_000;
const FIVE_MINUTES = 5 * 60_000;

// `npm run demo`'s scenario, on a fake clock shared by the SBI simulator, the scenario and PoolWatch: within five
// minutes of the start an offline alert naming the stopped rig fires, and the rig's recovery follows.
describe('the demo scenario', () => {
  let sbi: SbiSim;
  let wmp: WmpSim;
  let poolWatch: PoolWatch;
  let clock: FakeClock;
  let stopScenario: () => void;
  const said: string[] = [];
  let startMs: number;

  before(async () => {
    clock = new FakeClock(Date.now());
    startMs = clock.now();
    sbi = await startSbiSim({ seed: 7, now: () => clock.now(), subaccounts: [{ name: DEMO_SUBACCOUNT, coin: 'BTC', workers: 40 }] });
    wmp = await startWebMinePoolSim({ seed: 7 });
    const dir = await mkdtemp(join(tmpdir(), 'pw-demo-scenario-'));
    const configFile = join(dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [
          {
            id: 'demo-sbi',
            pool: 'sbi',
            label: 'SBI farm (demo)',
            baseUrl: sbi.url,
            pollIntervalSec: DEMO_POLL_MS / 1000,
            credentials: { apiKey: { env: 'DEMO_KEY' }, apiSecret: { env: 'DEMO_SECRET' } },
          },
        ],
        alerts: DEMO_ALERTS,
      }),
    );
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      env: { DEMO_KEY: sbi.fullKey.apiKey, DEMO_SECRET: sbi.fullKey.apiSecret },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }));
    await poolWatch.engine.load();
    poolWatch.alerts.start();
    stopScenario = startDemoScenario({ sbi, webminepool: wmp }, clock, (line) => said.push(line));
    // The demo's polls, every 15 s for five minutes, while the scenario runs on the same clock.
    while (clock.now() - startMs <= FIVE_MINUTES) {
      await poolWatch.engine.pollAll();
      await clock.advance(DEMO_POLL_MS);
    }
  });

  after(async () => {
    stopScenario();
    poolWatch.stop();
    await Promise.all([sbi.close(), wmp.close()]);
  });

  it('keeps a rig off longer than the pool takes to call it OFFLINE and PoolWatch two polls to alert', () => {
    assert.ok(RIG_DOWN_MS > ONLINE_WITHIN_MS + 3 * DEMO_POLL_MS, `${RIG_DOWN_MS} ms`);
  });

  it('raises an offline alert naming the rig, and its recovery, within five minutes of the start', async (t) => {
    const rig = /^demo: (\S+) \(usonly\) stops/.exec(said[0] ?? '')?.[1];
    assert.ok(rig, said.join('\n'));
    const offline = await poolWatch.handle('alerts:history', { ruleId: 'worker-offline' });
    const fired = offline.find((entry) => entry.to === 'firing' && entry.scope.worker === rig);
    assert.ok(fired, JSON.stringify(offline));
    assert.match(fired.message, new RegExp(rig));
    const resolved = offline.find((entry) => entry.to === 'resolved' && entry.scope.worker === rig);
    assert.ok(resolved, 'the offline alert resolves');
    const back = await poolWatch.handle('alerts:history', { ruleId: 'worker-back-online' });
    assert.ok(back.some((entry) => entry.scope.worker === rig), 'a back-online event names the rig');
    for (const entry of [fired, resolved]) assert.ok(Date.parse(entry.at) - startMs <= FIVE_MINUTES, `${entry.to} at ${entry.at}`);
    assert.ok(Date.parse(fired.at) < Date.parse(resolved.at));
    t.diagnostic(`${rig}: offline alert fired ${(Date.parse(fired.at) - startMs) / 1000} s after the start, resolved at ${(Date.parse(resolved.at) - startMs) / 1000} s`);
  });
});
