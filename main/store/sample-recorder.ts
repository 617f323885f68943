import { workerKeysOf, type AccountSummary, type Balance, type RevenueEstimate, type Worker } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import { keepalivePhase, rejectPpm, sampleHashrate, workerRowDue, type LastWorkerSample } from './sample-policy';
import { utcDay } from '../base/time';
import { GONE, STATE_CODE, type SeriesRawRow, type WorkerRawRow } from './sample-types';
import { appendAll } from '../base/arrays';

// Turns a poll into the rows worth writing, for either store: account and group rows every poll, worker rows on
// change or keepalive, balances on change. The caches here are what was last written.

export interface WorkerEntry {
  group: string;
  name: string;
  /** The store's id for this worker; null until the store has created it. */
  id: number | null;
  phase: number;
  last: LastWorkerSample | undefined;
  /** The diff round that last listed it (a stamp, cheaper than a set of 30,000 keys per poll). */
  seenRound?: number;
}

let rounds = 0;

export interface WorkerWrite {
  entry: WorkerEntry;
  row: WorkerRawRow;
  /** The worker comes back after a gone row (or is new): the store may need to wake it up. */
  returning: boolean;
}

export function seriesRows(account: AccountSummary, atMs: number): Array<{ group: string | null; row: SeriesRawRow }> {
  return [
    { group: null, row: { at: atMs, hps: sampleHashrate(account.hashrate), states: pickStates(account.workers) } },
    ...account.groups.map((group) => ({ group: group.name, row: { at: atMs, hps: sampleHashrate(group.hashrate), states: pickStates(group.workers) } })),
  ];
}

function pickStates(counts: AccountSummary['workers']): SeriesRawRow['states'] {
  return { online: counts.online, offline: counts.offline, dead: counts.dead, unknown: counts.unknown };
}

/**
 * Advances the cache `entries` to this poll, as if its rows were written, and yields the worker rows to write, one
 * array per `partSize` listed workers, the last with the gone rows (it mutates in place: copying 30,000 entries per
 * poll would cost more than the writes). Each part is computed when asked for, so a caller can write a part per turn
 * of the event loop. The store must drop the cache (and reload it) if a write fails. Workers missing from this poll
 * get one gone row, but only when other workers of their group were listed (a group whose list failed to load is not
 * a group whose workers left).
 */
export function* workerWritesInParts(entries: Map<string, WorkerEntry>, workers: readonly Worker[], atMs: number, partSize: number): Generator<WorkerWrite[]> {
  const round = ++rounds;
  const groupsListed = new Set<string>();
  const keys = workerKeysOf(workers);
  for (let start = 0; start === 0 || start < workers.length; start += partSize) {
    const writes: WorkerWrite[] = [];
    const end = Math.min(workers.length, start + partSize);
    for (let index = start; index < end; index += 1) {
      const worker = workers[index]!;
      const key = keys[index]!;
      let entry = entries.get(key);
      if (!entry) {
        entry = { group: worker.group, name: worker.name, id: null, phase: keepalivePhase(key), last: undefined };
        entries.set(key, entry);
      } else if (entry.seenRound === round) {
        continue; // listed twice
      }
      entry.seenRound = round;
      groupsListed.add(worker.group);
      const hps = sampleHashrate(worker.hashrate);
      const state = STATE_CODE[worker.state];
      const reject = rejectPpm(worker.rejectRate);
      if (!workerRowDue(entry.last, hps, state, reject, atMs, entry.phase)) continue;
      const returning = entry.last === undefined || entry.last.state === GONE;
      entry.last = { at: atMs, hps, state, rejectPpm: reject };
      writes.push({ entry, row: entry.last, returning }); // never changed in place: the next sample is a new object
    }
    if (end === workers.length) appendAll(writes, goneWrites(entries, round, groupsListed, atMs));
    yield writes;
  }
}

/** A transaction's worth of worker rows: a sample row costs 1, a worker new to the database 4 (its own row too), ~30 ms in all. */
export const WRITE_COST_PER_STEP = 4_000;

/** The same parts, each cut further where a transaction's cost is reached (a part's computing is a step of its own too). */
export function* writesInSteps(parts: Iterable<WorkerWrite[]>, costPerStep = WRITE_COST_PER_STEP): Generator<WorkerWrite[]> {
  for (const part of parts) {
    let start = 0;
    let cost = 0;
    for (let index = 0; index < part.length; index += 1) {
      cost += part[index]!.returning ? 4 : 1;
      if (cost < costPerStep || index === part.length - 1) continue;
      yield part.slice(start, index + 1);
      start = index + 1;
      cost = 0;
    }
    yield start === 0 ? part : part.slice(start);
  }
}

function goneWrites(entries: Map<string, WorkerEntry>, round: number, groupsListed: ReadonlySet<string>, atMs: number): WorkerWrite[] {
  const writes: WorkerWrite[] = [];
  for (const entry of entries.values()) {
    if (entry.seenRound === round || !groupsListed.has(entry.group) || !entry.last || entry.last.state === GONE) continue;
    entry.last = { at: atMs, hps: null, state: GONE, rejectPpm: null };
    writes.push({ entry, row: entry.last, returning: false });
  }
  return writes;
}

export interface BalanceFigures {
  unpaid: number;
  totalEarned: number | null;
}

export function balanceKey(balance: Pick<Balance, 'group' | 'coin' | 'unit'>): string {
  return `${balance.group ?? ''}\u0000${balance.coin}\u0000${balance.unit}`;
}

/** Balances that differ from the last stored figures; `last` is updated. */
export function changedBalances(last: Map<string, BalanceFigures>, balances: readonly Balance[]): Balance[] {
  const changed: Balance[] = [];
  for (const balance of balances) {
    if (!Number.isFinite(balance.unpaid)) continue;
    const key = balanceKey(balance);
    const figures = { unpaid: balance.unpaid, totalEarned: balance.totalEarned ?? null };
    const previous = last.get(key);
    if (previous && previous.unpaid === figures.unpaid && previous.totalEarned === figures.totalEarned) continue;
    last.set(key, figures);
    changed.push(balance);
  }
  return changed;
}

export function isEarningDay(row: RevenueEstimate): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(row.day) && Number.isFinite(row.amount);
}

/** Daily figures worth keeping from a poll: the summary's finished days (today's figure is an estimate) and the pool's daily history. */
export function earningDays(poll: PollObservation): RevenueEstimate[] {
  const today = utcDay(poll.atMs);
  return [...poll.account.revenue.filter((row) => row.day < today), ...(poll.dailyEarnings ?? [])].filter(isEarningDay);
}
