import { useMemo, useState, type FormEvent } from 'react';
import type { AlertSettings } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useAccountsStore } from '../../state/app-stores';
import { AccountOverrides } from './account-overrides';
import {
  describeErrorKey,
  errorKey,
  formFromSettings,
  globalRuleEnabled,
  settingsFromForm,
  toggled,
  withAccount,
  type AlertSettingsForm,
  type SettingsErrors,
} from './alert-settings-form';
import { BalanceThresholdsField } from './balance-thresholds-field';
import { QuietHoursFields } from './quiet-hours-fields';
import { RuleNumberFields } from './rule-number-fields';
import { RuleToggleList } from './rule-toggle-list';
import { accountOptions, useAccountLabels } from './use-account-labels';

interface AlertSettingsEditorProps {
  saved: AlertSettings;
  onSaved(settings: AlertSettings): void;
}

export function AlertSettingsEditor({ saved, onSaved }: AlertSettingsEditorProps) {
  const api = useApi();
  const configs = useAccountsStore((state) => state.configs);
  const labels = useAccountLabels();
  const [typed, setTyped] = useState<AlertSettingsForm>(() => formFromSettings(saved, []));
  // Accounts configured after the form opened get an empty override, so each configured account is listed.
  const form = useMemo(() => configs.reduce((current, config) => withAccount(current, config.id), typed), [configs, typed]);
  const accounts = useMemo(() => {
    const known = accountOptions(labels).filter((account) => account.id in form.accounts);
    const orphans = Object.keys(form.accounts)
      .filter((id) => !labels.has(id))
      .map((id) => ({ id, label: `${id} (not configured)` }));
    return [...known, ...orphans];
  }, [labels, form.accounts]);
  const [chosenAccount, setChosenAccount] = useState('');
  const accountId = accounts.some((account) => account.id === chosenAccount) ? chosenAccount : (accounts[0]?.id ?? '');

  const [errors, setErrors] = useState<SettingsErrors>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function update(next: AlertSettingsForm) {
    setTyped(next);
    setNotice(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    setNotice(null);
    const built = settingsFromForm(saved, form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await api.alerts.saveSettings({ settings: built.settings });
      onSaved(result);
      setTyped(formFromSettings(result, []));
      setNotice('Alert settings saved.');
    } catch (caught) {
      setSaveError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const errorEntries = Object.entries(errors);
  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} noValidate data-testid="alert-settings-form">
      {errorEntries.length > 0 && (
        <div className="banner tone-problem" role="alert" data-testid="alert-settings-errors">
          <p>Fix these before saving:</p>
          <ul>
            {errorEntries.map(([key, message]) => (
              <li key={key}>
                {describeErrorKey(key, labels)}: {message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset className="settings-section" data-testid="alert-defaults">
        <legend>Defaults for every account</legend>
        <RuleNumberFields
          idPrefix="alert-defaults"
          values={form.defaults}
          onChange={(key, value) => update({ ...form, defaults: { ...form.defaults, [key]: value } })}
          errorOf={(key) => errors[errorKey('defaults', key)]}
        />
        <BalanceThresholdsField
          id="alert-defaults-balance-thresholds"
          value={form.balanceThresholds}
          error={errors[errorKey('defaults', 'balanceThresholds')]}
          onChange={(balanceThresholds) => update({ ...form, balanceThresholds })}
        />
      </fieldset>

      <RuleToggleList
        idPrefix="alert-rule"
        legend="Rules"
        hint="Unchecked rules never alert, for any account."
        testId="alert-rules"
        isChecked={(rule) => globalRuleEnabled(form, saved, rule)}
        onToggle={(rule, shown) => update({ ...form, rules: toggled(form.rules, rule, shown) })}
      />

      <AccountOverrides
        form={form}
        saved={saved}
        accounts={accounts}
        accountId={accountId}
        onSelect={setChosenAccount}
        onChange={(id, next) => update({ ...form, accounts: { ...form.accounts, [id]: next } })}
        errors={errors}
      />

      <QuietHoursFields
        value={form.quietHours}
        onChange={(patch) => update({ ...form, quietHours: { ...form.quietHours, ...patch } })}
        errorOf={(field) => errors[errorKey('quietHours', field)]}
      />

      <RuleToggleList
        idPrefix="alert-urgent"
        legend="Urgent rules"
        hint="Urgent rules notify at once, even during quiet hours."
        testId="alert-urgent-rules"
        isChecked={(rule) => form.urgentRules[rule]}
        onToggle={(rule, shown) => update({ ...form, urgentRules: { ...form.urgentRules, [rule]: !shown } })}
      />

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        {busy && <span className="muted">Saving…</span>}
      </div>
      {notice !== null && (
        <p className="banner tone-ok" role="status" data-testid="alert-settings-saved">
          {notice}
        </p>
      )}
      {saveError !== null && (
        <p className="banner tone-problem" role="alert" data-testid="alert-settings-save-error">
          {saveError}
        </p>
      )}
    </form>
  );
}
