import { CHANNEL_KINDS, type ChannelView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
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
} from './channel-form-model';
import { useRecordForm } from '../records/use-record-form';
import { useAccountsStore } from '../../state/app-stores';
import { storedText } from '../records/secret-record-model';
import { SecretStoreNote } from '../records/secret-store-note';
import { isSeverity } from './alert-history-query';
import { ChannelRoutesFields } from './channel-routes-fields';
import { ChannelDigestFields } from './channel-digest-fields';

type TestOutcome = { ok: boolean; message: string };

interface ChannelFormProps {
  /** The channel being edited, or null to add one. */
  existing: ChannelView | null;
  onSaved(channel: ChannelView): void;
  onCancel(): void;
}

export function ChannelForm({ existing, onSaved, onCancel }: ChannelFormProps) {
  const api = useApi();
  const form = useRecordForm({
    descriptor: { build: buildChannelRequest, test: (request) => api.channels.test(request), save: (request) => api.channels.save(request) },
    existing,
    initialValues: () => (existing === null ? newChannelValues() : valuesFromChannel(existing)),
    onSaved,
  });
  const { values, update, secrets, errors, busy, saveError } = form;
  // A test that could not be asked (the engine unreachable) reads like a failed one.
  const testOutcome: TestOutcome | null =
    form.testOutcome === null ? null : form.testOutcome.kind === 'result' ? form.testOutcome.result : { ok: false, message: form.testOutcome.message };
  const idPrefix = existing === null ? 'new-channel' : `channel-${existing.id}`;

  return (
    <form className="card account-form" onSubmit={(event) => void form.save(event)} noValidate data-testid="channel-form">
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
              form.clearSecrets();
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
              if (field.secret) form.setSecret(field.name, value);
              else update({ settings: { ...values.settings, [field.name]: value } });
            }}
          />
        ))}
        <FieldError message={errors.form} />
        <SecretStoreNote />
      </fieldset>

      <ChannelRoutesFields idPrefix={idPrefix} routes={values.routes} onChange={(routes) => update({ routes })} />
      <ChannelDigestFields idPrefix={idPrefix} digest={values.digest} error={errors.digest} onChange={(digest) => update({ digest })} />

      <div className="form-actions">
        <button type="button" onClick={() => void form.runTest()} disabled={busy !== null}>
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
  const store = useAccountsStore((state) => state.secretStore);
  const hint = stored ? `${storedText(store)} — leave empty to keep it` : (field.hint ?? (field.optional === true ? 'optional' : null));
  const described = hint === null ? undefined : `${id}-hint`;
  let input;
  if (field.choices !== undefined) {
    input = (
      <select id={id} value={value || field.choices[0]?.value} aria-invalid={error !== undefined} aria-describedby={described} onChange={(event) => onChange(event.target.value)}>
        {field.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else if (field.multiline === true) {
    input = (
      <textarea
        id={id}
        value={value}
        rows={4}
        spellCheck={false}
        aria-invalid={error !== undefined}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else {
    input = (
      <input
        id={id}
        type={field.secret ? 'password' : 'text'}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={stored ? 'leave empty to keep' : undefined}
        aria-invalid={error !== undefined}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {input}
      {hint !== null && (
        <p className="hint" id={`${id}-hint`} data-testid={`channel-secret-hint-${field.name}`}>
          {hint}
        </p>
      )}
      <FieldError message={error} />
    </div>
  );
}
