import { RULE_CATALOG, RULE_IDS } from '../../../shared/model';
import {
  HISTORY_RANGES,
  HISTORY_TEXT_MAX,
  isHistoryRange,
  isRuleId,
  isSeverity,
  SEVERITY_CHOICES,
  type HistoryFilters,
} from './alert-history-query';

interface AlertHistoryFiltersProps {
  filters: HistoryFilters;
  accounts: readonly { id: string; label: string }[];
  onChange(patch: Partial<HistoryFilters>): void;
}

export function AlertHistoryFilters({ filters, accounts, onChange }: AlertHistoryFiltersProps) {
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor="history-account">Account</label>
        <select id="history-account" value={filters.accountId} onChange={(event) => onChange({ accountId: event.target.value })}>
          <option value="">All accounts</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-rule">Rule</label>
        <select
          id="history-rule"
          value={filters.ruleId}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ruleId: isRuleId(value) ? value : '' });
          }}
        >
          <option value="">All rules</option>
          {RULE_IDS.map((id) => (
            <option key={id} value={id}>
              {RULE_CATALOG[id].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-severity">Severity</label>
        <select
          id="history-severity"
          value={filters.severity}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ severity: isSeverity(value) ? value : '' });
          }}
        >
          <option value="">All severities</option>
          {SEVERITY_CHOICES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-range">Range</label>
        <select
          id="history-range"
          value={filters.range}
          onChange={(event) => {
            if (isHistoryRange(event.target.value)) onChange({ range: event.target.value });
          }}
        >
          {HISTORY_RANGES.map((range) => (
            <option key={range.value} value={range.value}>
              {range.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor="history-text">Search</label>
        <input
          id="history-text"
          type="search"
          value={filters.text}
          maxLength={HISTORY_TEXT_MAX}
          placeholder="Message, group or worker"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange({ text: event.target.value })}
        />
      </div>
    </div>
  );
}
