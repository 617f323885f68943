import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import type { DigestScheduler } from '../../main/core/digest/digest-scheduler';
import { latestDue } from '../../main/core/digest/digest-schedule';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Summary {
  id: string;
  at: string;
  kind: string;
  title: string;
  body: string;
}

/** Saturday 14 November 2026, 09:00 UTC: the summary falls due at 12:00, hours before yesterday's payout is 24 h old. */
const START_MS = Date.UTC(2026, 10, 14, 9);

// The daily summary with real parts: the SBI simulator polled over HTTP into a SQLite history, alerts from
// workers that really stop, the scheduler on the fake clock, and webhook channels posting to a real receiver.
describe('channel summaries (digest)', () => {
  const POLL_MS = 10 * MINUTE;
  let sim: SbiSim;
  let receiver: WebhookReceiver;
  let poolWatch: PoolWatch;
  let digests: DigestScheduler;
  let clock: FakeClock;
  let firstDue: number;
  const logger = captureLogger();

  async function cycle(): Promise<void> {
    await clock.advance(POLL_MS);
    await poolWatch.engine.pollAll();
  }

  /** The summaries a channel got (its alerts go there too). */
  const summaries = (path: string): Summary[] =>
    receiver
      .requestsTo(path)
      .map((request) => JSON.parse(request.body) as Summary)
      .filter((sent) => sent.kind === 'summary');

  before(async () => {
    // One fake clock for PoolWatch and the simulator, at a fixed hour: the simulator keeps yesterday's payout POSTED
    // until told to move its ledger, so from 20:30 UTC on it would read as stuck, an incident this story is not about.
    clock = new FakeClock(START_MS);
    sim = await startSbiSim({
      seed: 808,
      now: () => clock.now(),
      subaccounts: [
        { name: 'rigs', coin: 'BTC', workers: 10, deadShare: 0, offlineShare: 0 },
        { name: 'gpus', coin: 'ETH', workers: 6, deadShare: 0, offlineShare: 0 },
      ],
    });
    receiver = await startWebhookReceiver();
    const dir = await mkdtemp(join(tmpdir(), 'pw-digest-'));
    const configFile = join(dir, 'config.json');
    const credentials = { apiKey: { env: 'PW_DG_KEY' }, apiSecret: { env: 'PW_DG_SECRET' } };
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [
          { id: 'farm', pool: 'sbi', label: 'Main farm', baseUrl: sim.url, credentials, pollIntervalSec: 600 },
          { id: 'other', pool: 'sbi', label: 'Other customer', baseUrl: sim.url, credentials, pollIntervalSec: 600 },
        ],
      }),
    );
    const built = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: dir,
      secrets: memorySecrets(),
      logger,
      clock,
      env: { PW_DG_KEY: sim.fullKey.apiKey, PW_DG_SECRET: sim.fullKey.apiSecret },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
      channelOptions: { sleep: async () => {} },
    });
    ({ poolWatch, digests } = built);
    await poolWatch.engine.load();
    poolWatch.alerts.start();

    // Due three hours from now, at a whole minute, in UTC.
    firstDue = Math.floor((clock.now() + 3 * HOUR) / MINUTE) * MINUTE;
    const time = new Date(firstDue).toISOString().slice(11, 16);
    const digest = { daily: true, weekly: false, time, weekday: 'monday' as const, timezone: 'UTC' };
    const add = (label: string, path: string, extra: object) =>
      poolWatch.handle('channels:save', {
        channel: { kind: 'webhook', label, enabled: true, minSeverity: 'critical', settings: {}, digest, ...extra },
        secrets: { url: `${receiver.url}${path}` },
      });
    await add('Owner', '/owner', {});
    await add('Customer', '/customer', { routes: { accounts: ['farm'], groups: [], rules: [] } });
    digests.start();

    await cycle();
    // Two BTC rigs stop: ten minutes later the pool calls them dead, and their alerts fire (the incidents of the day).
    for (const name of sim.workerNames('rigs').slice(0, 2)) sim.stopWorker('rigs', name);
    for (let i = 0; i < 6; i += 1) await cycle();
  });

  after(async () => {
    poolWatch.stop();
    await receiver.close();
    await sim.close();
  });

  it('nothing is sent before the chosen time', () => {
    assert.ok(clock.now() < firstDue);
    assert.deepEqual(summaries('/owner'), []);
  });

  it('is sent at the chosen local time, once, with hashrate per algorithm, uptime, earnings and incidents', async () => {
    await clock.advance(firstDue - clock.now() + 30_000);
    await poolWatch.channels.idle();
    const sent = summaries('/owner');
    assert.equal(sent.length, 1, logger.lines.join('\n'));
    const summary = sent[0]!;
    assert.equal(summary.kind, 'summary');
    assert.equal(summary.at, new Date(firstDue).toISOString());
    assert.match(summary.title, /^Daily summary, .+ – .+ \(UTC\)$/);
    const body = summary.body;
    // Both accounts read the same simulator, each with a BTC and an ETH subaccount: two algorithms, never added together.
    assert.match(body, /Hashrate \(average\)\n- Ethash: [\d.]+ [KMGTPE]?H\/s\n- SHA-256: [\d.]+ [KMGTPE]?H\/s\n/);
    assert.match(body, /Uptime \(workers online, of the most at once\)\n- Main farm: (\d+\.\d) %\n- Other customer: \d+\.\d %/);
    const uptime = Number(/- Main farm: (\d+\.\d) %/.exec(body)?.[1]);
    assert.ok(uptime > 80 && uptime < 100, `2 of 16 workers offline for most polls: ${uptime}`);
    assert.match(body, /Earnings\n(- (BTC|ETH)[^\n]*: [\d.e-]+\n|- none recorded\n)/);
    // Two workers went offline, then (ten minutes on) dead. Both accounts read the same pool account (one key, one
    // simulator), so its alerts come once, from the first account by id.
    assert.match(
      body,
      /\nIncidents: 4\n- Worker dead: 2 \(rig-01 in Main farm, rig-02 in Main farm\)\n- Worker offline: 2 \(rig-01 in Main farm, rig-02 in Main farm\)$/,
    );
  });

  it("a customer's summary covers only the customer's account", () => {
    const [customer] = summaries('/customer');
    assert.ok(customer);
    assert.match(customer.body, /Main farm/);
    assert.doesNotMatch(customer.body, /Other customer/);
    assert.match(customer.body, /\nIncidents: 4\n- Worker dead: 2 \(rig-01, rig-02\)\n- Worker offline: 2 \(rig-01, rig-02\)$/);
  });

  it('is sent once per day: nothing more the same day, the next one 24 h later', async () => {
    await clock.advance(23 * HOUR);
    await poolWatch.channels.idle();
    assert.equal(summaries('/owner').length, 1);
    await clock.advance(HOUR);
    await poolWatch.channels.idle();
    const sent = summaries('/owner');
    assert.equal(sent.length, 2);
    assert.equal(sent[1]?.at, new Date(firstDue + DAY).toISOString());
    assert.equal(summaries('/customer').length, 2);
  });

  it('a summary due before the channel was seen is skipped, not sent late', () => {
    const now = Date.UTC(2026, 10, 23, 9, 30);
    assert.equal(latestDue(now, { time: '08:00', timezone: 'UTC', weekday: 'monday' }, 'daily'), Date.UTC(2026, 10, 23, 8, 0));
    assert.equal(latestDue(now, { time: '10:00', timezone: 'UTC', weekday: 'monday' }, 'daily'), Date.UTC(2026, 10, 22, 10, 0));
    // 23 Nov 2026 is a Monday: the weekly one on Friday at 08:00 was the 20th.
    assert.equal(latestDue(now, { time: '08:00', timezone: 'UTC', weekday: 'friday' }, 'weekly'), Date.UTC(2026, 10, 20, 8, 0));
    assert.equal(latestDue(now, { time: '08:00', timezone: 'Europe/Berlin', weekday: 'monday' }, 'daily'), Date.UTC(2026, 10, 23, 7, 0));
  });
});
