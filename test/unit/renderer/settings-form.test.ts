import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_APP_SETTINGS, type AppSettingsView } from '../../../shared/contract';
import { formFromSettings, settingsFromForm } from '../../../renderer/features/settings/settings-form';
import { createSettingsStore } from '../../../renderer/state/settings-store';
import { followTheme } from '../../../renderer/state/follow-theme';

describe('settings form', () => {
  it('round-trips the settings and refuses an interval out of range or not whole', () => {
    const values = formFromSettings({ ...DEFAULT_APP_SETTINGS, pollIntervalSec: 90, theme: 'dark' });
    assert.deepEqual(settingsFromForm(values), { ok: true, settings: { ...DEFAULT_APP_SETTINGS, pollIntervalSec: 90, theme: 'dark' } });
    for (const typed of ['', '9', '3601', '12.5', 'sixty']) {
      const result = settingsFromForm({ ...values, pollIntervalSec: typed });
      assert.equal(result.ok, false, typed);
      if (!result.ok) assert.equal(result.errors.pollIntervalSec, 'Enter whole seconds from 10 to 3600.');
    }
    assert.deepEqual(settingsFromForm({ ...values, pollIntervalSec: ' 3600 ' }), { ok: true, settings: { ...DEFAULT_APP_SETTINGS, pollIntervalSec: 3600, theme: 'dark' } });
  });

  it('round-trips the "not hashing" minutes and refuses them out of range or not whole', () => {
    const values = formFromSettings({ ...DEFAULT_APP_SETTINGS, notHashingAfterMin: 25 });
    assert.equal(values.notHashingAfterMin, '25');
    assert.deepEqual(settingsFromForm(values), { ok: true, settings: { ...DEFAULT_APP_SETTINGS, notHashingAfterMin: 25 } });
    for (const typed of ['', '0', '1441', '2.5', 'ten']) {
      const result = settingsFromForm({ ...values, notHashingAfterMin: typed });
      assert.deepEqual(result, { ok: false, errors: { notHashingAfterMin: 'Enter whole minutes from 1 to 1440.' } }, typed);
    }
    assert.deepEqual(settingsFromForm({ ...values, notHashingAfterMin: ' 1 ' }), { ok: true, settings: { ...DEFAULT_APP_SETTINGS, notHashingAfterMin: 1 } });
  });

  it('applies the theme when the engine answers and each time it changes, not on other changes', () => {
    const store = createSettingsStore();
    const applied: string[] = [];
    const stop = followTheme(store, (view) => applied.push(view.settings.theme));
    const view = (change: Partial<AppSettingsView['settings']>): AppSettingsView => ({ settings: { ...DEFAULT_APP_SETTINGS, ...change }, desktop: false });
    store.getState().setView(view({ theme: 'dark' }));
    store.getState().setView(view({ theme: 'dark', pollIntervalSec: 30 }));
    store.getState().setView(view({ theme: 'system' }));
    stop();
    store.getState().setView(view({ theme: 'light' }));
    assert.deepEqual(applied, ['dark', 'system']);
  });
});

describe('a new account form', () => {
  it('starts at the default poll interval of the Settings screen', async () => {
    const { newAccountValues } = await import('../../../renderer/features/accounts/account-form-model');
    assert.equal(newAccountValues('sbi', 300).pollIntervalSec, '300');
    assert.equal(newAccountValues().pollIntervalSec, '60');
  });
});
