import { POOL_FEATURES, POOL_IDS, type Noun, type PoolId, type PoolTerms } from '../../shared/model';

export type { Noun, PoolTerms } from '../../shared/model';

/** Used where several pools are shown together ("All accounts"). */
export const GENERIC_TERMS: PoolTerms = {
  group: { one: 'group', many: 'groups' },
  worker: { one: 'worker', many: 'workers' },
  groupsNote: null,
};

/** Each pool's own words for groups and workers (from its features). */
export const POOL_TERMS = Object.fromEntries(POOL_IDS.map((pool) => [pool, POOL_FEATURES[pool].terms])) as Record<PoolId, PoolTerms>;

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
