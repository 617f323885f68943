import type { HashrateHps } from './hashrate';

/** One averaged hashrate figure over a time bucket. */
export interface HashratePoint {
  /** ISO time the bucket starts. */
  at: string;
  hps: HashrateHps;
}

/** A pool's own hashrate history for a group or one worker (Spider hourly/daily charts, SBI observer ranges). */
export interface HashrateSeries {
  group: string;
  /** null for the whole group. */
  worker: string | null;
  resolution: 'hour' | 'day';
  points: HashratePoint[];
}
