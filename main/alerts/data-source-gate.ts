import { MAX_BACKOFF_MS } from '../engine/polling-policy';
import { newestOnlineShareMs, type JudgedPoll } from './observation';

/** What the gate remembers per account between observations. */
export interface GateState {
  lastAtMs: number | null;
  /** Last observation with fresh data (not failed, not stale); null before the first. */
  lastFreshAtMs: number | null;
  lastFailed: boolean;
  /** Fresh observations still to take as a baseline only, after a start or a blind spot. */
  settleLeft: number;
  /** First failed poll of the current failure streak. */
  failingSinceMs: number | null;
}

export type GateReason = 'open' | 'first' | 'resumed' | 'settling' | 'failed' | 'stale' | 'host-offline';

export interface GateVerdict {
  /** Worker, hashrate and fleet rules may judge this observation. */
  open: boolean;
  reason: GateReason;
  /** The observation carries current data (a settle observation is fresh but not judged). */
  fresh: boolean;
  /** Fresh data after a blind spot (sleep, outage, stale data, no network): counts toward `for` start over. */
  resume: boolean;
  /** Time since the previous observation says the machine slept or polling stopped. */
  gap: boolean;
  /** The poll failed. */
  failed: boolean;
  /** How long polls have been failing, counted from the first failure after the last success or gap. */
  failingForMs: number | null;
  /** Age of the newest share among online workers; set when it made the data stale. */
  staleForMs: number | null;
  /** Data-source and credential rules may judge (false only when the machine itself is offline). */
  judgeSource: boolean;
}

export interface GateOptions {
  /** More than this many poll intervals without fresh data is a blind spot; also the sleep test between polls. */
  sleepGapFactor: number;
  settlePolls: number;
  /** Data older than this is stale; Infinity turns the check off. */
  staleMs: number;
}

export function newGateState(settlePolls: number): GateState {
  return { lastAtMs: null, lastFreshAtMs: null, lastFailed: false, settleLeft: settlePolls, failingSinceMs: null };
}

/** The longest silence between two polls that is still normal: failing polls back off up to MAX_BACKOFF_MS. */
function gapLimitMs(previous: GateState, observation: JudgedPoll, factor: number): number {
  const expected = previous.lastFailed ? Math.max(observation.pollIntervalMs, MAX_BACKOFF_MS) : observation.pollIntervalMs;
  return factor * expected;
}

/**
 * Decides whether this observation may be judged, and advances the gate's state. A short blip (one or two
 * failed polls) costs nothing; a blind spot longer than sleepGapFactor intervals makes the next fresh
 * observation(s) a baseline only, so a flaky pool is still judged and a resumed laptop is not misjudged.
 */
export function stepGate(previous: GateState, observation: JudgedPoll, options: GateOptions): { state: GateState; verdict: GateVerdict } {
  const { atMs } = observation;
  const gap = previous.lastAtMs !== null && atMs - previous.lastAtMs > gapLimitMs(previous, observation, options.sleepGapFactor);
  const closed = { open: false, fresh: false, resume: false, gap, failed: false, failingForMs: null, staleForMs: null, judgeSource: true };
  const base = { ...previous, lastAtMs: atMs };

  if (observation.hostOffline) {
    // A failure of our own network says nothing about the pool: no failure streak.
    const state = { ...base, lastFailed: true, failingSinceMs: null };
    return { state, verdict: { ...closed, reason: 'host-offline', judgeSource: false } };
  }

  if (observation.workers === null) {
    const since = gap || previous.failingSinceMs === null ? atMs : previous.failingSinceMs;
    const state = { ...base, lastFailed: true, failingSinceMs: since };
    return { state, verdict: { ...closed, reason: 'failed', failed: true, failingForMs: atMs - since } };
  }

  const newest = newestOnlineShareMs(observation.workers);
  const ageMs = newest === null ? null : atMs - newest;
  if (ageMs !== null && ageMs > options.staleMs) {
    const state = { ...base, lastFailed: false, failingSinceMs: null };
    return { state, verdict: { ...closed, reason: 'stale', staleForMs: ageMs } };
  }

  const first = previous.lastFreshAtMs === null;
  const resume = first || atMs - (previous.lastFreshAtMs ?? atMs) > options.sleepGapFactor * observation.pollIntervalMs;
  const settleLeft = resume ? options.settlePolls : previous.settleLeft;
  const fresh = { ...base, lastFreshAtMs: atMs, lastFailed: false, failingSinceMs: null };
  if (settleLeft > 0) {
    const reason: GateReason = first ? 'first' : resume ? 'resumed' : 'settling';
    return { state: { ...fresh, settleLeft: settleLeft - 1 }, verdict: { ...closed, reason, fresh: true, resume } };
  }
  return { state: { ...fresh, settleLeft: 0 }, verdict: { ...closed, open: true, reason: 'open', fresh: true, resume } };
}
