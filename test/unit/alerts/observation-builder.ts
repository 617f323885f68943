import {
  NO_HASHRATE,
  countWorkers,
  type AccountStatus,
  type AccountSummary,
  type Balance,
  type Payout,
  type Worker,
} from '../../../shared/model';
import { AlertEvaluator, type AlertEvaluation } from '../../../main/alerts/alert-evaluator';
import { parseAlertSettings, type AlertSettingsInput } from '../../../main/alerts/alert-settings';
import type { AlertTransition, RuleId } from '../../../main/alerts/alert-types';
import type { Notification } from '../../../main/alerts/notification-format';
import type { JudgedPoll } from '../../../main/alerts/observation';

/** Saturday 21 November 2026, 12:00 UTC. */
export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const TH = 1e12;

export interface WorkerOptions {
  group?: string;
  hps?: number | null;
  h24h?: number | null;
  rejectRate?: number | null;
  lastShareAt?: string | null;
}

/** A worker hashing 100 TH/s unless told otherwise; offline and dead workers hash 0. */
export function worker(name: string, state: Worker['state'] = 'online', options: WorkerOptions = {}): Worker {
  const hps = options.hps !== undefined ? options.hps : state === 'online' ? 100 * TH : 0;
  return {
    name,
    group: options.group ?? 'main',
    state,
    hashrate: { ...NO_HASHRATE, h10m: hps, h1h: hps, h24h: options.h24h ?? null },
    lastShareAt: options.lastShareAt ?? null,
    rejectRate: options.rejectRate ?? null,
  };
}

/** rig-0001 ... rig-NNNN, all in one state. */
export function fleet(count: number, state: Worker['state'] = 'online', options: WorkerOptions & { prefix?: string } = {}): Worker[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, index) => worker(`${options.prefix ?? 'rig-'}${String(index + 1).padStart(Math.max(2, width), '0')}`, state, options));
}

/** Returns the list with the named workers replaced by copies in another state. */
export function withState(workers: readonly Worker[], names: Iterable<string>, state: Worker['state']): Worker[] {
  const chosen = new Set(names);
  return workers.map((w) => (chosen.has(w.name) ? { ...w, state, hashrate: state === 'online' ? w.hashrate : { ...w.hashrate, h10m: 0, h1h: 0 } } : w));
}

export interface ObservationOptions {
  atMs: number;
  workers: Worker[] | null;
  id?: string;
  label?: string;
  pool?: AccountSummary['pool'];
  status?: AccountStatus;
  message?: string | null;
  limitations?: string[];
  payouts?: Payout[];
  balances?: Balance[];
  pollIntervalMs?: number;
  keyExpiresAtMs?: number | null;
  hostOffline?: boolean;
  /** Online workers without a lastShareAt get one 20 s before atMs (as a live pool would say). */
  freshShares?: boolean;
}

/** A poll observation as the alert service would feed it: summary counts and groups follow the worker list. */
export function observation(options: ObservationOptions): JudgedPoll {
  const { atMs } = options;
  const workers =
    options.workers === null
      ? null
      : options.workers.map((w) =>
          options.freshShares !== false && w.state === 'online' && w.lastShareAt === null ? { ...w, lastShareAt: new Date(atMs - 20 * SECOND).toISOString() } : w,
        );
  const failed = workers === null;
  const groupNames = [...new Set((workers ?? []).map((w) => w.group))];
  const account: AccountSummary = {
    id: options.id ?? 'acc-1',
    pool: options.pool ?? 'sbi',
    label: options.label ?? 'batchtest',
    status: options.status ?? (failed ? 'unreachable' : (options.limitations?.length ?? 0) > 0 ? 'permission_limited' : 'ok'),
    message: options.message ?? (failed ? 'The pool did not answer within 30 s.' : null),
    limitations: options.limitations ?? [],
    stale: failed,
    lastGoodAt: failed ? null : new Date(atMs).toISOString(),
    lastPollAt: new Date(atMs).toISOString(),
    nextPollAt: null,
    poolAccountName: null,
    hashrate: NO_HASHRATE,
    workers: countWorkers(workers ?? []),
    groups: groupNames.map((name) => ({ name, coin: 'BTC', hashrate: NO_HASHRATE, workers: countWorkers((workers ?? []).filter((w) => w.group === name)) })),
    balances: options.balances ?? [],
    payouts: options.payouts ?? [],
    revenue: [],
    stratumServers: [],
  };
  const result: JudgedPoll = { atMs, account, workers, pollIntervalMs: options.pollIntervalMs ?? MINUTE };
  if (options.keyExpiresAtMs !== undefined) result.keyExpiresAtMs = options.keyExpiresAtMs;
  if (options.hostOffline !== undefined) result.hostOffline = options.hostOffline;
  return result;
}

export function payout(id: string, status: Payout['status'], amount = 0.01, group: string | null = null): Payout {
  return { id, coin: 'BTC', amount, unit: 'coin', status, txId: status === 'confirmed' ? `tx-${id}` : null, at: null, group };
}

export function evaluatorWith(settings: AlertSettingsInput = {}): AlertEvaluator {
  return new AlertEvaluator(parseAlertSettings(settings));
}

type Extra = Omit<ObservationOptions, 'atMs' | 'workers'>;

/** Drives an alert evaluator poll by poll on a fake timeline; nothing sleeps. */
export class PollScript {
  readonly results: AlertEvaluation[] = [];
  nowMs: number;

  constructor(
    readonly evaluator: AlertEvaluator,
    readonly intervalMs = MINUTE,
    readonly base: Extra = {},
    startMs = T0,
  ) {
    this.nowMs = startMs;
  }

  /** One successful poll at the current time, then the clock moves one interval on. */
  poll(workers: Worker[], extra: Extra = {}): AlertEvaluation {
    return this.record(this.evaluator.observe(observation({ pollIntervalMs: this.intervalMs, ...this.base, ...extra, atMs: this.nowMs, workers })));
  }

  /** One failed poll (unreachable unless told). */
  fail(extra: Extra = {}): AlertEvaluation {
    return this.record(this.evaluator.observe(observation({ pollIntervalMs: this.intervalMs, ...this.base, ...extra, atMs: this.nowMs, workers: null })));
  }

  /** Time passes without a poll (sleep, or between polls). */
  wait(ms: number): void {
    this.nowMs += ms;
  }

  tick(): AlertEvaluation {
    const result = this.evaluator.tick(this.nowMs);
    this.results.push(result);
    return result;
  }

  notifications(): Notification[] {
    return this.results.flatMap((result) => result.notifications);
  }

  transitions(): AlertTransition[] {
    return this.results.flatMap((result) => result.transitions);
  }

  /** Transitions of one rule as "from->to" strings, in order. */
  steps(ruleId: RuleId): string[] {
    return this.transitions()
      .filter((step) => step.ruleId === ruleId)
      .map((step) => `${step.from}->${step.to}`);
  }

  clear(): void {
    this.results.length = 0;
  }

  private record(result: AlertEvaluation): AlertEvaluation {
    this.results.push(result);
    this.nowMs += this.intervalMs;
    return result;
  }
}
