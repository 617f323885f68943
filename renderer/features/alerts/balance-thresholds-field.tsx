import { FieldError } from '../../components/field-error';

interface BalanceThresholdsFieldProps {
  id: string;
  value: string;
  error: string | undefined;
  placeholder?: string;
  onChange(value: string): void;
}

/** The "Balance above threshold" rule's amounts per coin, as one line of text. */
export function BalanceThresholdsField({ id, value, error, placeholder, onChange }: BalanceThresholdsFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Balance thresholds</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder ?? 'e.g. BTC 0.05, LTC 2'}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="hint" id={`${id}-hint`}>
        "Balance above threshold" alerts when the unpaid amount of a coin reaches its amount; add "base-unit" where the pool counts in base units.
      </p>
      <FieldError message={error} />
    </div>
  );
}
