import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Notification } from '../../main/alerts/notification-format';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim, type SbiSim, type SbiSimSubaccountOption } from '../sim/sbi';
import { startWebMinePoolSim } from '../sim/webminepool';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';

// The first hour as a new user lives it, with real parts: pool simulators over HTTP, the engine and the alert
// engine on a fake clock, history in SQLite; every notification that would leave the machine is collected.
const POLL_MS = 60_000;

interface Watch {
  poolWatch: PoolWatch;
  delivered: Notification[];
  /** Time moves on for PoolWatch and the simulators alike, then every account is polled. */
  cycle(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  // A simulator a test closed itself (the network "fails") is closed already.
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

async function watch(accounts: unknown[], env: Record<string, string>, sims: Array<{ advanceClock(ms: number): void }>): Promise<Watch> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-first-hour-'));
  const configFile = join(dir, 'config.json');
  await writeFile(configFile, JSON.stringify({ accounts }));
  const clock = new FakeClock(Date.now());
  const delivered: Notification[] = [];
  const { poolWatch } = createPoolWatch({
    config: fileConfigRepository(configFile),
    dataDir: dir,
    secrets: memorySecrets(),
    logger: captureLogger(),
    clock,
    env,
    hostOnline: () => true, // the OS lists a route throughout: only what the pools answer decides
    httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    sinks: [(notification) => delivered.push(notification)],
    channelOptions: { sleep: async () => {} },
  });
  await poolWatch.engine.load();
  poolWatch.alerts.start();
  cleanups.push(() => poolWatch.stop());
  return {
    poolWatch,
    delivered,
    async cycle() {
      await clock.advance(POLL_MS);
      for (const sim of sims) sim.advanceClock(POLL_MS);
      await poolWatch.engine.pollAll();
    },
  };
}

async function sbi(subaccounts: SbiSimSubaccountOption[], seed = 11): Promise<SbiSim> {
  const sim = await startSbiSim({ seed, subaccounts });
  cleanups.push(() => sim.close());
  return sim;
}

function sbiAccount(id: string, sim: SbiSim): { account: unknown; env: Record<string, string> } {
  const key = `PW_FH_${id.toUpperCase().replace(/-/g, '_')}`;
  return {
    account: { id, pool: 'sbi', label: id, baseUrl: sim.url, credentials: { apiKey: { env: `${key}_KEY` }, apiSecret: { env: `${key}_SECRET` } } },
    env: { [`${key}_KEY`]: sim.fullKey.apiKey, [`${key}_SECRET`]: sim.fullKey.apiSecret },
  };
}

function itemsOf(delivered: readonly Notification[], ruleId: string) {
  return delivered.flatMap((notification) => notification.items.filter((item) => item.ruleId === ruleId));
}

describe('the first hour: alerts a miner can trust', () => {
  it('a fresh start against 7,500 workers, 73% of them dead for hours or days, raises no alert', async () => {
    const sim = await sbi([{ name: 'batchtest', coin: 'BTC', workers: 7500, deadShare: 0.73, offlineShare: 0.02 }]);
    const { account, env } = sbiAccount('farm', sim);
    const { poolWatch, delivered, cycle } = await watch([account], env, [sim]);
    for (let i = 0; i < 12; i += 1) await cycle();
    assert.ok((poolWatch.summaries()[0]?.workers.dead ?? 0) > 5000, 'the pool reports thousands of dead workers');
    assert.deepEqual(delivered.map((n) => n.title), []);
    assert.deepEqual(poolWatch.alerts.active().map((a) => a.ruleId), []);

    // The ones silent past the long-dead age (24 h) are listed as retired, to be muted with one click.
    const [retired] = await poolWatch.handle('alerts:retired', {});
    assert.equal(retired?.accountId, 'farm');
    assert.ok(retired!.count > 500 && retired!.count < 5500, `about a fifth of the dead are days old: ${retired?.count}`);
    // The Overview's account card asks for the count alone: no names travel.
    assert.deepEqual(await poolWatch.handle('alerts:retired', { limit: 0 }), [{ ...retired, workers: [] }]);
    const oldest = retired!.workers[0]!;
    assert.ok(Date.parse(oldest.lastShareAt ?? '') < Date.now() + 12 * POLL_MS - 24 * 3_600_000, 'silent for more than a day');
    const target = { accountId: 'farm', group: oldest.group, worker: oldest.name };
    const snoozes = await poolWatch.handle('alerts:snooze', { target, minutes: null });
    assert.deepEqual(snoozes, [{ target, until: null }]);
  });

  it('one of three workers stopping raises one warning naming it, not a critical fleet alert', async () => {
    const sim = await sbi([{ name: 'small', coin: 'BTC', workers: 3, deadShare: 0, offlineShare: 0 }]);
    const { account, env } = sbiAccount('small-farm', sim);
    const { delivered, cycle } = await watch([account], env, [sim]);
    for (let i = 0; i < 3; i += 1) await cycle();
    const [victim] = sim.workerNames('small');
    sim.stopWorker('small', victim!);
    for (let i = 0; i < 6; i += 1) await cycle();
    assert.equal(delivered.length, 1, delivered.map((n) => n.title).join(' | '));
    const [note] = delivered;
    assert.equal(note?.severity, 'warning');
    assert.equal(note?.urgent, false);
    assert.deepEqual(note?.items.map((item) => item.ruleId), ['worker-offline']);
    assert.ok(note?.body.includes(`Worker ${victim} (subaccount small) of small-farm (SBI Crypto Pool) stopped sending shares since`), note?.body);
  });

  it('40 of 2,000 workers stopping raises one alert naming the first five, +35 more', async () => {
    const sim = await sbi([{ name: 'big', coin: 'BTC', workers: 2000, deadShare: 0, offlineShare: 0 }]);
    const { account, env } = sbiAccount('big-farm', sim);
    const { delivered, cycle } = await watch([account], env, [sim]);
    for (let i = 0; i < 3; i += 1) await cycle();
    assert.equal(delivered.length, 0, delivered.map((n) => n.title).join(' | '));
    const victims = sim.workerNames('big').slice(0, 40);
    for (const name of victims) sim.stopWorker('big', name);
    for (let i = 0; i < 6; i += 1) await cycle();
    assert.equal(delivered.length, 1, delivered.map((n) => n.title).join(' | '));
    const [note] = delivered;
    assert.equal(note?.title, '40 workers offline in big-farm');
    assert.equal(note?.items.length, 40);
    const named = note!.body.split('\n')[0]!;
    assert.match(named, / \+35 more \(big\)$/);
    const listed = named.replace(/ \+35 more \(big\)$/, '').split(', ');
    assert.equal(listed.length, 5);
    for (const name of listed) assert.ok(victims.includes(name), `${name} is one of the stopped workers`);
    assert.match(note!.body, /of big-farm \(SBI Crypto Pool\) stopped sending shares since \d\d:\d\d UTC/);
    assert.equal(itemsOf(delivered, 'fleet-offline').length, 0, '2% of the fleet is no fleet problem');
  });

  it('a third of a fleet stopping is one fleet alert for the pool account, not one per key or group', async () => {
    const sim = await sbi([
      { name: 'east', coin: 'BTC', workers: 10, deadShare: 0, offlineShare: 0 },
      { name: 'west', coin: 'BTC', workers: 10, deadShare: 0, offlineShare: 0 },
    ]);
    const full = sbiAccount('farm-full', sim);
    const readOnly = sbiAccount('farm-read', sim);
    const second = sim.addKey({ permissions: ['READ'] });
    const env = { ...full.env, PW_FH_FARM_READ_KEY: second.apiKey, PW_FH_FARM_READ_SECRET: second.apiSecret };
    const { poolWatch, delivered, cycle } = await watch([full.account, readOnly.account], env, [sim]);
    for (let i = 0; i < 3; i += 1) await cycle();
    const victims = [...sim.workerNames('east').slice(0, 6), ...sim.workerNames('west').slice(0, 1)];
    for (const name of victims.slice(0, 6)) sim.stopWorker('east', name);
    sim.stopWorker('west', victims[6]!);
    for (let i = 0; i < 6; i += 1) await cycle();
    const fleet = poolWatch.alerts.active().filter((a) => a.ruleId === 'fleet-offline');
    assert.deepEqual(fleet.map((a) => [a.scope.accountId, a.scope.group, a.severity]), [['farm-full', null, 'warning']], '7 of 20 (35%): a warning, once');
    assert.equal(itemsOf(delivered, 'fleet-offline').length, 1);
    assert.equal(poolWatch.alerts.active().filter((a) => a.scope.accountId === 'farm-read').length, 0, 'the second key reads the same pool account');
  });

  it('every account of every pool failing at the network level raises one "machine offline" alert', async () => {
    const sbiSim = await sbi([{ name: 'rigs', coin: 'BTC', workers: 5, deadShare: 0, offlineShare: 0 }]);
    const wmp = await startWebMinePoolSim();
    const a = sbiAccount('sbi-a', sbiSim);
    const b = sbiAccount('sbi-b', sbiSim);
    const wmpAccount = { id: 'web', pool: 'webminepool', label: 'Web', baseUrl: wmp.url, credentials: { secretKey: { env: 'PW_FH_WMP' } } };
    const { poolWatch, delivered, cycle } = await watch([a.account, b.account, wmpAccount], { ...a.env, ...b.env, PW_FH_WMP: wmp.secretKey }, [sbiSim, wmp]);
    for (let i = 0; i < 3; i += 1) await cycle();
    assert.equal(delivered.length, 0, delivered.map((n) => n.title).join(' | '));
    await sbiSim.close();
    await wmp.close();
    for (let i = 0; i < 20; i += 1) await cycle();
    const rules = delivered.flatMap((n) => n.items.map((item) => item.ruleId));
    assert.deepEqual(rules, ['machine-offline'], delivered.map((n) => n.title).join(' | '));
    assert.deepEqual(poolWatch.alerts.active().map((alert) => alert.ruleId), ['machine-offline']);
  });

  it('every account of one pool failing raises one "<Pool> API down" alert, not one per account', async () => {
    const sbiSim = await sbi([{ name: 'rigs', coin: 'BTC', workers: 5, deadShare: 0, offlineShare: 0 }]);
    const wmp = await startWebMinePoolSim();
    cleanups.push(() => wmp.close());
    const a = sbiAccount('sbi-a', sbiSim);
    const second = sbiSim.addKey({ permissions: ['READ'] });
    const b = sbiAccount('sbi-b', sbiSim);
    const env = { ...a.env, PW_FH_SBI_B_KEY: second.apiKey, PW_FH_SBI_B_SECRET: second.apiSecret, PW_FH_WMP: wmp.secretKey };
    const wmpAccount = { id: 'web', pool: 'webminepool', label: 'Web', baseUrl: wmp.url, credentials: { secretKey: { env: 'PW_FH_WMP' } } };
    const { poolWatch, delivered, cycle } = await watch([a.account, b.account, wmpAccount], env, [sbiSim, wmp]);
    for (let i = 0; i < 3; i += 1) await cycle();
    assert.equal(delivered.length, 0, delivered.map((n) => n.title).join(' | '));
    sbiSim.faults.add({ fault: { kind: 'status', status: 503 } });
    for (let i = 0; i < 20; i += 1) await cycle();
    assert.deepEqual(delivered.map((n) => n.title), ['SBI Crypto Pool API down'], delivered.map((n) => `${n.title}: ${n.body}`).join(' | '));
    assert.match(delivered[0]!.body, /^SBI Crypto Pool API down: all 2 accounts of this pool have failed to poll for/);
    assert.deepEqual(poolWatch.alerts.active().map((alert) => alert.ruleId), ['pool-down']);
    sbiSim.faults.clear();
    for (let i = 0; i < 4; i += 1) await cycle();
    assert.deepEqual(poolWatch.alerts.active(), []);
    assert.deepEqual(delivered.map((n) => n.title), ['SBI Crypto Pool API down', 'Resolved: SBI Crypto Pool API down']);
  });
});
