import type { PollObservation } from '../../main/base/poll-observation';
import { MINUTE, T0, TH, pollOf, worker } from './sample-fixtures';

// The polls the crash test's writer records: every worker changes by 10 % each poll, so every poll writes a row
// for each of them and a half-written poll would show as a poll with fewer rows.

export const CRASH_WORKERS = 3_000;
export const CRASH_POLL_MS = 10 * MINUTE;

export function crashPollAt(n: number): number {
  return T0 + n * CRASH_POLL_MS;
}

export function crashPoll(n: number): PollObservation {
  const workers = Array.from({ length: CRASH_WORKERS }, (_, i) => worker(`g${i % 3}`, `rig-${i}`, (10 + ((n + i) % 2)) * TH));
  return pollOf('farm', crashPollAt(n), workers);
}
