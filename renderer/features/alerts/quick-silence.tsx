import { useState } from 'react';
import { RULE_CATALOG, SETTABLE_RULE_IDS, type RuleId } from '../../../shared/model';
import { isRuleId } from './alert-history-query';
import { accountOptions, useAccountLabels } from './use-account-labels';
import { SNOOZE_MINUTES, useSnoozeActions } from './use-snooze-actions';

/** Silences a whole account or a whole rule for an hour, or until resumed. */
export function QuickSilence() {
  const accounts = accountOptions(useAccountLabels());
  const [accountId, setAccountId] = useState('');
  const [ruleId, setRuleId] = useState<RuleId>(SETTABLE_RULE_IDS[0] ?? 'worker-offline');
  const actions = useSnoozeActions();
  const chosenAccount = accountId !== '' && accounts.some((account) => account.id === accountId) ? accountId : (accounts[0]?.id ?? '');

  return (
    <div className="quick-silence" data-testid="quick-silence">
      <div className="silence-row">
        <div className="field">
          <label htmlFor="silence-account">Account to silence</label>
          <select id="silence-account" value={chosenAccount} onChange={(event) => setAccountId(event.target.value)} disabled={accounts.length === 0}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={actions.busy || chosenAccount === ''}
          onClick={() => void actions.snooze({ accountId: chosenAccount }, SNOOZE_MINUTES)}
        >
          Snooze account 1 h
        </button>
        <button type="button" disabled={actions.busy || chosenAccount === ''} onClick={() => void actions.snooze({ accountId: chosenAccount }, null)}>
          Mute account
        </button>
      </div>
      <div className="silence-row">
        <div className="field">
          <label htmlFor="silence-rule">Rule to silence</label>
          <select
            id="silence-rule"
            value={ruleId}
            onChange={(event) => {
              if (isRuleId(event.target.value)) setRuleId(event.target.value);
            }}
          >
            {SETTABLE_RULE_IDS.map((id) => (
              <option key={id} value={id}>
                {RULE_CATALOG[id].label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={actions.busy} onClick={() => void actions.snooze({ ruleId }, SNOOZE_MINUTES)}>
          Snooze rule 1 h
        </button>
        <button type="button" disabled={actions.busy} onClick={() => void actions.snooze({ ruleId }, null)}>
          Mute rule
        </button>
      </div>
      {actions.error !== null && (
        <p className="inline-error" role="alert">
          {actions.error}
        </p>
      )}
    </div>
  );
}
