import {
  ALGORITHMS,
  addCounts,
  groupAlgorithm,
  NO_WORKERS,
  poolAlgorithm,
  type AccountSummary,
  type Algorithm,
  type HashrateHps,
  type HashrateWindows,
  type WorkerCounts,
} from '../../../shared/model';
import { currentHashrateHps } from './overview-totals';
import { isFailing } from './account-attention';

/** The fleet's figures for one algorithm: hashes of different algorithms are never added together. */
export interface AlgorithmTotal {
  algorithm: Algorithm;
  hashrateHps: HashrateHps | null;
  workers: WorkerCounts;
}

/** A pool account read through more than one key: counted once, from `countedFrom`. */
export interface CountedOnce {
  label: string;
  countedFrom: string;
}

export interface FleetTotals {
  /** In ALGORITHMS order, only algorithms some account hashes. */
  byAlgorithm: AlgorithmTotal[];
  workers: WorkerCounts;
  countedOnce: CountedOnce[];
  /** Failing accounts whose last known figures are in the totals. */
  lastKnown: string[];
  /** Accounts with no figures at all yet (not polled, or never read): not in the totals. */
  leftOut: string[];
}

/** One part of the fleet: a group (a pool account read through its key) or a whole account. */
interface Part {
  key: string;
  algorithm: Algorithm;
  hashrate: HashrateWindows;
  workers: WorkerCounts;
  account: AccountSummary;
}

/**
 * An account's parts. Groups the pool identifies across keys are parts of their own (so another key's view
 * of them is counted once); otherwise the account is one part when it hashes one algorithm, or one part per
 * group when its groups hash several.
 */
function partsOf(account: AccountSummary): Part[] {
  const groupPart = (group: AccountSummary['groups'][number], key: string): Part => ({
    key,
    algorithm: groupAlgorithm(account.pool, group),
    hashrate: group.hashrate,
    workers: group.workers,
    account,
  });
  const { groups } = account;
  if (groups.length > 0 && groups.every((group) => group.identity !== undefined)) {
    return groups.map((group) => groupPart(group, group.identity!));
  }
  const algorithms = new Set(groups.map((group) => groupAlgorithm(account.pool, group)));
  if (algorithms.size > 1) return groups.map((group) => groupPart(group, `account:${account.id}:${group.name}`));
  const [only] = algorithms;
  return [{ key: `account:${account.id}`, algorithm: only ?? poolAlgorithm(account.pool), hashrate: account.hashrate, workers: account.workers, account }];
}

/**
 * Which reading of one pool account counts: fresh data beats stale data; otherwise the account listed first, so the
 * totals and their note do not swap between keys from one poll to the next.
 */
function preferred(first: Part, later: Part): Part {
  return first.account.stale && !later.account.stale ? later : first;
}

/** Totals per algorithm, each pool account counted once (accounts in the order listed), saying which accounts are in only by their last data and which are not in at all. */
export function fleetTotals(accounts: readonly AccountSummary[]): FleetTotals {
  const chosen = new Map<string, Part>();
  const readers = new Map<string, AccountSummary[]>();
  const leftOut: string[] = [];
  const lastKnown: string[] = [];
  for (const account of accounts) {
    if (account.lastGoodAt === null) {
      leftOut.push(account.label);
      continue;
    }
    if (isFailing(account)) lastKnown.push(account.label);
    for (const part of partsOf(account)) {
      const before = chosen.get(part.key);
      let next = before === undefined ? part : preferred(before, part);
      // An observer does not say what its subaccount mines: the full key's view does.
      if (next.algorithm === 'unknown' && before !== undefined && before.algorithm !== 'unknown') next = { ...next, algorithm: before.algorithm };
      if (next.algorithm === 'unknown' && part.algorithm !== 'unknown') next = { ...next, algorithm: part.algorithm };
      chosen.set(part.key, next);
      readers.set(part.key, [...(readers.get(part.key) ?? []), account]);
    }
  }

  const totals = new Map<Algorithm, AlgorithmTotal>();
  let workers = NO_WORKERS;
  for (const part of chosen.values()) {
    const total = totals.get(part.algorithm) ?? { algorithm: part.algorithm, hashrateHps: null, workers: NO_WORKERS };
    const hps = currentHashrateHps(part.hashrate);
    totals.set(part.algorithm, {
      algorithm: part.algorithm,
      hashrateHps: hps === null ? total.hashrateHps : (total.hashrateHps ?? 0) + hps,
      workers: addCounts(total.workers, part.workers),
    });
    workers = addCounts(workers, part.workers);
  }

  return {
    byAlgorithm: ALGORITHMS.flatMap((algorithm) => totals.get(algorithm) ?? []),
    workers,
    countedOnce: countedOnce(chosen, readers),
    lastKnown,
    leftOut,
  };
}

/** Each account whose parts were all counted from another account's reading, once per pair. */
function countedOnce(chosen: ReadonlyMap<string, Part>, readers: ReadonlyMap<string, AccountSummary[]>): CountedOnce[] {
  const pairs = new Map<string, CountedOnce>();
  for (const [key, accounts] of readers) {
    const from = chosen.get(key)!.account;
    for (const account of accounts) {
      if (account.id === from.id) continue;
      pairs.set(`${account.id}\u0000${from.id}`, { label: account.label, countedFrom: from.label });
    }
  }
  return [...pairs.values()];
}

/** "SBI read-only key is counted once, with SBI farm": what the totals note says about each pair. */
export function countedOnceText(entry: CountedOnce): string {
  return `${entry.label} reads the same pool account as ${entry.countedFrom}: counted once.`;
}
