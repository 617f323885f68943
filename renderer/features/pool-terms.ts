import type { PoolId } from '../../shared/model';

/** A noun in its singular and plural form, lower case as used mid-sentence. */
export interface Noun {
  one: string;
  many: string;
}

/** What a pool calls the model's groups and workers, so each screen speaks the pool's own language. */
export interface PoolTerms {
  group: Noun;
  worker: Noun;
  /** A short remark after the groups heading, where the pool's groups need one. */
  groupsNote: string | null;
}

/** Used where several pools are shown together ("All accounts"). */
export const GENERIC_TERMS: PoolTerms = {
  group: { one: 'group', many: 'groups' },
  worker: { one: 'worker', many: 'workers' },
  groupsNote: null,
};

export const POOL_TERMS: Record<PoolId, PoolTerms> = {
  sbi: {
    group: { one: 'subaccount', many: 'subaccounts' },
    worker: { one: 'worker', many: 'workers' },
    groupsNote: null,
  },
  spider: {
    group: { one: 'subaccount', many: 'subaccounts' },
    worker: { one: 'worker', many: 'workers' },
    groupsNote: 'one per coin',
  },
  // WebMinePool has no rigs: the account's web sites have users, each with a running hash count.
  webminepool: {
    group: { one: 'site', many: 'sites' },
    worker: { one: 'user', many: 'users' },
    groupsNote: null,
  },
  // Stratumsphere sells hashrate: schedulers hold the rentals a miner watches.
  stratumsphere: {
    group: { one: 'scheduler', many: 'schedulers' },
    worker: { one: 'rental', many: 'rentals' },
    groupsNote: null,
  },
};

/** The pool's terms, or the generic ones when no single pool is in view. */
export function termsFor(pool: PoolId | null): PoolTerms {
  return pool === null ? GENERIC_TERMS : POOL_TERMS[pool];
}

/** "1 rental", "40 rentals", "0 users". */
export function countText(count: number, noun: Noun): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/** "rentals" -> "Rentals", for headings and column titles. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
