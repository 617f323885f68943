import { FieldError } from '../../components/field-error';
import type { QuietHoursForm } from './alert-settings-form';

function timeZoneNames(): readonly string[] {
  try {
    return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

interface QuietHoursFieldsProps {
  value: QuietHoursForm;
  onChange(patch: Partial<QuietHoursForm>): void;
  errorOf(field: keyof QuietHoursForm): string | undefined;
}

export function QuietHoursFields({ value, onChange, errorOf }: QuietHoursFieldsProps) {
  return (
    <fieldset className="settings-section" data-testid="alert-quiet-hours">
      <legend>At night</legend>
      <label className="check" htmlFor="quiet-enabled">
        <input id="quiet-enabled" type="checkbox" checked={value.enabled} onChange={(event) => onChange({ enabled: event.target.checked })} />
        Quiet hours
      </label>
      <p className="hint">During quiet hours only urgent rules notify; the rest arrive as one summary when they end.</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="quiet-start">From</label>
          <input id="quiet-start" type="time" value={value.start} aria-invalid={errorOf('start') !== undefined} onChange={(event) => onChange({ start: event.target.value })} />
          <FieldError message={errorOf('start')} />
        </div>
        <div className="field">
          <label htmlFor="quiet-end">To</label>
          <input id="quiet-end" type="time" value={value.end} aria-invalid={errorOf('end') !== undefined} onChange={(event) => onChange({ end: event.target.value })} />
          <FieldError message={errorOf('end')} />
        </div>
        <div className="field">
          <label htmlFor="quiet-timezone">Time zone</label>
          <input
            id="quiet-timezone"
            type="text"
            list="quiet-timezone-names"
            value={value.timezone}
            placeholder="e.g. Europe/Berlin"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errorOf('timezone') !== undefined}
            aria-describedby="quiet-timezone-hint"
            onChange={(event) => onChange({ timezone: event.target.value })}
          />
          <datalist id="quiet-timezone-names">
            {timeZoneNames().map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <p className="hint" id="quiet-timezone-hint">
            Leave empty for the time zone of the machine running PoolWatch.
          </p>
          <FieldError message={errorOf('timezone')} />
        </div>
      </div>
    </fieldset>
  );
}
