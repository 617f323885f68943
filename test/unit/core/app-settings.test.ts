import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_APP_SETTINGS, callHandler, dispatchRequest, type AppSettings } from '../../../shared/contract';
import { createPoolWatch } from '../../../main/core/create-pool-watch';
import { applyDraft } from '../../../main/engine/account-editor';
import { AccountRunner } from '../../../main/engine/account-runner';
import { createHttpClient } from '../../../main/pools/http-client';
import type { PoolAdapter } from '../../../main/pools/adapter';
import { silentLogger } from '../../../main/base/logger';
import { parseConfig, readConfigFile } from '../../../main/store/config-file';
import { fileConfigRepository } from '../../../main/store/config-repository';
import { SettingsStore } from '../../../main/store/settings-store';
import { AppSettingsService } from '../../../main/core/app-settings-service';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';
import { memorySecrets } from '../../support/memory-secrets';

const envAccount = { id: 'farm', pool: 'sbi', label: 'Farm', baseUrl: 'http://127.0.0.1:9', credentials: { observerKey: { env: 'FARM_OBSERVER' } } };

async function configFile(content: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'poolwatch-settings-')), 'config.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

function openOn(file: string, desktop = false) {
  return createPoolWatch({ config: fileConfigRepository(file), dataDir: null, secrets: memorySecrets(), logger: captureLogger(), env: {}, desktop }).poolWatch;
}

const dark: AppSettings = { pollIntervalSec: 300, theme: 'dark', units: 'si', startAtLogin: true, closeToTray: false, notHashingAfterMin: 30 };

describe('app settings (settings:get, settings:save)', () => {
  it('answers the defaults for a config without settings, and says whether this is the desktop app', async () => {
    const file = await configFile({ accounts: [] });
    const headless = openOn(file);
    const desktop = openOn(file, true);
    try {
      await headless.engine.load();
      await desktop.engine.load();
      assert.deepEqual(await callHandler(headless.requests, 'settings:get', {}), { settings: DEFAULT_APP_SETTINGS, desktop: false });
      assert.equal((await callHandler(desktop.requests, 'settings:get', {})).desktop, true);
    } finally {
      headless.stop();
      desktop.stop();
    }
  });

  it('saves into the config file beside the accounts, and a new process reads them back', async () => {
    const file = await configFile({ accounts: [envAccount] });
    const first = openOn(file);
    try {
      await first.engine.load();
      assert.deepEqual(await callHandler(first.requests, 'settings:save', { settings: dark }), { settings: dark, desktop: false });
    } finally {
      first.stop();
    }
    const written = await readConfigFile(file, { missingIsEmpty: false });
    assert.deepEqual(written.settings, dark);
    assert.equal(written.accounts[0]?.id, 'farm', 'the accounts stay as they were');
    const second = openOn(file);
    try {
      await second.engine.load();
      assert.deepEqual((await callHandler(second.requests, 'settings:get', {})).settings, dark);
    } finally {
      second.stop();
    }
  });

  it('refuses bad values through the contract with the field named, and writes nothing', async () => {
    const file = await configFile({ accounts: [] });
    const poolWatch = openOn(file);
    const before = await readFile(file, 'utf8');
    try {
      await poolWatch.engine.load();
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ ...dark, pollIntervalSec: 5 }, /pollIntervalSec/],
        [{ ...dark, pollIntervalSec: 12.5 }, /pollIntervalSec/],
        [{ ...dark, theme: 'blue' }, /theme/],
        [{ ...dark, units: 'imperial' }, /units/],
        [{ ...dark, startAtLogin: 'yes' }, /startAtLogin/],
        [{ ...dark, wallpaper: 'cats' }, /wallpaper/],
      ];
      for (const [settings, field] of cases) {
        const answer = await dispatchRequest(poolWatch.requests, 'settings:save', { settings }, () => assert.fail('not a fault'));
        assert.equal(answer.ok, false, JSON.stringify(settings));
        if (answer.ok) continue;
        assert.equal(answer.error.code, 'invalid_request');
        assert.match(answer.error.message, field);
      }
      assert.equal(await readFile(file, 'utf8'), before);
    } finally {
      poolWatch.stop();
    }
  });

  it('refuses a config file whose settings are not valid, naming the setting', () => {
    assert.throws(() => parseConfig({ accounts: [], settings: { theme: 'blue' } }, 'config.json'), /config\.json: invalid config at settings\.theme/);
    assert.throws(() => parseConfig({ accounts: [], settings: { pollIntervalSec: 99999 } }, 'config.json'), /settings\.pollIntervalSec/);
    assert.deepEqual(parseConfig({ accounts: [], settings: { theme: 'light' } }, 'config.json').settings, { theme: 'light' });
  });

  it('polls accounts without their own interval at the default, and keeps an own interval', async () => {
    const file = await configFile({ accounts: [envAccount, { ...envAccount, id: 'own', label: 'Own', pollIntervalSec: 30 }], settings: { pollIntervalSec: 120 } });
    const poolWatch = openOn(file);
    try {
      await poolWatch.engine.load();
      const intervals = async () => Object.fromEntries((await callHandler(poolWatch.requests, 'accounts:list', {})).map((view) => [view.id, view.pollIntervalSec]));
      assert.deepEqual(await intervals(), { farm: 120, own: 30 });
      await callHandler(poolWatch.requests, 'settings:save', { settings: { ...DEFAULT_APP_SETTINGS, pollIntervalSec: 900 } });
      assert.deepEqual(await intervals(), { farm: 900, own: 30 });
    } finally {
      poolWatch.stop();
    }
  });

  it('stores an account interval only when it differs from the default it would follow', () => {
    const draft = { pool: 'sbi' as const, mode: 'observer', label: 'Farm', pollIntervalSec: 120 };
    const secrets = { observerKey: 'observer-key-value' };
    assert.equal(applyDraft(draft, undefined, secrets, 'farm', 120).config.pollIntervalSec, undefined);
    assert.equal(applyDraft(draft, undefined, secrets, 'farm', 60).config.pollIntervalSec, 120);
  });

  it('tells every open window and tab (settings:changed) when the settings are saved', async () => {
    const file = await configFile({ accounts: [] });
    const poolWatch = openOn(file);
    try {
      await poolWatch.engine.load();
      const heard: unknown[] = [];
      poolWatch.subscribe((event) => {
        if (event.channel === 'settings:changed') heard.push(event.payload);
      });
      await callHandler(poolWatch.requests, 'settings:save', { settings: dark });
      assert.deepEqual(heard, [{ settings: dark, desktop: false }]);
    } finally {
      poolWatch.stop();
    }
  });

  it('follows settings edited by hand in the config file: engine and desktop shell hear the change', async () => {
    const file = await configFile({ accounts: [], settings: { pollIntervalSec: 60 } });
    const store = new SettingsStore(fileConfigRepository(file));
    await store.load();
    const intervals: number[] = [];
    const service = new AppSettingsService({ settings: store, engine: { setDefaultPollInterval: (sec) => intervals.push(sec) }, desktop: true, logger: captureLogger() });
    const heard: AppSettings[] = [];
    service.onChanged((settings) => heard.push(settings));
    await writeFile(file, JSON.stringify({ accounts: [], settings: { pollIntervalSec: 240, closeToTray: false } }));
    await store.refresh();
    assert.deepEqual(intervals, [240]);
    assert.deepEqual(heard, [{ ...DEFAULT_APP_SETTINGS, pollIntervalSec: 240, closeToTray: false }]);
    // A reload that leaves the settings as they were says nothing.
    await writeFile(file, JSON.stringify({ accounts: [envAccount], settings: { pollIntervalSec: 240, closeToTray: false } }));
    await store.refresh();
    assert.equal(heard.length, 1);
  });

  it('moves a waiting poll to the new interval at once, counted from the last poll', async () => {
    const clock = new FakeClock();
    const adapter: PoolAdapter = {
      pool: 'sbi',
      poll: async () => ({ poolAccountName: null, hashrate: { h10m: 1, h1h: 1, h24h: 1 }, groups: [], workers: [], balances: [], payouts: [], revenue: [], stratumServers: [], limitations: [] }),
    };
    const runner = new AccountRunner(
      { id: 'farm', pool: 'sbi', label: 'Farm', mode: 'observer', baseUrl: 'http://127.0.0.1:9', pollIntervalSec: 3600, credentials: {}, subaccounts: undefined },
      { clock, adapter, http: createHttpClient({ poolName: 'SBI' }), resolveCredentials: async () => ({}), onSummary: () => {}, onWorkersDelta: () => {}, logger: silentLogger, random: () => 0.5 },
    );
    runner.start(0);
    await clock.advance(0);
    assert.equal(runner.summary().status, 'ok');
    await clock.advance(10_000);
    runner.setPollInterval(60);
    const nextAt = Date.parse(runner.summary().nextPollAt ?? '');
    assert.equal(nextAt - clock.now(), 50_000, 'the next poll comes 60 s after the last one, not an hour after it');
    runner.stop();
  });
});
