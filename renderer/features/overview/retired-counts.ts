import type { RetiredWorkersView } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';

/** The hover text of the count on the card. */
export const RETIRED_MEANING = 'Silent longer than the long-dead age (24 h unless set otherwise in the alert rules): retired, they never raise an alert. The Alerts screen lists them, to mute or clear.';

/** Each account's retired (long-dead) worker count, from the list the Alerts screen shows; accounts with none are absent. */
export function retiredCountsById(views: readonly RetiredWorkersView[]): ReadonlyMap<string, number> {
  return new Map(views.map((view) => [view.accountId, view.count]));
}

/** "3 retired" on the account card; null when there are none. */
export function retiredCountText(count: number | undefined): string | null {
  return count === undefined || count <= 0 ? null : `${count.toLocaleString('en-US')} retired`;
}

/** Changes whenever an account has new data (or one comes or goes): the retired counts are asked for again then. */
export function newDataMark(accounts: ReadonlyArray<Pick<AccountSummary, 'id' | 'lastGoodAt'>>): string {
  return accounts.map((account) => `${account.id}@${account.lastGoodAt ?? ''}`).join('\n');
}
