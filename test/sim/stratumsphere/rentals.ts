// Rental model: connections, hashrate, rejects and stability are derived from the sim clock and a per-rental seed,
// so the same seed and time always give the same figures, and time moving on changes them.
import { MS_PER_MINUTE } from '../common/iso-time';
import { unitHash } from '../common/seeded-random';

/** Hashrate and reject jitter change once per bucket, so the calls of one poll agree. */
export const FIGURE_BUCKET_MS = 10_000;
/** Connections and outages change per session window. */
export const SESSION_MS = 15 * MS_PER_MINUTE;
/** Share of session windows in which a rental has nothing connected. */
export const OUTAGE_SHARE = 0.1;
/** Share of session windows with a burst of rejected work. */
const REJECT_BURST_SHARE = 0.08;
/** Above this reject share a rental is not stable. */
export const UNSTABLE_REJECT_SHARE = 0.05;

export interface RentalRecord {
  readonly id: number;
  readonly schedulerId: number;
  title: string;
  /** where the rented hash goes: the buyer's pool */
  host: string;
  user: string;
  password: string;
  workerNumberMaintained: number;
  readonly isPersonal: boolean;
  readonly seed: number;
  readonly baseHps: number;
  readonly baseConnections: number;
  readonly createdAtMs: number;
  connectionsOverride: number | null;
  stableOverride: boolean | null;
}

export interface RentalFigures {
  connections: number;
  hashrateHps: number;
  rejectedHps: number;
  /** rejected / (accepted + rejected) */
  rejectShare: number;
  stable: boolean;
}

function session(atMs: number): number {
  return Math.floor(atMs / SESSION_MS);
}

function inOutage(rental: RentalRecord, sessionIndex: number): boolean {
  return unitHash(rental.seed, sessionIndex) < OUTAGE_SHARE;
}

function simulatedConnections(rental: RentalRecord, nowMs: number): number {
  const index = session(nowMs);
  if (inOutage(rental, index)) return 0;
  const drift = Math.round((unitHash(rental.seed ^ 0x27d4eb2d, index) - 0.5) * 2);
  return Math.max(1, rental.baseConnections + drift);
}

function rejectShareAt(rental: RentalRecord, nowMs: number): number {
  const index = session(nowMs);
  if (unitHash(rental.seed ^ 0x165667b1, index) < REJECT_BURST_SHARE) {
    return 0.06 + unitHash(rental.seed ^ 0x3c6ef372, index) * 0.09;
  }
  return 0.003 + unitHash(rental.seed ^ 0x9e3779b9, Math.floor(nowMs / FIGURE_BUCKET_MS)) * 0.017;
}

export function figureBucket(nowMs: number): number {
  return Math.floor(nowMs / FIGURE_BUCKET_MS) * FIGURE_BUCKET_MS;
}

function wander(rental: RentalRecord, nowMs: number): number {
  const bucketMs = figureBucket(nowMs);
  const phase = ((rental.seed % 1000) / 1000) * 2 * Math.PI;
  const slow = Math.sin((2 * Math.PI * bucketMs) / (53 * MS_PER_MINUTE) + phase) * 0.04;
  const jitter = (unitHash(rental.seed ^ 0x85ebca6b, bucketMs / FIGURE_BUCKET_MS) - 0.5) * 0.02;
  return 1 + slow + jitter;
}

export function rentalFigures(rental: RentalRecord, nowMs: number): RentalFigures {
  const connections = rental.connectionsOverride ?? simulatedConnections(rental, nowMs);
  const rejectShare = rejectShareAt(rental, nowMs);
  // hashrate counts accepted work; rejected work comes on top of it
  const hashrateHps = connections === 0 ? 0 : rental.baseHps * (connections / rental.baseConnections) * wander(rental, nowMs);
  const rejectedHps = hashrateHps * (rejectShare / (1 - rejectShare));
  // a rental that just came back from an outage is not stable yet
  const recovering = rental.connectionsOverride === null && inOutage(rental, session(nowMs) - 1);
  const stable = rental.stableOverride ?? (connections > 0 && rejectShare < UNSTABLE_REJECT_SHARE && !recovering);
  return { connections, hashrateHps, rejectedHps, rejectShare, stable };
}

/** A day's average: the base rate less the time lost to outages. */
export function averageHps(rental: RentalRecord): number {
  return rental.baseHps * (1 - OUTAGE_SHARE);
}
