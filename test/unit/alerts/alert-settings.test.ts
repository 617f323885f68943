import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BUILT_IN_DEFAULTS,
  DEFAULT_ALERT_SETTINGS,
  SettingsResolver,
  parseAlertSettings,
  settingsFor,
} from '../../../main/alerts/alert-settings';
import { RULE_IDS } from '../../../main/alerts/alert-types';

const ACCOUNT = { accountId: 'acc-1', group: null, worker: null };
const GROUP = { accountId: 'acc-1', group: 'east', worker: null };
const WORKER = { accountId: 'acc-1', group: 'east', worker: 'rig-01' };

describe('alert settings', () => {
  it('has the defaults the issue asks for', () => {
    const s = settingsFor(DEFAULT_ALERT_SETTINGS, WORKER, 'hashrate-drop');
    assert.equal(s.forPolls, 2);
    assert.equal(s.recoveryPolls, 2);
    assert.equal(s.hashrateDropPercent, 70);
    assert.equal(s.fleetOfflinePercent, 30);
    assert.equal(s.reminderHours, 4);
    assert.deepEqual(DEFAULT_ALERT_SETTINGS.urgentRules, ['source-failing', 'fleet-offline']);
    assert.deepEqual(DEFAULT_ALERT_SETTINGS.quietHours, { enabled: false, start: '22:00', end: '07:00', timezone: null });
    assert.equal(DEFAULT_ALERT_SETTINGS.groupingThreshold, 3);
    for (const rule of RULE_IDS) assert.equal(settingsFor(DEFAULT_ALERT_SETTINGS, ACCOUNT, rule).enabled, true, rule);
  });

  it('gives time-held rules a one-poll hold and balances no reminders', () => {
    assert.equal(settingsFor(DEFAULT_ALERT_SETTINGS, ACCOUNT, 'source-failing').forPolls, 1);
    assert.equal(settingsFor(DEFAULT_ALERT_SETTINGS, ACCOUNT, 'balance-threshold').reminderHours, 0);
    assert.equal(settingsFor(DEFAULT_ALERT_SETTINGS, ACCOUNT, 'worker-offline').forPolls, 2);
  });

  it('resolves worker over group over account over rule over defaults', () => {
    const settings = parseAlertSettings({
      defaults: { forPolls: 3, hashrateDropPercent: 60 },
      rules: { 'hashrate-drop': { forPolls: 4 } },
      accounts: {
        'acc-1': {
          hashrateDropPercent: 50,
          rules: { 'hashrate-drop': { recoveryPolls: 5 } },
          groups: {
            east: {
              hashrateDropPercent: 40,
              workers: { 'rig-01': { hashrateDropPercent: 20, rules: { 'hashrate-drop': { forPolls: 9 } } } },
            },
          },
        },
      },
    });
    const other = { accountId: 'acc-2', group: 'east', worker: 'rig-01' };
    assert.equal(settingsFor(settings, other, 'hashrate-drop').hashrateDropPercent, 60);
    assert.equal(settingsFor(settings, other, 'hashrate-drop').forPolls, 4);
    assert.equal(settingsFor(settings, other, 'worker-offline').forPolls, 3);
    assert.equal(settingsFor(settings, ACCOUNT, 'hashrate-drop').hashrateDropPercent, 50);
    assert.equal(settingsFor(settings, ACCOUNT, 'hashrate-drop').recoveryPolls, 5);
    assert.equal(settingsFor(settings, ACCOUNT, 'worker-offline').recoveryPolls, 2);
    assert.equal(settingsFor(settings, GROUP, 'hashrate-drop').hashrateDropPercent, 40);
    assert.equal(settingsFor(settings, { ...WORKER, worker: 'rig-02' }, 'hashrate-drop').hashrateDropPercent, 40);
    assert.equal(settingsFor(settings, WORKER, 'hashrate-drop').hashrateDropPercent, 20);
    assert.equal(settingsFor(settings, WORKER, 'hashrate-drop').forPolls, 9);
    assert.equal(settingsFor(settings, WORKER, 'reject-rate').forPolls, 3);
  });

  it('lets the user override a rule-specific built-in', () => {
    const settings = parseAlertSettings({ defaults: { forPolls: 3 }, rules: { 'source-failing': { forPolls: 2 } } });
    assert.equal(settingsFor(settings, ACCOUNT, 'source-failing').forPolls, 2);
    // The general default does not beat the more specific built-in.
    assert.equal(settingsFor(parseAlertSettings({ defaults: { forPolls: 3 } }), ACCOUNT, 'source-failing').forPolls, 1);
  });

  it('merges balance thresholds per coin', () => {
    const settings = parseAlertSettings({
      defaults: { balanceThresholds: { BTC: { amount: 0.1 }, LTC: { amount: 5 } } },
      accounts: { 'acc-1': { groups: { east: { balanceThresholds: { BTC: { amount: 0.01 } } } } } },
    });
    assert.deepEqual(settingsFor(settings, GROUP, 'balance-threshold').balanceThresholds, {
      BTC: { amount: 0.01, unit: 'coin' },
      LTC: { amount: 5, unit: 'coin' },
    });
    assert.deepEqual(settingsFor(settings, ACCOUNT, 'balance-threshold').balanceThresholds.BTC, { amount: 0.1, unit: 'coin' });
    assert.deepEqual(BUILT_IN_DEFAULTS.balanceThresholds, {}, 'built-ins stay untouched');
  });

  it('does not inherit expected worker counts from account to group', () => {
    const resolver = new SettingsResolver(parseAlertSettings({ accounts: { 'acc-1': { expectedWorkers: 40, groups: { east: { expectedWorkers: 10 }, west: {} } } } }));
    assert.equal(resolver.expectedWorkers('acc-1', null), 40);
    assert.equal(resolver.expectedWorkers('acc-1', 'east'), 10);
    assert.equal(resolver.expectedWorkers('acc-1', 'west'), null);
    assert.equal(resolver.expectedWorkers('acc-2', null), null);
    assert.deepEqual(resolver.groupsWithExpectedWorkers('acc-1'), ['east']);
  });

  it('caches without mixing scopes up', () => {
    const settings = parseAlertSettings({
      accounts: { 'acc-1': { enabled: false, groups: { east: { enabled: true, workers: { 'rig-01': { enabled: false } } } } } },
    });
    const resolver = new SettingsResolver(settings);
    const scopes = [
      ACCOUNT,
      GROUP,
      WORKER,
      { accountId: 'acc-1', group: 'west', worker: 'x' },
      { accountId: 'acc-2', group: 'east', worker: 'rig-01' },
      { accountId: 'acc-1', group: 'east', worker: 'rig-02' },
    ];
    for (let round = 0; round < 2; round += 1) {
      for (const scope of scopes) {
        for (const rule of ['worker-offline', 'hashrate-drop'] as const) {
          assert.deepEqual(resolver.settingsFor(scope, rule), settingsFor(settings, scope, rule), JSON.stringify([scope, rule]));
        }
      }
    }
    assert.equal(resolver.settingsFor(WORKER, 'worker-offline').enabled, false);
    assert.equal(resolver.settingsFor({ ...WORKER, worker: 'rig-02' }, 'worker-offline').enabled, true);
    assert.equal(resolver.settingsFor({ ...WORKER, group: 'west' }, 'worker-offline').enabled, false);
  });

  it('rejects what does not fit', () => {
    assert.throws(() => parseAlertSettings({ defaults: { hashrateDropPercent: 0 } }));
    assert.throws(() => parseAlertSettings({ defaults: { forPolls: 0 } }));
    assert.throws(() => parseAlertSettings({ rules: { 'no-such-rule': { forPolls: 2 } } }));
    assert.throws(() => parseAlertSettings({ quietHours: { enabled: true, start: '25:00' } }));
    assert.throws(() => parseAlertSettings({ quietHours: { timezone: 'Mars/Olympus' } }));
    assert.throws(() => parseAlertSettings({ urgentRules: ['worker-offline', 'nope'] }));
    assert.throws(() => parseAlertSettings({ accounts: { 'acc-1': { typo: 1 } } }), 'unknown keys are an error, not ignored');
    assert.equal(parseAlertSettings({ quietHours: { enabled: true, timezone: 'Europe/Berlin' } }).quietHours.start, '22:00');
  });
});
