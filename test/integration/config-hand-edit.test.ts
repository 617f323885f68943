import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memorySecrets } from '../support/memory-secrets';
import { waitFor } from '../support/wait-for';

// `serve` keeps the config in memory; a person may edit config.json by hand meanwhile. Saving from the UI
// must not write the old copy over that edit: the file is read again, the UI's change applied on top.
describe('config.json edited by hand while the app runs', () => {
  let sim: SbiSim;
  let dir: string;
  let file: string;
  let poolWatch: PoolWatch;
  const env = { PW_HE_KEY: '', PW_HE_SECRET: '' };
  const account = (id: string, label: string) => ({
    id,
    pool: 'sbi',
    label,
    baseUrl: sim.url,
    credentials: { apiKey: { env: 'PW_HE_KEY' }, apiSecret: { env: 'PW_HE_SECRET' } },
  });
  const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as { accounts: Array<{ id: string; label: string }>; alerts?: unknown };

  before(async () => {
    sim = await startSbiSim({ seed: 21, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 4 }] });
    env.PW_HE_KEY = sim.fullKey.apiKey;
    env.PW_HE_SECRET = sim.fullKey.apiSecret;
    dir = await mkdtemp(join(tmpdir(), 'pw-hand-edit-'));
    file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ accounts: [account('first', 'First')] }, null, 2));
    ({ poolWatch } = createPoolWatch({ config: fileConfigRepository(file), dataDir: null, secrets: memorySecrets(), logger: captureLogger(), env, httpLimits: { maxRetries: 0, timeoutMs: 2_000 } }));
    await poolWatch.start();
  });

  after(async () => {
    poolWatch.stop();
    await chmod(dir, 0o700).catch(() => undefined);
    await sim.close();
  });

  it('keeps an account added by hand when the UI then saves alert settings, and starts polling it', async () => {
    const text = JSON.stringify({ accounts: [account('first', 'First'), account('added-by-hand', 'Added by hand')] }, null, 2);
    await writeFile(file, text);
    const settings = poolWatch.alerts.settings();
    await poolWatch.handle('alerts:save-settings', { settings: { ...settings, defaults: { ...settings.defaults, forPolls: 3 } } });

    const saved = await onDisk();
    assert.deepEqual(saved.accounts.map((entry) => entry.id), ['first', 'added-by-hand']);
    assert.ok(saved.alerts, 'the UI change is written too');
    assert.ok(poolWatch.engine.accountIds().includes('added-by-hand'), 'the engine knows the added account');
    await waitFor(() => poolWatch.summaries().some((summary) => summary.id === 'added-by-hand' && summary.status === 'ok'), 10_000, 'the hand-added account polled');
  });

  it('applies an account edit from the UI on top of a label changed by hand, and drops an account removed by hand', async () => {
    await writeFile(file, JSON.stringify({ accounts: [{ ...account('added-by-hand', 'Renamed by hand') }] }, null, 2));
    await poolWatch.handle('accounts:save', {
      account: { id: 'added-by-hand', pool: 'sbi', label: 'Renamed in the UI', mode: 'api-key', baseUrl: sim.url },
      secrets: {},
    });
    const saved = await onDisk();
    assert.deepEqual(saved.accounts.map((entry) => [entry.id, entry.label]), [['added-by-hand', 'Renamed in the UI']]);
    assert.deepEqual(poolWatch.engine.accountIds(), ['added-by-hand']);
    assert.ok(!poolWatch.summaries().some((summary) => summary.id === 'first'), 'the account removed by hand stops');
  });

  it('refuses to save over a hand edit that is not valid JSON, saying where, and leaves the file as it is', async () => {
    const broken = '{"accounts": [ {"id": "x",, } ]';
    await writeFile(file, broken);
    await assert.rejects(
      poolWatch.handle('accounts:save', {
        account: { id: 'added-by-hand', pool: 'sbi', label: 'Again', mode: 'api-key', baseUrl: sim.url },
        secrets: {},
      }),
      (error: Error) => /changed outside PoolWatch/.test(error.message) && /line 1, column 27/.test(error.message) && !error.message.includes('"x"'),
    );
    assert.equal(await readFile(file, 'utf8'), broken);
  });
});
