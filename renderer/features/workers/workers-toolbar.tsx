import { AccountSelect } from '../../components/account-select';
import type { AccountSummary } from '../../../shared/model';
import { NOT_HASHING_FILTER, type StateFilter } from './worker-rows';

const STATE_OPTIONS: readonly { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'online', label: 'Online' },
  { value: NOT_HASHING_FILTER, label: 'Online, not hashing' },
  { value: 'offline', label: 'Offline' },
  { value: 'dead', label: 'Dead' },
  { value: 'unknown', label: 'Unknown' },
];

function isStateFilter(value: string): value is StateFilter {
  return STATE_OPTIONS.some((option) => option.value === value);
}

interface WorkersToolbarProps {
  accounts: readonly Pick<AccountSummary, 'id' | 'label'>[];
  accountId: string | null;
  onAccountChange(accountId: string | null): void;
  stateFilter: StateFilter;
  onStateFilterChange(state: StateFilter): void;
  nameFilter: string;
  onNameFilterChange(name: string): void;
}

export function WorkersToolbar(props: WorkersToolbarProps) {
  return (
    <div className="toolbar">
      <AccountSelect id="workers-account" accounts={props.accounts} accountId={props.accountId} onChange={props.onAccountChange} />
      <div className="field">
        <label htmlFor="workers-state">State</label>
        <select
          id="workers-state"
          value={props.stateFilter}
          onChange={(event) => {
            if (isStateFilter(event.target.value)) props.onStateFilterChange(event.target.value);
          }}
        >
          {STATE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor="workers-name">Filter by name</label>
        <input
          id="workers-name"
          type="search"
          value={props.nameFilter}
          onChange={(event) => props.onNameFilterChange(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
    </div>
  );
}
