import type { AccountSummary, HashrateHps, Worker } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import type { AlertScope } from './alert-types';

/**
 * One poll attempt as the alert evaluator judges it: the engine's PollObservation (the same concept, not a copy of
 * its fields) plus two facts only alerts read.
 */
export interface JudgedPoll extends PollObservation {
  /** When the key expires, where the pool tells; null = no expiry; undefined = the pool does not say. */
  keyExpiresAtMs?: number | null;
  /** This machine has no network (the OS says so): nothing about the pool can be judged. */
  hostOffline?: boolean;
}

/** The figure the hashrate rules compare: the pool's 10-minute average, else its 1-hour one. */
export function currentHashrate(worker: Worker): HashrateHps | null {
  return worker.hashrate.h10m ?? worker.hashrate.h1h;
}

/** The scope of alerts about this machine rather than an account (no account id). */
export const MACHINE_SCOPE: AlertScope = { accountId: '', accountLabel: 'This machine', group: null, worker: null };

export function scopeOf(account: Pick<AccountSummary, 'id' | 'label'>, group: string | null, worker: string | null): AlertScope {
  return { accountId: account.id, accountLabel: account.label, group, worker };
}

/** Newest share time among workers the pool calls online; null when none says. */
export function newestOnlineShareMs(workers: readonly Worker[]): number | null {
  let newest: number | null = null;
  for (const worker of workers) {
    if (worker.state !== 'online' || worker.lastShareAt === null) continue;
    const at = Date.parse(worker.lastShareAt);
    if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
  }
  return newest;
}
