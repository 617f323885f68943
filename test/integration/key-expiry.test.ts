import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRequest } from '../../shared/contract';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { onDisk } from '../support/pool-watch-on-disk';
import { FakeClock } from '../support/fake-clock';

const DAY_MS = 86_400_000;
const POLL_MS = 60_000;
const START_MS = Date.UTC(2026, 10, 14, 12);

// The key-expiry rule fires from the date entered for the account (no pool API tells it), on the fake clock:
// quiet while the date is far, a warning within the warning days, critical on the last day, gone when the date is cleared.
describe('key expiry from the date entered for the account', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  let clock: FakeClock;

  async function polls(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await clock.advance(POLL_MS);
      await poolWatch.engine.pollAll();
    }
  }

  const expiryAlert = () => poolWatch.alerts.active().find((alert) => alert.ruleId === 'key-expiry');

  before(async () => {
    sim = await startSbiSim({ seed: 77, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 5, deadShare: 0, offlineShare: 0 }] });
    const dir = await mkdtemp(join(tmpdir(), 'pw-key-expiry-'));
    const configFile = join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ accounts: [] }));
    clock = new FakeClock(START_MS);
    ({ poolWatch } = createPoolWatch({
      ...onDisk(configFile, dir, clock),
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }));
    await poolWatch.engine.load();
    // Polls happen when the test says: no runner schedules its own.
    poolWatch.engine.setPaused(true);
    poolWatch.alerts.start();
    // Saved through the request table, as the account form does.
    await poolWatch.handle('accounts:save', {
      account: { pool: 'sbi', mode: 'api-key', label: 'Farm', baseUrl: sim.url, keyExpiresOn: '2027-03-01' },
      secrets: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret },
    });
  });

  async function setExpiry(keyExpiresOn: string | null): Promise<void> {
    const [view] = await poolWatch.handle('accounts:list', {});
    await poolWatch.handle('accounts:save', {
      account: { id: view!.id, pool: 'sbi', mode: 'api-key', label: 'Farm', baseUrl: sim.url, keyExpiresOn },
      secrets: {},
    });
  }

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it('keeps the date in the config and shows it in the account list', async () => {
    const [view] = await poolWatch.handle('accounts:list', {});
    assert.equal(view?.keyExpiresOn, '2027-03-01');
  });

  it('is quiet while the expiry is further away than the warning days', async () => {
    await polls(3);
    assert.equal(poolWatch.summaries()[0]?.status, 'ok');
    assert.equal(expiryAlert(), undefined);
  });

  it('warns within the warning days (7 by default), naming the date', async () => {
    await setExpiry('2026-11-20');
    await polls(3);
    const alert = expiryAlert();
    assert.equal(alert?.state, 'firing');
    assert.equal(alert?.severity, 'warning');
    assert.match(alert?.message ?? '', /expires in 5 day\(s\), on 2026-11-20/);
  });

  it('is critical on the last day', async () => {
    await clock.advance(5 * DAY_MS);
    await polls(2);
    assert.equal(expiryAlert()?.severity, 'critical');
  });

  it('goes away when the date is cleared', async () => {
    await setExpiry(null);
    await polls(4);
    assert.equal(expiryAlert(), undefined);
    const [after] = await poolWatch.handle('accounts:list', {});
    assert.equal(after?.keyExpiresOn, null);
  });

  it('refuses a date that does not exist, as either transport reads the request', async () => {
    const answer = await dispatchRequest(
      poolWatch.requests,
      'accounts:save',
      { account: { pool: 'sbi', mode: 'api-key', label: 'Other', baseUrl: sim.url, keyExpiresOn: '2026-02-30' }, secrets: {} },
      () => {},
    );
    assert.equal(answer.ok, false);
    assert.match(JSON.stringify(answer), /key expiry date does not exist/);
    assert.equal((await poolWatch.handle('accounts:list', {})).length, 1);
  });
});
