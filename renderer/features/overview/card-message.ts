import type { AccountSummary } from '../../../shared/model';

/** The account's message unless it only repeats its limitations, which the card lists one per line. */
export function cardMessage(account: Pick<AccountSummary, 'message' | 'limitations'>): string | null {
  if (account.message === null) return null;
  return account.limitations.length > 0 && account.message === account.limitations.join(' ') ? null : account.message;
}
