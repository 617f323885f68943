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
  // Adapters write UTC ISO with milliseconds (24 characters, "Z"): those compare as text, parsed once at the end.
  let newestText: string | null = null;
  for (let index = 0; index < workers.length; index += 1) {
    const worker = workers[index]!;
    const text = worker.lastShareAt;
    if (worker.state !== 'online' || text === null) continue;
    if (text.length === 24 && text.endsWith('Z')) {
      if (newestText === null || text > newestText) newestText = text;
      continue;
    }
    const at = Date.parse(text);
    if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
  }
  const fromText = newestText === null ? Number.NaN : Date.parse(newestText);
  if (Number.isFinite(fromText) && (newest === null || fromText > newest)) newest = fromText;
  return newest;
}
