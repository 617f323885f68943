import type { AccountStatus } from '../../shared/model';
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUS_TONES, type Tone } from './tones';

/** An account's badge: its API status, or (with `override`) that status raised by the alerts firing on it. */
export function AccountStatusBadge({
  accountId,
  status,
  override,
}: {
  accountId: string;
  status: AccountStatus;
  override?: { tone: Tone; text: string; firing: number };
}) {
  const tone = override?.tone ?? ACCOUNT_STATUS_TONES[status];
  return (
    <span
      className={`badge tone-${tone}`}
      data-testid={`account-status-${accountId}`}
      data-status={status}
      data-tone={tone}
      data-firing={override?.firing ?? 0}
    >
      {override?.text ?? ACCOUNT_STATUS_LABELS[status]}
    </span>
  );
}
