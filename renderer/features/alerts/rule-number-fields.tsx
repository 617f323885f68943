import { FieldError } from '../../components/field-error';
import { RULE_NUMBER_FIELDS, type NumberInputs, type RuleNumberKey } from './alert-settings-form';

interface RuleNumberFieldsProps {
  idPrefix: string;
  values: NumberInputs;
  onChange(key: RuleNumberKey, value: string): void;
  /** The error for a field, by its key. */
  errorOf(key: RuleNumberKey): string | undefined;
  /** Shown in empty inputs: the value they fall back to. */
  placeholderOf?(key: RuleNumberKey): string;
}

export function RuleNumberFields({ idPrefix, values, onChange, errorOf, placeholderOf }: RuleNumberFieldsProps) {
  return (
    <div className="form-grid">
      {RULE_NUMBER_FIELDS.map((field) => {
        const id = `${idPrefix}-${field.key}`;
        const error = errorOf(field.key);
        return (
          <div className="field" key={field.key}>
            <label htmlFor={id}>{field.label}</label>
            <input
              id={id}
              type="text"
              inputMode={field.integer ? 'numeric' : 'decimal'}
              value={values[field.key]}
              placeholder={placeholderOf?.(field.key)}
              autoComplete="off"
              aria-invalid={error !== undefined}
              aria-describedby={`${id}-hint`}
              onChange={(event) => onChange(field.key, event.target.value)}
            />
            <p className="hint" id={`${id}-hint`}>
              {field.hint}
            </p>
            <FieldError message={error} />
          </div>
        );
      })}
    </div>
  );
}
