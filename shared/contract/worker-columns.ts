import { z } from 'zod';
import type { Worker, WorkerState } from '../model';
import { isPlainHashrate, isPlainRate, isPlainTime, isWorkerState } from './plain-worker';
import { WorkersDeltaSchema, type WorkersDelta } from './schemas';
import type { Same } from './wire-types';

// How a workers delta crosses a transport (the WebSocket and Electron IPC alike): the changed workers by column,
// not one object per worker. A poll of 100,000 workers reaches the UI as 20 deltas of 5,000. As objects, JSON.parse
// made about nine per worker (the worker, its hashrate, their numbers, its time), kept by the UI's store; objects
// JSON.parse makes always start young, so each scavenge copied them and the major collection's last pause marked
// them (80-100 ms: the page's long task). As columns a frame is less than half the bytes, JSON.parse makes a few
// arrays (numbers packed, groups and times once per frame), and the UI builds each worker, its hashrate and nothing
// else (plainWorkerAt).

/** The changed workers of a delta, column by column; every column has one entry per worker. */
export interface WorkerColumns {
  name: string[];
  /** Index into `groups`. */
  group: number[];
  groups: string[];
  state: WorkerState[];
  h10m: (number | null)[];
  h1h: (number | null)[];
  h24h: (number | null)[];
  /** Index into `times`, or null: a poll's share times fall on a few hundred seconds. */
  lastShareAt: (number | null)[];
  times: string[];
  rejectRate: (number | null)[];
  /** Present when some worker of the delta has attributes; null for the others. */
  attributes?: (NonNullable<Worker['attributes']> | null)[];
  /** Present when some worker of the delta is judged not hashing; null for the others. */
  notHashingSince?: (string | null)[];
}

/** Every field of Worker has its column: tsc refuses this line when Worker gains a field the columns do not carry. */
export type WorkerColumnsCoverWorker = Same<keyof Worker, Exclude<keyof WorkerColumns, 'groups' | 'times' | 'h10m' | 'h1h' | 'h24h'> | 'hashrate'>;
const COVERED: WorkerColumnsCoverWorker = true;
void COVERED;

/** A workers delta as sent: WorkersDelta with `columns` in place of `upserted`. */
export interface WorkersDeltaWire extends Omit<WorkersDelta, 'upserted'> {
  columns: WorkerColumns;
}

/** The engine's delta as the transports send it. */
export function workersDeltaWire(delta: WorkersDelta): WorkersDeltaWire {
  const { upserted, ...rest } = delta;
  const columns: WorkerColumns = { name: [], group: [], groups: [], state: [], h10m: [], h1h: [], h24h: [], lastShareAt: [], times: [], rejectRate: [] };
  const groupIndex = new Map<string, number>();
  const timeIndex = new Map<string, number>();
  const indexIn = (index: Map<string, number>, table: string[], text: string): number => {
    let at = index.get(text);
    if (at === undefined) {
      at = table.push(text) - 1;
      index.set(text, at);
    }
    return at;
  };
  const hasAttributes = upserted.some((worker) => worker.attributes !== undefined);
  const hasNotHashing = upserted.some((worker) => worker.notHashingSince !== undefined);
  if (hasAttributes) columns.attributes = [];
  if (hasNotHashing) columns.notHashingSince = [];
  for (let index = 0; index < upserted.length; index += 1) {
    const worker = upserted[index]!;
    columns.name.push(worker.name);
    columns.group.push(indexIn(groupIndex, columns.groups, worker.group));
    columns.state.push(worker.state);
    columns.h10m.push(worker.hashrate.h10m);
    columns.h1h.push(worker.hashrate.h1h);
    columns.h24h.push(worker.hashrate.h24h);
    columns.lastShareAt.push(worker.lastShareAt === null ? null : indexIn(timeIndex, columns.times, worker.lastShareAt));
    columns.rejectRate.push(worker.rejectRate);
    columns.attributes?.push(worker.attributes ?? null);
    columns.notHashingSince?.push(worker.notHashingSince ?? null);
  }
  return { ...rest, columns };
}

/** An array, left unread: its entries are read one by one (plainWorkerAt, rawWorkerAt), not copied by zod. */
const column = z.custom<unknown[]>((value) => Array.isArray(value), 'expected an array');

const COLUMN_NAMES = ['name', 'group', 'state', 'h10m', 'h1h', 'h24h', 'lastShareAt', 'rejectRate', 'attributes', 'notHashingSince'] as const;

/** The frame around the columns must read, and its columns be of one length; each worker is read on its own. */
export const WorkersDeltaWireShellSchema = WorkersDeltaSchema.omit({ upserted: true })
  .extend({
    columns: z
      .object({
        name: column,
        group: column,
        groups: column,
        state: column,
        h10m: column,
        h1h: column,
        h24h: column,
        lastShareAt: column,
        times: column,
        rejectRate: column,
        attributes: column.optional(),
        notHashingSince: column.optional(),
      })
      .superRefine((columns, context) => {
        for (const name of COLUMN_NAMES) {
          const length = columns[name]?.length;
          if (length !== undefined && length !== columns.name.length) {
            context.addIssue({ code: 'custom', path: [name], message: `has ${length} entries for ${columns.name.length} workers` });
          }
        }
      }),
  });

export type WorkerColumnsShell = z.output<typeof WorkersDeltaWireShellSchema>['columns'];

function tableEntry(table: readonly unknown[], index: unknown): unknown {
  return Number.isInteger(index) && (index as number) >= 0 && (index as number) < table.length ? table[index as number] : undefined;
}

/**
 * The worker at `index` when it is plain (what WorkerSchema accepts unchanged, without attributes or a not-hashing
 * time), built at this one literal; undefined otherwise, and then rawWorkerAt gives it to the schema.
 */
export function plainWorkerAt(columns: WorkerColumnsShell, index: number): Worker | undefined {
  if (columns.attributes?.[index] != null || columns.notHashingSince?.[index] != null) return undefined;
  const name = columns.name[index];
  const group = tableEntry(columns.groups, columns.group[index]);
  const state = columns.state[index];
  const h10m = columns.h10m[index];
  const h1h = columns.h1h[index];
  const h24h = columns.h24h[index];
  const timeIndex = columns.lastShareAt[index];
  const lastShareAt = timeIndex === null ? null : tableEntry(columns.times, timeIndex);
  const rejectRate = columns.rejectRate[index];
  if (typeof name !== 'string' || typeof group !== 'string' || !isWorkerState(state)) return undefined;
  if (!isPlainHashrate(h10m) || !isPlainHashrate(h1h) || !isPlainHashrate(h24h)) return undefined;
  if (!isPlainTime(lastShareAt) || !isPlainRate(rejectRate)) return undefined;
  return { name, group, state, hashrate: { h10m, h1h, h24h }, lastShareAt, rejectRate };
}

/** The worker at `index` as an object for WorkerSchema to read (and to word what is wrong with it). */
export function rawWorkerAt(columns: WorkerColumnsShell, index: number): Record<string, unknown> {
  const groupIndex = columns.group[index];
  const timeIndex = columns.lastShareAt[index];
  const raw: Record<string, unknown> = {
    name: columns.name[index],
    // An index that points nowhere is passed on as it is, so the schema names the field.
    group: tableEntry(columns.groups, groupIndex) ?? groupIndex,
    state: columns.state[index],
    hashrate: { h10m: columns.h10m[index], h1h: columns.h1h[index], h24h: columns.h24h[index] },
    lastShareAt: timeIndex === null ? null : (tableEntry(columns.times, timeIndex) ?? timeIndex),
    rejectRate: columns.rejectRate[index],
  };
  const attributes = columns.attributes?.[index];
  const notHashingSince = columns.notHashingSince?.[index];
  if (attributes != null) raw.attributes = attributes;
  if (notHashingSince != null) raw.notHashingSince = notHashingSince;
  return raw;
}
