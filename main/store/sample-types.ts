// Internal shapes of the history store: rows as stored and the span points every query and rollup works on.

import { DAY_MS, HOUR_MS } from '../base/time';

export type Level = 'raw' | 'hour' | 'day';
export type RollupLevel = Exclude<Level, 'raw'>;
export const LEVEL_MS: Record<RollupLevel, number> = { hour: HOUR_MS, day: DAY_MS };
/** Level numbers as stored in the rollup tables. */
export const LEVEL_CODE: Record<RollupLevel, number> = { hour: 1, day: 2 };

/** Worker state codes as stored: online is 0 because SQLite stores 0 and 1 in no bytes at all. */
export const STATE_CODE = { online: 0, offline: 1, dead: 2, unknown: 3, gone: 4 } as const;
export type StateCode = (typeof STATE_CODE)[keyof typeof STATE_CODE];
export const GONE: StateCode = STATE_CODE.gone;

export interface StateMix {
  online: number;
  offline: number;
  dead: number;
  unknown: number;
}

/** One account or group sample: written every poll. */
export interface SeriesRawRow {
  at: number;
  hps: number | null;
  states: StateMix | null;
}

/** One worker sample: written on change or keepalive; it holds until the next one (a step). state 4 = gone. */
export interface WorkerRawRow {
  at: number;
  hps: number | null;
  state: StateCode;
  rejectPpm: number | null;
}

/** An hourly or daily rollup row. All figures null on a worker row = the worker was gone from then on. */
export interface RollupRow {
  at: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  states: StateMix | null;
  /** Built from our own samples (true) or from the pool's history (false, backfill). */
  own: boolean;
}

/** A value that holds over [at, at + span): the common currency of queries and rollups. */
export interface SpanPoint {
  at: number;
  span: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  states: StateMix | null;
  own: boolean;
  level: Level;
}

export function isGoneRollup(row: RollupRow): boolean {
  return row.min === null && row.avg === null && row.max === null && row.states === null;
}

export function floorTo(ms: number, width: number): number {
  return Math.floor(ms / width) * width;
}

