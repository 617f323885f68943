import { RULE_CATALOG, SETTABLE_RULE_IDS, type RuleId } from '../../../shared/model';

interface RuleToggleListProps {
  idPrefix: string;
  legend: string;
  hint?: string;
  testId: string;
  isChecked(rule: RuleId): boolean;
  onToggle(rule: RuleId, shown: boolean): void;
}

/** One checkbox per rule, named by the rule's label ("Worker offline"). */
export function RuleToggleList({ idPrefix, legend, hint, testId, isChecked, onToggle }: RuleToggleListProps) {
  return (
    <fieldset className="rule-toggles" data-testid={testId}>
      <legend>{legend}</legend>
      {hint !== undefined && <p className="hint">{hint}</p>}
      <div className="check-grid">
        {SETTABLE_RULE_IDS.map((rule) => {
          const checked = isChecked(rule);
          return (
            <label key={rule} className="check" htmlFor={`${idPrefix}-${rule}`}>
              <input id={`${idPrefix}-${rule}`} type="checkbox" checked={checked} data-rule={rule} onChange={() => onToggle(rule, checked)} />
              {RULE_CATALOG[rule].label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
