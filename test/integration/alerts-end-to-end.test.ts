import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Notification } from '../../main/alerts/notification-format';
import { runCli } from '../../main/cli/cli';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startHeadlessServer, type HeadlessServer } from '../../main/server/headless-server';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// The whole alert path with real parts: the SBI simulator over HTTP, the engine, the alert engine on a fake
// clock, the history in a SQLite file, a test notification sink, and a webhook channel posting to a real receiver.
describe('alerts from simulator scenarios to channels and history', () => {
  const POLL_MS = 60_000;
  let sim: SbiSim;
  let receiver: WebhookReceiver;
  let poolWatch: PoolWatch;
  let clock: FakeClock;
  let dir: string;
  let configFile: string;
  const delivered: Notification[] = [];
  const logger = captureLogger();

  /** One poll cycle: time moves on for the engine and the simulator alike, then every account is polled. */
  async function cycle(): Promise<void> {
    await clock.advance(POLL_MS);
    sim.advanceClock(POLL_MS);
    await poolWatch.engine.pollAll();
  }

  before(async () => {
    sim = await startSbiSim({ seed: 404, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 40, deadShare: 0, offlineShare: 0 }] });
    receiver = await startWebhookReceiver();
    dir = await mkdtemp(join(tmpdir(), 'pw-alerts-'));
    configFile = join(dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [
          { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: sim.url, credentials: { apiKey: { env: 'PW_AE_KEY' }, apiSecret: { env: 'PW_AE_SECRET' } } },
        ],
      }),
    );
    clock = new FakeClock(Date.now());
    ({ poolWatch } = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: dir,
      secrets: memorySecrets(),
      logger,
      clock,
      env: { PW_AE_KEY: sim.fullKey.apiKey, PW_AE_SECRET: sim.fullKey.apiSecret },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
      sinks: [(notification) => delivered.push(notification)],
      channelOptions: { sleep: async () => {} },
    }));
    await poolWatch.engine.load();
    poolWatch.alerts.start();
    await poolWatch.handle('channels:save', {
      channel: { kind: 'webhook', label: 'Test receiver', enabled: true, minSeverity: 'info', settings: {} },
      secrets: { url: `${receiver.url}/hook/secret-token-123` },
    });
    for (let i = 0; i < 3; i += 1) await cycle();
  });

  after(async () => {
    poolWatch.stop();
    await receiver.close();
    await sim.close();
  });

  it('is quiet while nothing is wrong', () => {
    assert.equal(poolWatch.summaries()[0]?.status, 'ok');
    assert.deepEqual(delivered, []);
    assert.deepEqual(poolWatch.alerts.active(), []);
  });

  it('five workers going offline give one grouped notification, in the app, in history and on the webhook', async () => {
    const victims = sim.workerNames('rigs').slice(0, 5);
    for (const name of victims) sim.stopWorker('rigs', name);
    await cycle(); // the pool still calls them ONLINE (share within 2 min)
    await cycle(); // now OFFLINE: the condition holds once (pending)
    assert.equal(delivered.length, 0, 'one poll is not enough to alert');
    await cycle(); // holds for a second poll: firing
    const offline = delivered.filter((notification) => notification.items.some((item) => item.ruleId === 'worker-offline'));
    assert.equal(offline.length, 1);
    assert.match(offline[0]!.title, /5 workers offline/);
    assert.deepEqual(offline[0]!.items.map((item) => item.scope.worker).sort(), [...victims].sort());

    const firing = poolWatch.alerts.active().filter((alert) => alert.ruleId === 'worker-offline' && alert.state === 'firing');
    assert.equal(firing.length, 5);
    const history = await poolWatch.handle('alerts:history', { ruleId: 'worker-offline' });
    assert.equal(history.filter((entry) => entry.from === 'pending' && entry.to === 'firing').length, 5);

    await poolWatch.channels.idle();
    const hook = receiver.requestsTo('/hook/secret-token-123');
    assert.ok(hook.length >= 1);
    const body = JSON.parse(hook.at(-1)!.body) as { title: string; items: unknown[] };
    assert.match(body.title, /5 workers offline/);
    assert.equal(body.items.length, 5);
  });

  it('a 30-minute pool outage gives exactly one data-source alert and no worker alerts', async () => {
    const before = delivered.length;
    const transitionsBefore = (await poolWatch.handle('alerts:history', {})).length;
    sim.faults.add({ fault: { kind: 'status', status: 503 } });
    for (let minute = 0; minute < 30; minute += 1) await cycle();
    const during = delivered.slice(before);
    const ruleIds = during.flatMap((notification) => notification.items.map((item) => item.ruleId));
    assert.deepEqual([...new Set(ruleIds)], ['source-failing']);
    assert.equal(during.length, 1);
    const newTransitions = (await poolWatch.handle('alerts:history', {})).slice(0, -transitionsBefore || undefined);
    assert.ok(newTransitions.every((entry) => entry.ruleId === 'source-failing'), JSON.stringify(newTransitions.map((e) => e.ruleId)));

    sim.faults.clear();
    for (let i = 0; i < 4; i += 1) await cycle();
    assert.ok(!poolWatch.alerts.active().some((alert) => alert.ruleId === 'source-failing'), 'the outage alert resolves');
  });

  it('snoozing an alert keeps its reminders quiet', async () => {
    const offline = poolWatch.alerts.active().find((alert) => alert.ruleId === 'worker-offline')!;
    await poolWatch.handle('alerts:snooze', { target: { accountId: 'farm' }, minutes: 60 * 8 });
    const before = delivered.length;
    for (let i = 0; i < 5 * 60; i += 30) {
      await clock.advance(30 * 60_000);
      poolWatch.alerts.tick();
    }
    assert.equal(delivered.length, before, 'no reminder while snoozed');
    assert.ok(poolWatch.alerts.active().find((alert) => alert.key === offline.key)?.snoozed);
    await poolWatch.handle('alerts:unsnooze', { target: { accountId: 'farm' } });
  });

  it('GET /api/alerts and `poolwatch alerts --json` return the same history', async () => {
    const server: HeadlessServer = await startHeadlessServer({ monitor: poolWatch, staticDir: dir, logger });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/alerts?limit=1000`, { headers: { Authorization: `Bearer ${server.token}` } });
      assert.equal(response.status, 200);
      const api = (await response.json()) as { schemaVersion: number; alerts: Array<{ rule: string; scope: { account: string; worker: string | null }; from: string | null; to: string | null; at: string; message: string }> };
      assert.equal(api.schemaVersion, 1);
      assert.ok(api.alerts.some((alert) => alert.rule === 'worker-offline' && alert.to === 'firing' && alert.scope.account === 'Farm' && alert.scope.worker));
      assert.ok(api.alerts.some((alert) => alert.rule === 'source-failing'));
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/api/alerts`)).status, 401);

      const out: string[] = [];
      const code = await runCli(['alerts', '--config', configFile, '--json', '--limit', '1000'], { out: (text) => out.push(text), err: (text) => out.push(text) });
      assert.equal(code, 0, out.join('\n'));
      assert.deepEqual(JSON.parse(out.join('\n')), api);
    } finally {
      await server.close();
    }
  });

  it('never writes the webhook secret or the pool key to logs', () => {
    for (const line of logger.lines) {
      assert.ok(!line.includes('secret-token-123'), line);
      assert.ok(!line.includes(sim.fullKey.apiSecret), line);
    }
  });
});
