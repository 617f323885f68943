import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAlertSettings, type AlertSettings } from '../../../shared/contract';
import {
  accountRuleEnabled,
  defaultNumberText,
  describeErrorKey,
  formFromSettings,
  globalRuleEnabled,
  readNumber,
  RULE_NUMBER_FIELDS,
  settingsFromForm,
  toggled,
  withAccount,
  type AlertSettingsForm,
} from '../../../renderer/features/alerts/alert-settings-form';

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

describe('alert settings form: defaults', () => {
  const saved = parseAlertSettings({});

  it('shows built-in values and saves an untouched form unchanged', () => {
    const form = formFromSettings(saved, ['acc-1']);
    assert.equal(form.defaults.hashrateDropPercent, '70');
    assert.equal(form.defaults.forMinutes, '1');
    assert.deepEqual(build(saved, form), saved);
  });

  it('saves a changed value and drops a cleared one', () => {
    const withDrop = parseAlertSettings({ defaults: { staleMinutes: 45 } });
    const form = formFromSettings(withDrop, []);
    form.defaults.hashrateDropPercent = ' 50 ';
    form.defaults.staleMinutes = '';
    assert.deepEqual(build(withDrop, form).defaults, { hashrateDropPercent: 50 });
  });

  it('keeps a value the user set before, even when it equals the built-in one', () => {
    const explicit = parseAlertSettings({ defaults: { forMinutes: 1 } });
    assert.deepEqual(build(explicit, formFromSettings(explicit, [])).defaults, { forMinutes: 1 });
  });

  it('shows a hold saved in polls by an older version as the minutes it is read as, and saves minutes', () => {
    const old = parseAlertSettings({ defaults: { forPolls: 3 }, accounts: { 'acc-1': { recoveryPolls: 5 } } });
    const form = formFromSettings(old, []);
    assert.equal(form.defaults.forMinutes, '2');
    assert.equal(form.accounts['acc-1']?.numbers.recoveryMinutes, '4');
    const saved = build(old, form);
    assert.equal(saved.defaults.forMinutes, 2);
    assert.equal(saved.accounts['acc-1']?.recoveryMinutes, 4);
  });

  it('says what range each field takes', () => {
    const form = formFromSettings(saved, []);
    form.defaults.forMinutes = '-1';
    form.defaults.hashrateDropPercent = '0';
    form.defaults.fleetOfflinePercent = '101';
    form.defaults.reminderHours = 'soon';
    assert.deepEqual(errorsOf(saved, form), {
      'defaults.forMinutes': 'Enter a number from 0 to 1440.',
      'defaults.hashrateDropPercent': 'Enter a number above 0, up to 100.',
      'defaults.fleetOfflinePercent': 'Enter a number from 0 to 100.',
      'defaults.reminderHours': 'Enter a number from 0 to 8760.',
    });
  });

  it('accepts every edge the schema accepts', () => {
    for (const field of RULE_NUMBER_FIELDS) {
      const edge = field.minExclusive ? field.min + 0.5 : field.min;
      assert.deepEqual(readNumber(String(edge), field), { kind: 'ok', value: edge }, field.key);
      if (field.max !== null) assert.deepEqual(readNumber(String(field.max), field), { kind: 'ok', value: field.max }, field.key);
    }
  });
});

describe('alert settings form: rules', () => {
  it('shows each rule on unless switched off, and saves only what differs', () => {
    const saved = parseAlertSettings({ rules: { 'worker-dead': { enabled: false, forPolls: 3 } } });
    const form = formFromSettings(saved, []);
    assert.equal(globalRuleEnabled(form, saved, 'worker-offline'), true);
    assert.equal(globalRuleEnabled(form, saved, 'worker-dead'), false);

    const next = { ...form, rules: toggled(toggled(form.rules, 'worker-dead', false), 'reject-rate', true) };
    const settings = build(saved, next);
    assert.deepEqual(settings.rules, { 'worker-dead': { enabled: true, forPolls: 3 }, 'reject-rate': { enabled: false } });
  });

  it('leaves a rule out when it is switched back to what it inherits', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, []);
    const twice = { ...form, rules: toggled(toggled(form.rules, 'reject-rate', true), 'reject-rate', false) };
    assert.deepEqual(build(saved, twice).rules, {});
  });

  it('follows a user default that switches every rule off', () => {
    const saved = parseAlertSettings({ defaults: { enabled: false } });
    const form = formFromSettings(saved, []);
    assert.equal(globalRuleEnabled(form, saved, 'worker-offline'), false);
    const on = { ...form, rules: toggled(form.rules, 'worker-offline', false) };
    assert.deepEqual(build(saved, on).rules, { 'worker-offline': { enabled: true } });
  });

  it('keeps the saved order of urgent rules and adds new ones after them', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, []);
    assert.equal(form.urgentRules['fleet-offline'], true);
    form.urgentRules['fleet-offline'] = false;
    form.urgentRules['worker-dead'] = true;
    assert.deepEqual(build(saved, form).urgentRules, ['source-failing', 'worker-dead']);
  });
});

describe('alert settings form: accounts', () => {
  it('lists configured accounts and those with saved overrides', () => {
    const saved = parseAlertSettings({ accounts: { old: { expectedWorkers: 4 } } });
    const form = formFromSettings(saved, ['acc-1']);
    assert.deepEqual(Object.keys(form.accounts).sort(), ['acc-1', 'old']);
    assert.equal(form.accounts.old?.expectedWorkers, '4');
    assert.equal(withAccount(form, 'acc-1'), form);
    assert.ok(withAccount(form, 'acc-2').accounts['acc-2']);
  });

  it('saves expected workers, numbers and rule switches, and nothing for untouched accounts', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, ['acc-1', 'acc-2']);
    const account = form.accounts['acc-1'];
    assert.ok(account);
    account.expectedWorkers = '12';
    account.numbers.hashrateDropPercent = '40';
    account.rules = toggled(account.rules, 'worker-offline', accountRuleEnabled(form, saved, 'acc-1', 'worker-offline'));
    assert.deepEqual(build(saved, form).accounts, {
      'acc-1': { expectedWorkers: 12, hashrateDropPercent: 40, rules: { 'worker-offline': { enabled: false } } },
    });
  });

  it('shows an account rule as the global switch says until the account sets its own', () => {
    const saved = parseAlertSettings({ rules: { 'reject-rate': { enabled: false } } });
    const form = formFromSettings(saved, ['acc-1']);
    assert.equal(accountRuleEnabled(form, saved, 'acc-1', 'reject-rate'), false);
    const globalOn = { ...form, rules: toggled(form.rules, 'reject-rate', false) };
    assert.equal(accountRuleEnabled(globalOn, saved, 'acc-1', 'reject-rate'), true);
    // Following the global switch is not an override of its own.
    assert.deepEqual(build(saved, globalOn).accounts, {});
  });

  it('clears an override when its fields are emptied, and keeps group overrides it does not show', () => {
    const saved = parseAlertSettings({
      accounts: {
        'acc-1': {
          expectedWorkers: 3,
          staleMinutes: 10,
          groups: { 'rack-a': { expectedWorkers: 2, workers: { 'rig-1': { enabled: false } } } },
        },
        'acc-2': { forMinutes: 5 },
      },
      groupingThreshold: 7,
    });
    const form = formFromSettings(saved, []);
    const one = form.accounts['acc-1'];
    const two = form.accounts['acc-2'];
    assert.ok(one && two);
    one.expectedWorkers = '';
    one.numbers.staleMinutes = '';
    two.numbers.forMinutes = '';
    const settings = build(saved, form);
    assert.deepEqual(settings.accounts, { 'acc-1': { groups: { 'rack-a': { expectedWorkers: 2, workers: { 'rig-1': { enabled: false } } } } } });
    assert.equal(settings.groupingThreshold, 7);
  });

  it('uses the typed default as the account placeholder, else the built-in one', () => {
    const form = formFromSettings(parseAlertSettings({}), []);
    assert.equal(defaultNumberText(form, 'hashrateDropPercent'), '70');
    form.defaults.hashrateDropPercent = '';
    assert.equal(defaultNumberText(form, 'hashrateDropPercent'), '70');
    form.defaults.hashrateDropPercent = '55';
    assert.equal(defaultNumberText(form, 'hashrateDropPercent'), '55');
  });

  it('rejects a fractional or negative worker count', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, ['acc-1']);
    const account = form.accounts['acc-1'];
    assert.ok(account);
    account.expectedWorkers = '-1';
    account.numbers.rejectRatePercent = 'x';
    assert.deepEqual(errorsOf(saved, form), {
      'accounts.acc-1.rejectRatePercent': 'Enter a number from 0 to 100.',
      'accounts.acc-1.expectedWorkers': 'Enter a whole number of workers, or leave it empty.',
    });
  });
});

describe('alert settings form: quiet hours', () => {
  it('saves the window, an empty time zone as the machine’s own', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, []);
    assert.deepEqual(form.quietHours, { enabled: false, start: '22:00', end: '07:00', timezone: '' });
    form.quietHours = { enabled: true, start: '23:30', end: '06:00', timezone: ' Europe/Berlin ' };
    assert.deepEqual(build(saved, form).quietHours, { enabled: true, start: '23:30', end: '06:00', timezone: 'Europe/Berlin' });
    form.quietHours.timezone = '';
    assert.equal(build(saved, form).quietHours.timezone, null);
  });

  it('lets the shared schema reject bad times and unknown zones, with its own words', () => {
    const saved = parseAlertSettings({});
    const form = formFromSettings(saved, []);
    form.quietHours = { enabled: true, start: '25:00', end: '7', timezone: 'Mars/Olympus' };
    assert.deepEqual(errorsOf(saved, form), {
      'quietHours.start': 'Use HH:MM, 24-hour.',
      'quietHours.end': 'Use HH:MM, 24-hour.',
      'quietHours.timezone': 'Unknown time zone.',
    });
  });
});

describe('describeErrorKey', () => {
  it('names the section, the account and the field', () => {
    const labels = new Map([['acc-1', 'Main']]);
    assert.equal(describeErrorKey('defaults.hashrateDropPercent', labels), 'Defaults: Hashrate drop (%)');
    assert.equal(describeErrorKey('accounts.acc-1.expectedWorkers', labels), 'Main: Expected workers');
    assert.equal(describeErrorKey('accounts.gone.forMinutes', labels), 'gone: Alert after (min)');
    assert.equal(describeErrorKey('quietHours.start', labels), 'Quiet hours: From');
    assert.equal(describeErrorKey('groupingThreshold', labels), 'groupingThreshold');
  });
});
