import type { HistoryScope } from '../../shared/contract';
import type { RollupLevel, RollupRow, SeriesRawRow, WorkerRawRow } from './sample-types';

/** An account's own series, a group's series, or one worker: what a scope resolves to. */
export type SampleTarget =
  | { kind: 'series'; id: number; accountId: string; group: string | null }
  | { kind: 'worker'; id: number; accountId: string; group: string; worker: string };

/** The first hour and day not yet rolled up from finer data; -Infinity when nothing has been. */
export interface RollupMarks {
  hour: number;
  day: number;
}

/** What the queries read: the database, a rollup batch read ahead, or no-history's empty source. Ranges are [fromMs, toMs), rows oldest first. */
export interface SampleSource {
  targets(scope: HistoryScope): SampleTarget[];
  marks(): RollupMarks;
  seriesRaw(id: number, fromMs: number, toMs: number): SeriesRawRow[];
  seriesRollups(id: number, level: RollupLevel, fromMs: number, toMs: number): RollupRow[];
  workerRaw(id: number, fromMs: number, toMs: number): WorkerRawRow[];
  workerRollups(id: number, level: RollupLevel, fromMs: number, toMs: number): RollupRow[];
}
