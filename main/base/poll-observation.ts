import type { AccountSummary, HashrateSeries, RevenueEstimate, Worker } from '../../shared/model';
import type { PoolErrorKind } from './pool-error';

// The engine makes one per poll; the store records it, alerts and history read it: so it lives below all three.

/** What one poll attempt produced: the summary, and the workers when the poll worked. */
export interface PollObservation {
  atMs: number;
  account: AccountSummary;
  workers: Worker[] | null;
  /** The delay this poll was scheduled with: the interval normally, longer while backing off. */
  pollIntervalMs: number;
  /** Why the poll failed: 'network' when no pool answer arrived at all (refused, unreachable, timeout); absent when it worked. */
  failure?: 'network' | 'other';
  /** How the poll failed, by PoolError kind ('internal': PoolWatch itself threw); absent when it worked. */
  errorKind?: PoolErrorKind | 'internal';
  /** How long the poll took, from the credentials' lookup to the last answer (the metrics' poll duration). */
  durationMs?: number;
  /** The pool's own history and daily earnings, when this poll read them (to backfill charts). */
  history?: HashrateSeries[];
  dailyEarnings?: RevenueEstimate[];
}
