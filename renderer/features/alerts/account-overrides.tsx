import type { AlertSettings } from '../../../shared/contract';
import type { RuleId } from '../../../shared/model';
import { FieldError } from '../../components/field-error';
import {
  accountRuleEnabled,
  defaultNumberText,
  errorKey,
  toggled,
  type AccountOverrideForm,
  type AlertSettingsForm,
  type SettingsErrors,
} from './alert-settings-form';
import { BalanceThresholdsField } from './balance-thresholds-field';
import { GroupOverrides } from './group-overrides';
import { RuleNumberFields } from './rule-number-fields';
import { RuleToggleList } from './rule-toggle-list';

interface AccountOverridesProps {
  form: AlertSettingsForm;
  saved: AlertSettings;
  accounts: readonly { id: string; label: string }[];
  accountId: string;
  onSelect(accountId: string): void;
  onChange(accountId: string, next: AccountOverrideForm): void;
  errors: SettingsErrors;
}

/** One account's overrides at a time, picked from a list, with its group and worker overrides. */
export function AccountOverrides({ form, saved, accounts, accountId, onSelect, onChange, errors }: AccountOverridesProps) {
  const current = form.accounts[accountId];
  const update = (patch: Partial<AccountOverrideForm>) => {
    if (current !== undefined) onChange(accountId, { ...current, ...patch });
  };

  return (
    <fieldset className="settings-section" data-testid="alert-account-overrides" data-account-id={accountId}>
      <legend>Per account</legend>
      {accounts.length === 0 ? (
        <p className="muted">No accounts yet.</p>
      ) : (
        <div className="field narrow">
          <label htmlFor="alert-overrides-account">Account</label>
          <select id="alert-overrides-account" value={accountId} onChange={(event) => onSelect(event.target.value)}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.label}
              </option>
            ))}
          </select>
          <p className="hint">Empty fields follow the defaults above.</p>
        </div>
      )}
      {current !== undefined && (
        <>
          <div className="field narrow">
            <label htmlFor="alert-account-expected-workers">Expected workers</label>
            <input
              id="alert-account-expected-workers"
              type="text"
              inputMode="numeric"
              value={current.expectedWorkers}
              placeholder="no expectation"
              autoComplete="off"
              aria-invalid={errors[errorKey('accounts', accountId, 'expectedWorkers')] !== undefined}
              onChange={(event) => update({ expectedWorkers: event.target.value })}
            />
            <p className="hint">Alerts when fewer workers than this report in.</p>
            <FieldError message={errors[errorKey('accounts', accountId, 'expectedWorkers')]} />
          </div>
          <RuleNumberFields
            idPrefix="alert-account"
            values={current.numbers}
            onChange={(key, value) => update({ numbers: { ...current.numbers, [key]: value } })}
            errorOf={(key) => errors[errorKey('accounts', accountId, key)]}
            placeholderOf={(key) => `default ${defaultNumberText(form, key)}`}
          />
          <RuleToggleList
            idPrefix="alert-account-rule"
            legend="Rules for this account"
            testId="alert-account-rules"
            isChecked={(rule: RuleId) => accountRuleEnabled(form, saved, accountId, rule)}
            onToggle={(rule, shown) => update({ rules: toggled(current.rules, rule, shown) })}
          />
          <BalanceThresholdsField
            id="alert-account-balance-thresholds"
            value={current.balanceThresholds}
            error={errors[errorKey('accounts', accountId, 'balanceThresholds')]}
            placeholder={form.balanceThresholds.trim() === '' ? undefined : `default ${form.balanceThresholds}`}
            onChange={(balanceThresholds) => update({ balanceThresholds })}
          />
          <GroupOverrides accountId={accountId} groups={current.groups} errors={errors} onChange={(groups) => update({ groups })} />
        </>
      )}
    </fieldset>
  );
}
