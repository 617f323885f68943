import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRequest } from '../../shared/contract';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import type { RuleId } from '../../shared/model';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Saturday 14 November 2026, 12:00 UTC: the simulator's ledger has today's earning NEW, yesterday's payout POSTED. */
const START_MS = Date.UTC(2026, 10, 14, 12);

// The payout rules and the account hashrate rule against the SBI simulator over real HTTP, on one fake clock shared
// by PoolWatch and the simulator: the ledger stops moving (no advancePayouts) and the rules notice; it moves again
// and they resolve. Workers stop and the account's total falls below its floor, then comes back.
describe('account and payout rules against the SBI simulator', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  let clock: FakeClock;

  async function polls(count: number, everyMs = MINUTE_MS): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await clock.advance(everyMs);
      await poolWatch.engine.pollAll();
    }
  }

  const active = (ruleId: RuleId) => poolWatch.alerts.active().filter((alert) => alert.ruleId === ruleId);

  before(async () => {
    clock = new FakeClock(START_MS);
    sim = await startSbiSim({ seed: 91, now: () => clock.now(), subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6, deadShare: 0, offlineShare: 0 }] });
    const dir = await mkdtemp(join(tmpdir(), 'pw-account-rules-'));
    const configFile = join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ accounts: [] }));
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }));
    await poolWatch.engine.load();
    poolWatch.engine.setPaused(true);
    poolWatch.alerts.start();
    await poolWatch.handle('accounts:save', {
      account: { pool: 'sbi', mode: 'api-key', label: 'Farm', baseUrl: sim.url },
      secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret },
    });
  });

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it('is quiet while payouts and earnings come on time', async () => {
    await polls(4);
    assert.equal(poolWatch.summaries()[0]?.status, 'ok');
    for (const rule of ['payout-stuck', 'payout-overdue', 'earnings-stopped', 'total-hashrate-low'] as const) assert.deepEqual(active(rule), [], rule);
  });

  it('notices a POSTED payout not confirmed after 24 h, an overdue payout and earnings that stopped', async () => {
    // 21 hours later the ledger has not moved: yesterday's payout is still POSTED, today's earning still NEW.
    await clock.advance(21 * HOUR_MS);
    await polls(4);
    const [stuck] = active('payout-stuck');
    assert.equal(stuck?.state, 'firing');
    assert.match(stuck?.message ?? '', /^The payout of [\d.]+ BTC \(tx [0-9a-f]{64}\) is still posted, (36|37) h after it was made\.$/);
    const [overdue] = active('payout-overdue');
    assert.equal(overdue?.state, 'firing');
    assert.equal(overdue?.scope.group, 'rigs');
    assert.match(overdue?.message ?? '', /^No payout in rigs for (36|37) h \(the longest recent gap was 24 h\), with [\d.]+ BTC unpaid\.$/);
    const [stopped] = active('earnings-stopped');
    assert.equal(stopped?.state, 'firing');
    assert.match(stopped?.message ?? '', /^Farm is hashing, but its newest daily earning is for 2026-11-13/);
  });

  it('resolves all three when the pool pays and books the new day', async () => {
    sim.advancePayouts();
    await polls(4);
    for (const rule of ['payout-stuck', 'payout-overdue', 'earnings-stopped'] as const) assert.deepEqual(active(rule), [], rule);
    const resolved = poolWatch.alerts.history({ limit: 100 }).filter((row) => row.to === 'resolved').map((row) => row.ruleId);
    assert.deepEqual([...new Set(resolved)].sort(), ['earnings-stopped', 'payout-overdue', 'payout-stuck']);
  });

  it('learns the account total over two hours, alerts when it falls below half of its median, and tells the recovery', async () => {
    // One poll a minute, as configured: longer gaps would read as sleep, and rules wait for fresh data after one.
    await polls(125);
    assert.deepEqual(active('total-hashrate-low'), []);
    const names = sim.workerNames('rigs');
    for (const name of names.slice(0, 4)) sim.stopWorker('rigs', name);
    await polls(15);
    const [low] = active('total-hashrate-low');
    assert.equal(low?.state, 'firing');
    assert.match(low?.message ?? '', /^Total hashrate of Farm is [\d.]+ [KMGTPE]?H\/s, below 50% of its 24 h median \([\d.]+ [KMGTPE]?H\/s\)\.$/);
    for (const name of names.slice(0, 4)) sim.startWorker('rigs', name);
    await polls(15);
    assert.deepEqual(active('total-hashrate-low'), []);
    const recovered = poolWatch.alerts.history({ ruleId: 'fleet-recovered', limit: 10 });
    assert.equal(recovered.length, 1);
    assert.match(recovered[0]!.message, /^Farm recovered \(hashrate below floor\)\. Total hashrate is /);
  });

  it('takes a per-group threshold through the settings request, and refuses a bad one naming the field', async () => {
    const [account] = await poolWatch.handle('accounts:list', {});
    const id = account!.id;
    const bad = await dispatchRequest(
      poolWatch.requests,
      'alerts:save-settings',
      { settings: { accounts: { [id]: { groups: { rigs: { payoutStuckHours: 0 } } } } } },
      () => {},
    );
    assert.equal(bad.ok, false);
    assert.match(JSON.stringify(bad), /settings\.accounts\.farm\.groups\.rigs\.payoutStuckHours: Too small/);
    const good = { accounts: { [id]: { groups: { rigs: { payoutStuckHours: 6, balanceThresholds: { BTC: { amount: 0, unit: 'coin' } } } } } } };
    assert.equal((await dispatchRequest(poolWatch.requests, 'alerts:save-settings', { settings: good }, () => {})).ok, true);
    const saved = await poolWatch.handle('alerts:get-settings', {});
    assert.equal(saved.accounts[id]?.groups?.rigs?.payoutStuckHours, 6);
    await polls(3);
    // The group's zero threshold makes its unpaid BTC an alert: the override reached the engine.
    const balance = active('balance-threshold');
    assert.deepEqual(balance.map((alert) => [alert.scope.group, alert.ref]), [['rigs', 'BTC']]);
  });
});
