import type { WorkerState } from '../../shared/model';

/** What each worker state means, for tooltips (title) and the legend; the pools' own windows where they say. */
export const WORKER_STATE_MEANINGS: Record<WorkerState, string> = {
  online: 'Sending shares to the pool now.',
  offline: 'No shares for a few minutes (SBI: 2–10 min; Spider: inactive). It may come back on its own.',
  dead: 'No shares for a long time (SBI: over 10 min; Spider: connection lost; WebMinePool: no mining for 3 days). Often a retired rig the pool still lists.',
  unknown: 'The pool did not say (it sent an empty state).',
};

/** What "not hashing" means: PoolWatch's judgement, shown beside the pools' states (settings.notHashingAfterMin). */
export const NOT_HASHING_MEANING =
  'Online by the pool, yet no 10-minute hashrate (0 or none) for the minutes set under Settings (10 by default): connected but producing nothing. Counted in online too.';

/** What "stale" means wherever an account's figures carry it. */
export const STALE_MEANING = 'The latest poll failed, so these figures are from the last poll that worked. They are not replaced by zeros.';
