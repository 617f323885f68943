import type { PoolId } from './account';

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

/**
 * What sets one pool apart from the others, as screens need to know it. Screens read these instead of
 * checking pool ids, so a new pool (or a pool gaining a feature) is one entry here.
 */
export interface PoolFeatures {
  /** Accounts may name the subaccounts to watch (`options.subaccounts`, name and coin); without a list, every one the key can see. */
  subaccountSelection: boolean;
  /** The pool shows hashrate in 1024-based units (1 KH/s = 1024 H/s); its accounts are shown the same way. */
  binaryHashrateUnits: boolean;
  /** The pool's API takes changes (SBI: clear inactive workers, switch coin) from a key allowed to make them. */
  poolActions: boolean;
  terms: PoolTerms;
}

const SUBACCOUNTS: Noun = { one: 'subaccount', many: 'subaccounts' };
const WORKERS: Noun = { one: 'worker', many: 'workers' };

export const POOL_FEATURES: Record<PoolId, PoolFeatures> = {
  sbi: {
    subaccountSelection: false,
    binaryHashrateUnits: false,
    poolActions: true,
    terms: { group: SUBACCOUNTS, worker: WORKERS, groupsNote: null },
  },
  spider: {
    subaccountSelection: true,
    binaryHashrateUnits: false,
    poolActions: false,
    terms: { group: SUBACCOUNTS, worker: WORKERS, groupsNote: 'one per coin' },
  },
  // WebMinePool has no rigs: the account's web sites have users, each a running hash counter.
  webminepool: {
    subaccountSelection: false,
    binaryHashrateUnits: false,
    poolActions: false,
    terms: { group: { one: 'site', many: 'sites' }, worker: { one: 'user', many: 'users' }, groupsNote: null },
  },
  // Stratumsphere sells hashrate: schedulers hold the rentals a miner watches.
  stratumsphere: {
    subaccountSelection: false,
    binaryHashrateUnits: true,
    poolActions: false,
    terms: { group: { one: 'scheduler', many: 'schedulers' }, worker: { one: 'rental', many: 'rentals' }, groupsNote: null },
  },
};

/** True when the pool has the given yes/no feature. */
export function poolHas(pool: PoolId, feature: Exclude<keyof PoolFeatures, 'terms'>): boolean {
  return POOL_FEATURES[pool][feature];
}
