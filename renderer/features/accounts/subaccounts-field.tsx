interface SubaccountsFieldProps {
  id: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** Spider's optional list of subaccounts to watch, typed as "name:coin" pairs. */
export function SubaccountsField({ id, value, error, onChange }: SubaccountsFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>Subaccounts (optional)</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder="main:btc, backup:ltc"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? hintId : `${hintId} ${errorId}`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="hint" id={hintId}>
        Name and coin of each subaccount, separated by commas. Leave empty to discover every subaccount the key can see.
      </p>
      {error !== undefined && (
        <p className="field-error" id={errorId} role="alert" data-testid="subaccounts-error">
          {error}
        </p>
      )}
    </div>
  );
}
