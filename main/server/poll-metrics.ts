import { Counter, Histogram, type Registry } from 'prom-client';
import type { PoolId } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import { STATUS_BY_ERROR_KIND } from '../engine/account-status';

/** Every kind a failure is counted under: the PoolError kinds, and 'internal' when PoolWatch itself threw. */
const FAILURE_KINDS = [...Object.keys(STATUS_BY_ERROR_KIND), 'internal'];

/** Seconds: most polls take well under a second; a paged 30,000-worker account takes tens; 300 s is the deadline. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Poll durations and failures, counted from the engine's poll events as they happen (not from the snapshot). */
export class PollMetrics {
  private readonly duration: Histogram;
  private readonly failures: Counter;
  /** Accounts with series, by id, with the pool their series are labelled with. */
  private readonly known = new Map<string, PoolId>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'poolwatch_poll_duration_seconds',
      help: 'How long each poll of an account took, successful or not.',
      labelNames: ['account', 'pool'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'poolwatch_poll_failures_total',
      help: 'Failed polls by kind (auth, permission, unreachable, rate_limited, server, bad_response, pool_error, config, internal).',
      labelNames: ['account', 'pool', 'kind'],
      registers: [registry],
    });
  }

  observe(observation: PollObservation): void {
    const { id, pool } = observation.account;
    this.follow([{ id, pool }]);
    const labels = { account: id, pool };
    if (observation.durationMs !== undefined) this.duration.observe(labels, observation.durationMs / 1000);
    if (observation.errorKind) this.failures.inc({ ...labels, kind: observation.errorKind });
  }

  /**
   * Matches the series to the accounts configured now: a new account starts at zero on every kind (so `increase()`
   * sees its first failure), a removed one's series go.
   */
  follow(accounts: ReadonlyArray<{ id: string; pool: PoolId }>, complete = false): void {
    if (complete) {
      const current = new Map(accounts.map((account) => [account.id, account.pool]));
      for (const [id, pool] of [...this.known]) if (current.get(id) !== pool) this.forget(id, pool);
    }
    for (const { id, pool } of accounts) {
      const labelled = this.known.get(id);
      if (labelled === pool) continue;
      if (labelled !== undefined) this.forget(id, labelled);
      this.known.set(id, pool);
      this.duration.zero({ account: id, pool });
      for (const kind of FAILURE_KINDS) this.failures.inc({ account: id, pool, kind }, 0);
    }
  }

  private forget(id: string, pool: PoolId): void {
    this.duration.remove({ account: id, pool });
    for (const kind of FAILURE_KINDS) this.failures.remove({ account: id, pool, kind });
    this.known.delete(id);
  }
}
