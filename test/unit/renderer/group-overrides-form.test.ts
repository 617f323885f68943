import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAlertSettings, type AlertSettings } from '../../../shared/contract';
import { describeErrorKey, formFromSettings, settingsFromForm, type AlertSettingsForm } from '../../../renderer/features/alerts/alert-settings-form';
import { newGroupForm, newWorkerForm, readThresholds } from '../../../renderer/features/alerts/group-overrides-form';

function build(saved: AlertSettings, form: AlertSettingsForm): AlertSettings {
  const result = settingsFromForm(saved, form);
  if (!result.ok) assert.fail(`expected valid settings, got ${JSON.stringify(result.errors)}`);
  return result.settings;
}

function errorsOf(saved: AlertSettings, form: AlertSettingsForm): Record<string, string> {
  const result = settingsFromForm(saved, form);
  if (result.ok) assert.fail('expected errors');
  return result.errors;
}

const labels = new Map([['acc-1', 'Main farm']]);

describe('alert settings form: group and worker overrides', () => {
  const saved = parseAlertSettings({
    accounts: {
      'acc-1': {
        expectedWorkers: 10,
        groups: {
          east: { expectedWorkers: 4, payoutStuckHours: 12, rules: { 'payout-new': { enabled: false } }, workers: { 'rig-07': { enabled: false } } },
        },
      },
    },
  });

  it('shows saved groups and workers, and saves an untouched form unchanged', () => {
    const form = formFromSettings(saved, ['acc-1']);
    const east = form.accounts['acc-1']!.groups[0]!;
    assert.equal(east.name, 'east');
    assert.equal(east.expectedWorkers, '4');
    assert.equal(east.numbers.payoutStuckHours, '12');
    assert.deepEqual(east.workers.map((w) => [w.name, w.enabled]), [['rig-07', false]]);
    assert.deepEqual(build(saved, form), saved);
  });

  it('saves a changed group number, a new group and a new worker override, keeping per-rule patches', () => {
    const form = formFromSettings(saved, ['acc-1']);
    const account = form.accounts['acc-1']!;
    account.groups[0]!.numbers.totalHashrateFloorHps = '2e14';
    const west = newGroupForm(' west ');
    west.workers.push({ ...newWorkerForm('rig-01'), numbers: { ...newWorkerForm().numbers, hashrateDropPercent: '40' } });
    account.groups.push(west);
    const groups = build(saved, form).accounts['acc-1']!.groups!;
    assert.deepEqual(groups.east, {
      expectedWorkers: 4,
      payoutStuckHours: 12,
      totalHashrateFloorHps: 2e14,
      rules: { 'payout-new': { enabled: false } },
      workers: { 'rig-07': { enabled: false } },
    });
    assert.deepEqual(groups.west, { workers: { 'rig-01': { hashrateDropPercent: 40 } } });
  });

  it('removes a removed group, and drops the groups key when none is left', () => {
    const form = formFromSettings(saved, ['acc-1']);
    form.accounts['acc-1']!.groups = [];
    assert.deepEqual(build(saved, form).accounts['acc-1'], { expectedWorkers: 10 });
  });

  it('names the account, group, worker and field of every bad value', () => {
    const form = formFromSettings(saved, ['acc-1']);
    const account = form.accounts['acc-1']!;
    account.groups[0]!.numbers.payoutStuckHours = '0';
    account.groups[0]!.workers[0]!.numbers.recoveryMarginPercent = '150';
    account.groups.push(newGroupForm('east'));
    const errors = errorsOf(saved, form);
    assert.deepEqual(errors, {
      'accounts.acc-1.groups.east.payoutStuckHours': 'Enter a number above 0, up to 8784.',
      'accounts.acc-1.groups.east.workers.rig-07.recoveryMarginPercent': 'Enter a number from 0 to 100.',
      'accounts.acc-1.groups.east.name': 'Group east is listed twice.',
    });
    assert.deepEqual(
      Object.keys(errors).map((key) => describeErrorKey(key, labels)),
      [
        'Main farm › group east: Payout stuck after (hours)',
        'Main farm › group east › worker rig-07: Recovery margin (%)',
        'Main farm › group east: Name',
      ],
    );
  });
});

describe('alert settings form: balance thresholds', () => {
  it('reads "BTC 0.05, ltc 2, ETH 5000 base-unit" and writes it back the same way', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, ['acc-1']);
    form.balanceThresholds = 'BTC 0.05, ltc 2, ETH 5000 base-unit';
    form.accounts['acc-1']!.balanceThresholds = 'BTC 0.5';
    const settings = build(saved, form);
    assert.deepEqual(settings.defaults.balanceThresholds, {
      BTC: { amount: 0.05, unit: 'coin' },
      LTC: { amount: 2, unit: 'coin' },
      ETH: { amount: 5000, unit: 'base-unit' },
    });
    assert.deepEqual(settings.accounts['acc-1']!.balanceThresholds, { BTC: { amount: 0.5, unit: 'coin' } });
    const again = formFromSettings(settings, ['acc-1']);
    assert.equal(again.balanceThresholds, 'BTC 0.05, LTC 2, ETH 5000 base-unit');
    assert.equal(again.accounts['acc-1']!.balanceThresholds, 'BTC 0.5');
    assert.deepEqual(build(settings, again), settings);
  });

  it('refuses an entry without an amount, with a negative one or an unknown unit, naming the entry', () => {
    for (const text of ['BTC', 'BTC -1', 'BTC 1 sats', '0.5']) {
      const read = readThresholds(text);
      assert.equal(read.ok, false, text);
      if (!read.ok) assert.match(read.message, new RegExp(`^"${text}" is not a coin and an amount`));
    }
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, []);
    form.balanceThresholds = 'BTC lots';
    const errors = errorsOf(saved, form);
    assert.deepEqual(Object.keys(errors), ['defaults.balanceThresholds']);
    assert.equal(describeErrorKey('defaults.balanceThresholds', labels), 'Defaults: Balance thresholds');
  });

  it('shows nullable built-ins (no floor, learned cadence) as empty, not "null"', () => {
    const form = formFromSettings(parseAlertSettings({}), []);
    assert.equal(form.defaults.totalHashrateFloorHps, '');
    assert.equal(form.defaults.payoutIntervalHours, '');
    assert.equal(form.defaults.payoutStuckHours, '24');
  });
});
