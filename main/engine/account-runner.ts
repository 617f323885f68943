import {
  NO_HASHRATE,
  NO_WORKERS,
  addCounts,
  countWorkers,
  type AccountStatus,
  type AccountSummary,
  type Worker,
  type WorkerCounts,
} from '../../shared/model';
import { DEFAULT_NOT_HASHING_AFTER_MIN, type WorkersDelta } from '../../shared/contract';
import { redactSecrets } from '../base/redaction';
import type { ActionContext, PoolAdapter, PoolReading } from '../pools/adapter';
import type { HttpClient } from '../pools/http-client';
import { isPoolError, PoolError } from '../base/pool-error';
import { safeDelayMs } from '../base/safe-delay';
import { STATUS_BY_ERROR_KIND } from './account-status';
import type { Clock } from '../base/clock';
import type { PollObservation } from '../base/poll-observation';
import type { Logger } from '../base/logger';
import { nextPollDelay, POLL_DEADLINE_MS } from './polling-policy';
import { diffWorkers } from './worker-diff';
import { groupsWithNotHashing, NotHashingTracker } from './not-hashing';
import { nextTurn } from '../base/event-bus';
import type { RunnableAccount } from './runnable-account';

export interface AccountRunnerDeps {
  clock: Clock;
  adapter: PoolAdapter;
  http: HttpClient;
  resolveCredentials(account: RunnableAccount): Promise<Record<string, string>>;
  onSummary(summary: AccountSummary): void;
  onWorkersDelta(delta: WorkersDelta): void;
  /** Whoever handles a poll (history, alerts); the poll counts as done when this settles. */
  onPolled?(observation: PollObservation): void | Promise<void>;
  logger: Logger;
  random?: () => number;
  /** Minutes an online worker may show no 10-minute hashrate before it counts as "not hashing" (read at every poll). */
  notHashingAfterMin?: () => number;
}

/** Workers per state:workers-delta event: a first poll of 100,000 workers is 20 events of a few ms each to send. */
export const WORKERS_PER_DELTA = 5_000;

/** Whatever the aborted request threw, the account says the poll was too slow. */
function deadlineError(): PoolError {
  const minutes = POLL_DEADLINE_MS / 60_000;
  return new PoolError(
    'unreachable',
    `The pool answered too slowly: this poll was abandoned after ${minutes} minutes. PoolWatch tries again at the next poll; if it keeps happening, the pool may be overloaded.`,
  );
}

/** No answer from the pool at all (no HTTP status): what a machine without network sees. */
function isNetworkFailure(error: unknown): boolean {
  return isPoolError(error) && error.kind === 'unreachable' && error.details.httpStatus === undefined;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Polls one account on its own schedule; a slow or broken account never delays another. */
export class AccountRunner {
  private reading: PoolReading | null = null;
  private status: AccountStatus = 'pending';
  private message: string | null = null;
  private lastGoodAtMs: number | null = null;
  private lastPollAtMs: number | null = null;
  private nextPollAtMs: number | null = null;
  /** Failed polls in a row: above 0, the data shown is from an earlier poll. */
  private failures = 0;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private running = false;
  private scheduledDelayMs: number | null = null;
  /** Set by stop(): a poll it aborted reports nothing, so a replaced runner's last error never lands over its successor's. */
  private stopped = false;
  private readonly notHashing = new NotHashingTracker();

  constructor(
    readonly account: RunnableAccount,
    private readonly deps: AccountRunnerDeps,
  ) {}

  start(initialDelayMs = 0): void {
    this.running = true;
    this.stopped = false;
    this.schedule(initialDelayMs);
  }

  /** Starts the schedule with a poll right now (an account just saved). */
  startNow(): void {
    this.running = true;
    void this.pollNow();
  }

  stop(): void {
    this.running = false;
    this.stopped = true;
    this.cancelTimer();
    this.nextPollAtMs = null;
    this.abort?.abort();
  }

  /** Polls now (or joins the poll under way) and resolves when it is done. */
  pollNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.cancelTimer();
    this.inFlight = this.pollOnce().finally(() => {
      this.inFlight = null;
      if (this.running) this.schedule(this.delayAfterPoll());
    });
    return this.inFlight;
  }

  /**
   * The account's interval changed (the user's default poll interval): a poll already waiting is moved to the
   * new interval after the last poll; while failing, the backoff keeps its own pace until a poll succeeds.
   */
  setPollInterval(seconds: number): void {
    if (seconds === this.account.pollIntervalSec) return;
    this.account.pollIntervalSec = seconds;
    if (!this.running || this.inFlight || this.timer === null || this.failures > 0) return;
    const sinceLastPollMs = this.lastPollAtMs === null ? 0 : this.deps.clock.now() - this.lastPollAtMs;
    this.schedule(Math.max(0, seconds * 1000 - sinceLastPollMs));
  }

  /**
   * Runs `use` with this account's address, credentials and HTTP client, as a poll has them (pool actions). A pool
   * error comes back with every credential redacted from its message.
   */
  async withPool<T>(use: (adapter: PoolAdapter, context: ActionContext) => Promise<T>): Promise<T> {
    let secrets: string[] = [];
    try {
      const credentials = await this.deps.resolveCredentials(this.account);
      secrets = Object.values(credentials);
      return await use(this.deps.adapter, { baseUrl: this.account.baseUrl, credentials, http: this.deps.http });
    } catch (error) {
      if (isPoolError(error)) throw new PoolError(error.kind, redactSecrets(error.message, secrets), error.details);
      throw error;
    }
  }

  workers(): Worker[] {
    return this.reading?.workers ?? [];
  }

  private workerCounts: WorkerCounts = NO_WORKERS;

  summary(): AccountSummary {
    const reading = this.reading;
    const workerCounts = this.workerCounts;
    return {
      id: this.account.id,
      pool: this.account.pool,
      label: this.account.label,
      status: this.status,
      message: this.message,
      limitations: reading?.limitations ?? [],
      stale: reading !== null && this.failures > 0,
      lastGoodAt: iso(this.lastGoodAtMs),
      lastPollAt: iso(this.lastPollAtMs),
      nextPollAt: iso(this.nextPollAtMs),
      poolAccountName: reading?.poolAccountName ?? null,
      hashrate: reading?.hashrate ?? NO_HASHRATE,
      workers: workerCounts,
      groups: reading?.groups ?? [],
      balances: reading?.balances ?? [],
      payouts: reading?.payouts ?? [],
      revenue: reading?.revenue ?? [],
      stratumServers: reading?.stratumServers ?? [],
    };
  }

  private retryAfterMs: number | undefined;

  private delayAfterPoll(): number {
    return nextPollDelay(this.account.pollIntervalSec * 1000, this.failures, this.deps.random ?? Math.random, this.retryAfterMs);
  }

  private schedule(requestedMs: number): void {
    this.cancelTimer();
    if (!this.running) return;
    const delayMs = safeDelayMs(requestedMs);
    this.nextPollAtMs = this.deps.clock.now() + delayMs;
    this.scheduledDelayMs = delayMs;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.pollNow();
    }, delayMs);
    this.deps.onSummary(this.summary());
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async pollOnce(): Promise<void> {
    const { clock, adapter, logger } = this.deps;
    const startedAt = clock.now();
    this.abort = new AbortController();
    let pastDeadline = false;
    const deadline = clock.setTimeout(() => {
      pastDeadline = true;
      this.abort?.abort();
    }, POLL_DEADLINE_MS);
    let secrets: string[] = [];
    let polledReading: PoolReading | null = null;
    // One time for the poll everywhere: the summary's lastGoodAt and the history sample agree to the millisecond.
    let polledAt = startedAt;
    let failure: PollObservation['failure'];
    let errorKind: PollObservation['errorKind'];
    try {
      const credentials = await this.deps.resolveCredentials(this.account);
      secrets = Object.values(credentials);
      const reading = await adapter.poll({
        baseUrl: this.account.baseUrl,
        credentials,
        options: { subaccounts: this.account.subaccounts },
        http: this.deps.http,
        now: () => clock.now(),
        signal: this.abort.signal,
        previous: this.reading,
      });
      polledAt = clock.now();
      await nextTurn(); // the last page was parsed in this turn: the diff gets one of its own
      await this.acceptReading(reading, polledAt);
      polledReading = reading;
      logger.info(`account ${this.account.id}: polled in ${polledAt - startedAt} ms, ${reading.workers.length} workers`);
    } catch (error) {
      polledAt = clock.now();
      const cause = pastDeadline ? deadlineError() : error;
      failure = isNetworkFailure(cause) ? 'network' : 'other';
      errorKind = isPoolError(cause) ? cause.kind : 'internal';
      this.recordFailure(cause, secrets, polledAt);
    } finally {
      clock.clearTimeout(deadline);
      this.abort = null;
    }
    if (this.stopped) return;
    const summary = this.summary();
    this.deps.onSummary(summary);
    await this.deps.onPolled?.({
      atMs: polledAt,
      account: summary,
      workers: polledReading?.workers ?? null,
      pollIntervalMs: Math.max(this.scheduledDelayMs ?? 0, this.account.pollIntervalSec * 1000),
      durationMs: polledAt - startedAt,
      ...(failure ? { failure } : {}),
      ...(errorKind ? { errorKind } : {}),
      ...(polledReading?.history?.length ? { history: polledReading.history } : {}),
      ...(polledReading?.dailyEarnings?.length ? { dailyEarnings: polledReading.dailyEarnings } : {}),
    });
  }

  private async acceptReading(polled: PoolReading, atMs: number): Promise<void> {
    const reading = this.judgeNotHashing(polled, atMs);
    if (reading.workers.length >= WORKERS_PER_DELTA) await nextTurn(); // the judgement and the diff pass 100,000 workers each
    const diff = diffWorkers(this.reading?.workers ?? [], reading.workers);
    this.reading = reading;
    // Counted once per reading: the summary is asked for at every API call and UI event, 100,000 workers each time.
    this.workerCounts =
      reading.workers.length > 0
        ? { ...countWorkers(reading.workers), notHashing: this.notHashingCount }
        : reading.groups.reduce((total, group) => addCounts(total, group.workers), NO_WORKERS);
    this.status = reading.limitations.length > 0 ? 'permission_limited' : 'ok';
    const said = [...reading.limitations, ...(reading.notices ?? [])];
    this.message = said.length > 0 ? said.join(' ') : null;
    this.lastGoodAtMs = atMs;
    this.lastPollAtMs = atMs;
    this.failures = 0;
    this.retryAfterMs = undefined;
    // A big change goes out in parts, a turn each: every UI client gets each part serialized.
    for (let start = 0; start === 0 || start < diff.upserted.length; start += WORKERS_PER_DELTA) {
      const upserted = diff.upserted.slice(start, start + WORKERS_PER_DELTA);
      const removed = start === 0 ? diff.removed : [];
      if (upserted.length === 0 && removed.length === 0) break;
      if (start > 0) await nextTurn();
      this.deps.onWorkersDelta({ accountId: this.account.id, upserted, removed, total: reading.workers.length });
    }
  }

  private notHashingCount = 0;

  /** Marks the workers online but not hashing for the set time (PoolWatch's judgement over polls, not the pool's). */
  private judgeNotHashing(reading: PoolReading, atMs: number): PoolReading {
    this.notHashingCount = 0;
    if (reading.workers.length === 0) return reading;
    // The tracker replaces marked workers in the list: never in a list the previous reading still holds.
    const workers = reading.workers === this.reading?.workers ? [...reading.workers] : reading.workers;
    const afterMin = this.deps.notHashingAfterMin?.() ?? DEFAULT_NOT_HASHING_AFTER_MIN;
    this.notHashingCount = this.notHashing.mark(workers, atMs, afterMin * 60_000);
    // The same reading object, completed: an adapter may know its own readings again (WebMinePool times them).
    reading.workers = workers;
    reading.groups = groupsWithNotHashing(reading.groups, workers, this.notHashingCount);
    return reading;
  }

  private recordFailure(error: unknown, secrets: readonly string[], atMs: number): void {
    this.failures += 1;
    this.lastPollAtMs = atMs;
    if (isPoolError(error)) {
      this.status = STATUS_BY_ERROR_KIND[error.kind];
      this.message = redactSecrets(error.message, secrets);
      this.retryAfterMs = error.details.retryAfterMs;
    } else {
      this.status = 'error';
      this.message = redactSecrets(
        `PoolWatch failed while reading this account (${(error as Error)?.message ?? 'unknown error'}). It keeps trying; please report this if it persists.`,
        secrets,
      );
      this.retryAfterMs = undefined;
    }
    this.deps.logger.warn(`account ${this.account.id} (${this.account.label}): ${this.status}: ${this.message}`);
  }
}
