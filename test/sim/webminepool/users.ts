// Site users and their hash counts, which grow with the simulator's clock while they mine.
import { MS_PER_DAY, MS_PER_HOUR } from '../common/iso-time';
import type { WmpSimUserOption } from './types';

/** /users lists only users who mined within this long (doc note). */
export const LISTED_WITHIN_MS = 3 * MS_PER_DAY;

/**
 * Counts are kept per mining segment: between two changes (start, stop, reset, withdraw) a user mines at a
 * constant rate, so a count at any time is the segment's start value plus hps times the time since.
 */
export interface SimUser {
  readonly name: string;
  readonly siteKey: string;
  hps: number;
  referral: string | null;
  mining: boolean;
  segmentStartMs: number;
  /** the user's hash balance (what withdraw and reset change) at segment start */
  balanceAtSegmentStart: number;
  /** every hash the user ever mined, at segment start: what the account earned from it */
  minedAtSegmentStart: number;
  /** null: never mined */
  lastMinedAtMs: number | null;
}

export function newUser(spec: WmpSimUserOption, siteKey: string, nowMs: number): SimUser {
  if (!/^[\x21-\x7e]{1,64}$/.test(spec.name) || /[/?#%]/.test(spec.name)) {
    throw new Error('user name must be 1-64 printable ASCII characters without spaces, "/", "?", "#" or "%"');
  }
  if (!Number.isFinite(spec.hps) || spec.hps < 0) throw new Error('hps must be a number of zero or more');
  const hashes = spec.hashes ?? 0;
  if (!Number.isInteger(hashes) || hashes < 0) throw new Error('hashes must be a whole number of zero or more');
  const mining = spec.mining ?? true;
  return {
    name: spec.name,
    siteKey,
    hps: spec.hps,
    referral: null,
    mining,
    segmentStartMs: nowMs,
    balanceAtSegmentStart: hashes,
    minedAtSegmentStart: hashes,
    lastMinedAtMs: mining ? nowMs : nowMs - (spec.lastMinedAgoMs ?? MS_PER_HOUR),
  };
}

function minedInSegment(user: SimUser, nowMs: number): number {
  return user.mining ? Math.floor((user.hps * Math.max(0, nowMs - user.segmentStartMs)) / 1000) : 0;
}

export function userBalance(user: SimUser, nowMs: number): number {
  return user.balanceAtSegmentStart + minedInSegment(user, nowMs);
}

export function userMined(user: SimUser, nowMs: number): number {
  return user.minedAtSegmentStart + minedInSegment(user, nowMs);
}

export function lastMinedAt(user: SimUser, nowMs: number): number | null {
  return user.mining ? nowMs : user.lastMinedAtMs;
}

export function isListed(user: SimUser, nowMs: number): boolean {
  const last = lastMinedAt(user, nowMs);
  return last !== null && nowMs - last <= LISTED_WITHIN_MS;
}

/** Closes the current segment at nowMs so a change applies from now on. */
function checkpoint(user: SimUser, nowMs: number): void {
  user.balanceAtSegmentStart = userBalance(user, nowMs);
  user.minedAtSegmentStart = userMined(user, nowMs);
  if (user.mining) user.lastMinedAtMs = nowMs;
  user.segmentStartMs = nowMs;
}

export function startMining(user: SimUser, nowMs: number): void {
  if (user.mining) return;
  checkpoint(user, nowMs);
  user.mining = true;
  user.lastMinedAtMs = nowMs;
}

export function stopMining(user: SimUser, nowMs: number): void {
  if (!user.mining) return;
  checkpoint(user, nowMs);
  user.mining = false;
}

export function resetBalance(user: SimUser, nowMs: number): void {
  checkpoint(user, nowMs);
  user.balanceAtSegmentStart = 0;
}

/** Takes hashes off the user's balance; false when it holds fewer. */
export function withdrawHashes(user: SimUser, amount: number, nowMs: number): boolean {
  checkpoint(user, nowMs);
  if (amount > user.balanceAtSegmentStart) return false;
  user.balanceAtSegmentStart -= amount;
  return true;
}
