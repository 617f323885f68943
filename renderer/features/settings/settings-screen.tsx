import { useState, type FormEvent } from 'react';
import { THEME_CHOICES, UNIT_CHOICES, type AppSettingsView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { FieldError } from '../../components/field-error';
import { settingsStore, useSettingsStore } from '../../state/settings-store';
import { THEME_LABELS, UNIT_LABELS, formFromSettings, settingsFromForm, type SettingsFormValues } from './settings-form';

export function SettingsScreen() {
  const view = useSettingsStore((state) => state.view);
  const loadError = useSettingsStore((state) => state.loadError);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title" className="screen-title">
        Settings
      </h1>
      {loadError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the settings: {loadError}
        </p>
      )}
      {view === null ? loadError === null && <p className="muted">Loading settings…</p> : <SettingsForm saved={view} />}
    </section>
  );
}

function SettingsForm({ saved }: { saved: AppSettingsView }) {
  const api = useApi();
  const [values, setValues] = useState<SettingsFormValues>(() => formFromSettings(saved.settings));
  const [intervalError, setIntervalError] = useState<string | undefined>(undefined);
  const [notHashingError, setNotHashingError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function update(change: Partial<SettingsFormValues>) {
    setValues({ ...values, ...change });
    setNotice(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    setNotice(null);
    const built = settingsFromForm(values);
    if (!built.ok) {
      setIntervalError(built.errors.pollIntervalSec);
      setNotHashingError(built.errors.notHashingAfterMin);
      return;
    }
    setIntervalError(undefined);
    setNotHashingError(undefined);
    setBusy(true);
    try {
      settingsStore.getState().setView(await api.settings.save({ settings: built.settings }));
      setNotice('Saved.');
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} noValidate>
      <fieldset className="settings-section">
        <legend>Polling</legend>
        <NumberSetting
          id="settings-poll-interval"
          label="Default poll interval (seconds)"
          hint="For accounts without an interval of their own; 10 to 3600."
          value={values.pollIntervalSec}
          error={intervalError}
          onChange={(text) => update({ pollIntervalSec: text })}
        />
        <NumberSetting
          id="settings-not-hashing"
          label="Not hashing after (minutes)"
          hint="A worker the pool calls online with no 10-minute hashrate for this long is shown as not hashing; 1 to 1440."
          value={values.notHashingAfterMin}
          error={notHashingError}
          onChange={(text) => update({ notHashingAfterMin: text })}
        />
      </fieldset>

      <fieldset className="settings-section">
        <legend>Display</legend>
        <div className="field narrow">
          <label htmlFor="settings-theme">Theme</label>
          <select id="settings-theme" value={values.theme} onChange={(event) => update({ theme: event.target.value as SettingsFormValues['theme'] })}>
            {THEME_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {THEME_LABELS[choice]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-units">Hashrate units</label>
          <select id="settings-units" value={values.units} onChange={(event) => update({ units: event.target.value as SettingsFormValues['units'] })}>
            {UNIT_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {UNIT_LABELS[choice]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="settings-section" disabled={!saved.desktop} aria-describedby={saved.desktop ? undefined : 'settings-desktop-reason'}>
        <legend>Desktop app</legend>
        {!saved.desktop && (
          <p className="hint" id="settings-desktop-reason" data-testid="desktop-only-reason">
            Desktop app only: <code>poolwatch serve</code> has no tray and runs from when you start it until you stop it (start it at boot
            with a systemd unit, for example).
          </p>
        )}
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={values.startAtLogin} onChange={(event) => update({ startAtLogin: event.target.checked })} />
            Start at login
          </label>
          <p className="hint">PoolWatch starts hidden in the tray when you log in and polls from there.</p>
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={values.closeToTray} onChange={(event) => update({ closeToTray: event.target.checked })} />
            Close to tray
          </label>
          <p className="hint">Closing the window keeps PoolWatch polling and notifying from the tray (quit from its menu); off, closing the window quits.</p>
        </div>
      </fieldset>

      {saveError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not save the settings: {saveError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        {notice !== null && (
          <span className="tone-text-ok" role="status">
            {notice}
          </span>
        )}
      </div>
    </form>
  );
}

interface NumberSettingProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  onChange(text: string): void;
}

/** A number typed as text (checked on save), with its range in the hint and its error below. */
function NumberSetting({ id, label, hint, value, error, onChange }: NumberSettingProps) {
  return (
    <div className="field narrow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldError message={error} />
    </div>
  );
}
