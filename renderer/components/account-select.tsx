import type { AccountSummary } from '../../shared/model';

interface AccountSelectProps {
  id: string;
  accounts: readonly Pick<AccountSummary, 'id' | 'label'>[];
  /** null is "All accounts". */
  accountId: string | null;
  onChange(accountId: string | null): void;
}

/** The "Account" field of the toolbars: all accounts, or one. An id no longer configured stays selectable as itself. */
export function AccountSelect({ id, accounts, accountId, onChange }: AccountSelectProps) {
  const known = accountId === null || accounts.some((account) => account.id === accountId);
  return (
    <div className="field">
      <label htmlFor={id}>Account</label>
      <select id={id} value={accountId ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}>
        <option value="">All accounts</option>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.label}
          </option>
        ))}
        {!known && <option value={accountId}>{accountId}</option>}
      </select>
    </div>
  );
}
