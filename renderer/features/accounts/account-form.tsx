import type { AccountConfigView, ConnectionTestResult } from '../../../shared/contract';
import { POOL_IDS, POOLS, poolHas, type CredentialField, type PoolId } from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { useAppSettings } from '../../state/settings-store';
import { FieldError } from '../../components/field-error';
import { ACCOUNT_STATUS_LABELS } from '../../components/tones';
import { capitalize, countText, termsFor } from '../pool-terms';
import { useAccountsStore } from '../../state/app-stores';
import { keptSecretHint } from '../records/secret-record-model';
import { SecretStoreNote } from '../records/secret-store-note';
import { useRecordForm, type SaveInfo, type TestOutcome } from '../records/use-record-form';
import {
  buildAccountRequest,
  MAX_POLL_INTERVAL_SEC,
  MIN_POLL_INTERVAL_SEC,
  newAccountValues,
  secretState,
  selectedMode,
  valuesFromConfig,
  withPool,
} from './account-form-model';
import { credentialHelp } from './credential-help';
import { SubaccountsField } from './subaccounts-field';

interface AccountFormProps {
  /** The account being edited, or null to add one. */
  existing: AccountConfigView | null;
  onSaved(config: AccountConfigView, how: SaveInfo): void;
  onCancel(): void;
}

const SUPPORTED_POOLS_TEXT = `Supported pools: ${POOL_IDS.map((id) => POOLS[id].name).join(', ')}.`;

function isPoolId(value: string): value is PoolId {
  return (POOL_IDS as readonly string[]).includes(value);
}

export function AccountForm({ existing, onSaved, onCancel }: AccountFormProps) {
  const api = useApi();
  const { pollIntervalSec } = useAppSettings();
  const form = useRecordForm({
    descriptor: {
      build: buildAccountRequest,
      test: (request) => api.accounts.test(request),
      save: (request) => api.accounts.save(request),
      // Credentials that do not work are saved only after the user says so.
      testFailure: (result) => (result.ok ? null : (result.message ?? `Connection failed: ${ACCOUNT_STATUS_LABELS[result.status]}.`)),
    },
    existing,
    initialValues: () => (existing === null ? newAccountValues('sbi', pollIntervalSec) : valuesFromConfig(existing)),
    onSaved,
  });
  const { values, setValues, update, secrets, errors, busy, testOutcome, saveError, failedSave } = form;

  const mode = selectedMode(values);
  const pool = POOLS[values.pool];
  const idPrefix = existing === null ? 'new-account' : `account-${existing.id}`;

  return (
    <form className="card account-form" onSubmit={(event) => void form.save(event)} noValidate data-testid="account-form">
      <h2>{existing === null ? 'New account' : `Edit “${existing.label}”`}</h2>

      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-pool`}>Pool</label>
          <select
            id={`${idPrefix}-pool`}
            value={values.pool}
            disabled={existing !== null}
            aria-describedby={`${idPrefix}-pool-hint`}
            onChange={(event) => {
              const next = event.target.value;
              if (isPoolId(next)) setValues((current) => withPool(current, next));
            }}
          >
            {POOL_IDS.map((id) => (
              <option key={id} value={id}>
                {POOLS[id].name}
              </option>
            ))}
          </select>
          <p className="hint" id={`${idPrefix}-pool-hint`}>
            {existing === null ? SUPPORTED_POOLS_TEXT : 'To watch another pool, add a new account.'}
          </p>
          <FieldError message={errors.pool} />
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-mode`}>Connection</label>
          <select id={`${idPrefix}-mode`} value={values.mode} onChange={(event) => update({ mode: event.target.value })}>
            {pool.modes.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldError message={errors.mode} />
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-label`}>Label</label>
          <input
            id={`${idPrefix}-label`}
            value={values.label}
            maxLength={80}
            onChange={(event) => update({ label: event.target.value })}
            aria-invalid={errors.label !== undefined}
          />
          <FieldError message={errors.label} />
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-base-url`}>Base URL</label>
          <input
            id={`${idPrefix}-base-url`}
            type="url"
            value={values.baseUrl}
            placeholder={pool.defaultBaseUrl}
            onChange={(event) => update({ baseUrl: event.target.value })}
            aria-invalid={errors.baseUrl !== undefined}
            spellCheck={false}
          />
          <p className="hint">Leave empty to use the pool&apos;s own address.</p>
          <FieldError message={errors.baseUrl} />
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-poll-interval`}>Poll interval (s)</label>
          <input
            id={`${idPrefix}-poll-interval`}
            type="number"
            inputMode="numeric"
            min={MIN_POLL_INTERVAL_SEC}
            max={MAX_POLL_INTERVAL_SEC}
            step={1}
            value={values.pollIntervalSec}
            onChange={(event) => update({ pollIntervalSec: event.target.value })}
            aria-invalid={errors.pollIntervalSec !== undefined}
          />
          <FieldError message={errors.pollIntervalSec} />
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-key-expires`}>Key expires on (optional)</label>
          <input
            id={`${idPrefix}-key-expires`}
            type="date"
            value={values.keyExpiresOn}
            onChange={(event) => update({ keyExpiresOn: event.target.value })}
            aria-invalid={errors.keyExpiresOn !== undefined}
          />
          <p className="hint">As the pool shows it (SBI: the API keys page). PoolWatch warns before the key stops working.</p>
          <FieldError message={errors.keyExpiresOn} />
        </div>
      </div>

      {poolHas(values.pool, 'subaccountSelection') && (
        <SubaccountsField
          id={`${idPrefix}-subaccounts`}
          value={values.subaccounts}
          error={errors.subaccounts}
          onChange={(subaccounts) => update({ subaccounts })}
        />
      )}

      {mode !== null && (
        <fieldset className="secrets" aria-describedby={`${idPrefix}-credential-help`}>
          <legend>Credentials</legend>
          {mode.fields.map((field) => (
            <SecretInput
              key={`${mode.id}-${field.name}`}
              id={`${idPrefix}-secret-${field.name}`}
              field={field}
              existing={existing}
              value={secrets[field.name] ?? ''}
              onChange={(value) => form.setSecret(field.name, value)}
            />
          ))}
          <p className="hint" id={`${idPrefix}-credential-help`} data-testid="credential-help">
            {credentialHelp(values.pool, mode.id)}
          </p>
          <FieldError message={errors.secrets} />
          <SecretStoreNote />
        </fieldset>
      )}

      <div className="form-actions">
        <button type="button" onClick={() => void form.runTest()} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          Save
        </button>
        <button type="button" className="quiet" onClick={onCancel} disabled={busy === 'save'}>
          Cancel
        </button>
        {busy === 'save' && <span className="muted">Saving…</span>}
        {busy === 'test' && <span className="muted">Testing the connection before saving…</span>}
      </div>

      {testOutcome !== null && failedSave === null && <TestOutcomeView outcome={testOutcome} pool={values.pool} />}
      {failedSave !== null && (
        <div className="banner tone-warning" role="alert" data-testid="save-warning">
          <p>
            <strong>The connection test failed</strong> with these credentials: {failedSave}
          </p>
          <p>Save them anyway? PoolWatch will keep polling with them and show the error on this account until the pool accepts them.</p>
          <div className="form-actions">
            <button type="button" className="danger-outline" data-testid="save-anyway" onClick={() => void form.saveDespiteFailure()} disabled={busy !== null}>
              Save anyway
            </button>
            <button type="button" className="quiet" onClick={form.dismissFailedSave}>
              Keep editing
            </button>
          </div>
        </div>
      )}
      {saveError !== null && (
        <p className="banner tone-problem" role="alert" data-testid="save-error">
          {saveError}
        </p>
      )}
    </form>
  );
}

function SecretInput({
  id,
  field,
  existing,
  value,
  onChange,
}: {
  id: string;
  field: CredentialField;
  existing: AccountConfigView | null;
  value: string;
  onChange(value: string): void;
}) {
  const state = secretState(field, existing);
  const keepsStored = state.kind !== 'missing';
  const hint = keptSecretHint(state, useAccountsStore((accounts) => accounts.secretStore));
  const common = {
    id,
    value,
    autoComplete: 'off',
    spellCheck: false,
    placeholder: keepsStored ? 'leave empty to keep' : undefined,
    'aria-describedby': hint === null ? undefined : `${id}-hint`,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {field.multiline ? (
        <textarea {...common} rows={4} className={field.secret ? 'secret-text' : undefined} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={field.secret ? 'password' : 'text'} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint !== null && (
        <p className="hint" id={`${id}-hint`} data-testid={`secret-hint-${field.name}`}>
          {hint}
        </p>
      )}
    </div>
  );
}

function TestOutcomeView({ outcome, pool }: { outcome: TestOutcome<ConnectionTestResult>; pool: PoolId }) {
  if (outcome.kind === 'error') {
    return (
      <div className="banner tone-problem" role="alert" data-testid="test-result" data-ok="false">
        <p>{outcome.message}</p>
      </div>
    );
  }
  const { result } = outcome;
  const terms = termsFor(pool);
  const tone = !result.ok ? 'problem' : result.status === 'ok' ? 'ok' : 'warning';
  const headline = result.ok
    ? `Connection OK${result.workers === null ? '' : ` — ${countText(result.workers.total, terms.worker)}`}`
    : (result.message ?? `Connection failed: ${ACCOUNT_STATUS_LABELS[result.status]}.`);
  return (
    <div className={`banner tone-${tone}`} role="status" data-testid="test-result" data-ok={String(result.ok)} data-status={result.status}>
      <p>{headline}</p>
      {result.ok && result.message !== null && <p>{result.message}</p>}
      {result.groups.length > 0 && (
        <p>
          {capitalize(terms.group.many)}: {result.groups.join(', ')}
        </p>
      )}
      {result.limitations.length > 0 && (
        <ul>
          {result.limitations.map((limitation) => (
            <li key={limitation}>{limitation}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
