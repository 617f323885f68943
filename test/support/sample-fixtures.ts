import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWorkers, type AccountSummary, type Balance, type Payout, type RevenueEstimate, type Worker, type WorkerState } from '../../shared/model';
import type { PollObservation } from '../../main/base/poll-observation';

// Synthetic polls for the history store tests: workers by group, the account and group figures derived from them.

/** Monday 2026-01-05 00:00 UTC: hour and day buckets start here. */
export const T0 = Date.UTC(2026, 0, 5);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const TH = 1e12;

export function worker(group: string, name: string, hps: number | null, state: WorkerState = 'online', rejectRate: number | null = null): Worker {
  return { name, group, state, hashrate: { h10m: hps, h1h: hps, h24h: hps }, lastShareAt: null, rejectRate };
}

export interface PollExtras {
  label?: string;
  balances?: Balance[];
  payouts?: Payout[];
  revenue?: RevenueEstimate[];
  history?: PollObservation['history'];
  dailyEarnings?: RevenueEstimate[];
}

/** A successful poll of `accountId` at `atMs` listing `workers`; group and account hashrates are the sums of their workers. */
export function pollOf(accountId: string, atMs: number, workers: Worker[], extras: PollExtras = {}): PollObservation {
  const groupNames = [...new Set(workers.map((w) => w.group))].sort();
  const sum = (list: Worker[]) => list.reduce((total, w) => total + (w.hashrate.h10m ?? 0), 0);
  const windows = (hps: number) => ({ h10m: hps, h1h: hps, h24h: hps });
  const account: AccountSummary = {
    id: accountId,
    pool: 'sbi',
    label: extras.label ?? accountId,
    status: 'ok',
    message: null,
    limitations: [],
    stale: false,
    lastGoodAt: new Date(atMs).toISOString(),
    lastPollAt: new Date(atMs).toISOString(),
    nextPollAt: null,
    poolAccountName: null,
    hashrate: windows(sum(workers)),
    workers: countWorkers(workers),
    groups: groupNames.map((name) => {
      const members = workers.filter((w) => w.group === name);
      return { name, coin: 'BTC', hashrate: windows(sum(members)), workers: countWorkers(members) };
    }),
    balances: extras.balances ?? [],
    payouts: extras.payouts ?? [],
    revenue: extras.revenue ?? [],
    stratumServers: [],
  };
  return {
    atMs,
    account,
    workers,
    pollIntervalMs: MINUTE,
    ...(extras.history ? { history: extras.history } : {}),
    ...(extras.dailyEarnings ? { dailyEarnings: extras.dailyEarnings } : {}),
  };
}

/** `count` workers named rig-000.. in one group, all at `hps`. */
export function fleet(group: string, count: number, hps: number): Worker[] {
  return Array.from({ length: count }, (_, i) => worker(group, `rig-${String(i).padStart(3, '0')}`, hps));
}

export async function tempDbFile(name = 'history.sqlite'): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'pw-samples-')), name);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
