import { useState, type FormEvent } from 'react';
import { CHANNEL_KINDS, type ChannelView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { FieldError } from '../../components/field-error';
import {
  buildChannelRequest,
  CHANNEL_KIND_LABELS,
  channelFields,
  hasStoredSecret,
  isChannelKind,
  newChannelValues,
  SEVERITY_OPTIONS,
  valuesFromChannel,
  type ChannelField,
  type ChannelFormErrors,
  type ChannelFormValues,
  type SecretInputs,
} from './channel-form-model';
import { isSeverity } from './alert-history-query';

type TestOutcome = { ok: boolean; message: string };

interface ChannelFormProps {
  /** The channel being edited, or null to add one. */
  existing: ChannelView | null;
  onSaved(channel: ChannelView): void;
  onCancel(): void;
}

export function ChannelForm({ existing, onSaved, onCancel }: ChannelFormProps) {
  const api = useApi();
  const [values, setValues] = useState<ChannelFormValues>(() => (existing === null ? newChannelValues() : valuesFromChannel(existing)));
  // Secrets live only in this form's state until a save succeeds or the form closes; never in a store.
  const [secrets, setSecrets] = useState<SecretInputs>({});
  const [errors, setErrors] = useState<ChannelFormErrors>({});
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [testOutcome, setTestOutcome] = useState<TestOutcome | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const idPrefix = existing === null ? 'new-channel' : `channel-${existing.id}`;

  function update(patch: Partial<ChannelFormValues>) {
    setValues((current) => ({ ...current, ...patch }));
  }

  function prepare() {
    const built = buildChannelRequest(values, secrets, existing);
    if (!built.ok) {
      setErrors(built.errors);
      return null;
    }
    setErrors({});
    return built.request;
  }

  async function sendTest() {
    const request = prepare();
    if (request === null) return;
    setBusy('test');
    setTestOutcome(null);
    setSaveError(null);
    try {
      setTestOutcome(await api.channels.test(request));
    } catch (error) {
      setTestOutcome({ ok: false, message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const request = prepare();
    if (request === null) return;
    setBusy('save');
    setSaveError(null);
    setTestOutcome(null);
    try {
      const saved = await api.channels.save(request);
      setSecrets({});
      onSaved(saved);
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="card account-form" onSubmit={(event) => void save(event)} noValidate data-testid="channel-form">
      <h2>{existing === null ? 'New notification channel' : `Edit “${existing.label}”`}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-kind`}>Type</label>
          <select
            id={`${idPrefix}-kind`}
            value={values.kind}
            disabled={existing !== null}
            onChange={(event) => {
              const kind = event.target.value;
              if (!isChannelKind(kind)) return;
              // Another kind has other fields: nothing typed for the old one is sent.
              setSecrets({});
              update({ kind, settings: {} });
            }}
          >
            {CHANNEL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {CHANNEL_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-label`}>Label</label>
          <input
            id={`${idPrefix}-label`}
            value={values.label}
            maxLength={80}
            aria-invalid={errors.label !== undefined}
            onChange={(event) => update({ label: event.target.value })}
          />
          <FieldError message={errors.label} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-severity`}>Minimum severity</label>
          <select
            id={`${idPrefix}-severity`}
            value={values.minSeverity}
            onChange={(event) => {
              if (isSeverity(event.target.value)) update({ minSeverity: event.target.value });
            }}
          >
            {SEVERITY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <label className="check" htmlFor={`${idPrefix}-enabled`}>
          <input id={`${idPrefix}-enabled`} type="checkbox" checked={values.enabled} onChange={(event) => update({ enabled: event.target.checked })} />
          Enabled
        </label>
      </div>

      <fieldset className="secrets">
        <legend>{CHANNEL_KIND_LABELS[values.kind]} settings</legend>
        {channelFields(values.kind).map((field) => (
          <ChannelFieldInput
            key={`${values.kind}-${field.name}`}
            id={`${idPrefix}-field-${field.name}`}
            field={field}
            stored={field.secret && hasStoredSecret(existing, field.name)}
            value={(field.secret ? secrets[field.name] : values.settings[field.name]) ?? ''}
            error={errors[field.name]}
            onChange={(value) => {
              if (field.secret) setSecrets((current) => ({ ...current, [field.name]: value }));
              else update({ settings: { ...values.settings, [field.name]: value } });
            }}
          />
        ))}
        <FieldError message={errors.form} />
      </fieldset>

      <div className="form-actions">
        <button type="button" onClick={() => void sendTest()} disabled={busy !== null}>
          {busy === 'test' ? 'Sending…' : 'Send test'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          Save
        </button>
        <button type="button" className="quiet" onClick={onCancel} disabled={busy === 'save'}>
          Cancel
        </button>
        {busy === 'save' && <span className="muted">Saving…</span>}
      </div>

      {testOutcome !== null && (
        <div
          className={`banner tone-${testOutcome.ok ? 'ok' : 'problem'}`}
          role={testOutcome.ok ? 'status' : 'alert'}
          data-testid="channel-test-result"
          data-ok={String(testOutcome.ok)}
        >
          <p>{testOutcome.ok ? 'Test notification sent.' : 'The test notification failed.'}</p>
          {testOutcome.message !== '' && <p data-testid="channel-test-message">{testOutcome.message}</p>}
        </div>
      )}
      {saveError !== null && (
        <p className="banner tone-problem" role="alert" data-testid="channel-save-error">
          {saveError}
        </p>
      )}
    </form>
  );
}

interface ChannelFieldInputProps {
  id: string;
  field: ChannelField;
  stored: boolean;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

function ChannelFieldInput({ id, field, stored, value, error, onChange }: ChannelFieldInputProps) {
  const hint = stored ? 'stored in keychain — leave empty to keep it' : field.optional === true ? 'optional' : null;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type={field.secret ? 'password' : 'text'}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={stored ? 'leave empty to keep' : undefined}
        aria-invalid={error !== undefined}
        aria-describedby={hint === null ? undefined : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint !== null && (
        <p className="hint" id={`${id}-hint`} data-testid={`channel-secret-hint-${field.name}`}>
          {hint}
        </p>
      )}
      <FieldError message={error} />
    </div>
  );
}
