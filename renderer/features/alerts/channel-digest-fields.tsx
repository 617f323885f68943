import { WEEKDAYS, type ChannelDigest, type Weekday } from '../../../shared/contract';
import { FieldError } from '../../components/field-error';

interface ChannelDigestFieldsProps {
  idPrefix: string;
  digest: ChannelDigest;
  error: string | undefined;
  onChange(digest: ChannelDigest): void;
}

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

/** The daily and weekly summary: hashrate per algorithm, uptime, earnings, incidents. */
export function ChannelDigestFields({ idPrefix, digest, error, onChange }: ChannelDigestFieldsProps) {
  return (
    <fieldset className="secrets" data-testid="channel-digest">
      <legend>Summary</legend>
      <p className="hint">Hashrate per algorithm, uptime, earnings per coin and the incidents of the day or week.</p>
      <div className="form-grid">
        <label className="check" htmlFor={`${idPrefix}-digest-daily`}>
          <input id={`${idPrefix}-digest-daily`} type="checkbox" checked={digest.daily} onChange={(event) => onChange({ ...digest, daily: event.target.checked })} />
          Daily
        </label>
        <label className="check" htmlFor={`${idPrefix}-digest-weekly`}>
          <input id={`${idPrefix}-digest-weekly`} type="checkbox" checked={digest.weekly} onChange={(event) => onChange({ ...digest, weekly: event.target.checked })} />
          Weekly, on
        </label>
        <div className="field">
          <label htmlFor={`${idPrefix}-digest-weekday`}>Day of the weekly summary</label>
          <select
            id={`${idPrefix}-digest-weekday`}
            value={digest.weekday}
            onChange={(event) => {
              if (isWeekday(event.target.value)) onChange({ ...digest, weekday: event.target.value });
            }}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {day[0]?.toUpperCase()}
                {day.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-digest-time`}>At (local time)</label>
          <input id={`${idPrefix}-digest-time`} type="time" value={digest.time} onChange={(event) => onChange({ ...digest, time: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-digest-timezone`}>Time zone</label>
          <input
            id={`${idPrefix}-digest-timezone`}
            value={digest.timezone ?? ''}
            placeholder="this computer's"
            spellCheck={false}
            onChange={(event) => onChange({ ...digest, timezone: event.target.value.trim() === '' ? null : event.target.value.trim() })}
          />
        </div>
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}
