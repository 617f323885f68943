import type { AccountStatus } from '../../shared/model';
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUS_TONES } from './tones';

export function AccountStatusBadge({ accountId, status }: { accountId: string; status: AccountStatus }) {
  return (
    <span
      className={`badge tone-${ACCOUNT_STATUS_TONES[status]}`}
      data-testid={`account-status-${accountId}`}
      data-status={status}
    >
      {ACCOUNT_STATUS_LABELS[status]}
    </span>
  );
}
