import { z } from 'zod';
import type { AccountSummary, Worker } from '../model';
import { cutText } from '../units';
import { describeIssues } from './describe-issues';
import { isPlainWorker } from './plain-worker';
import { plainWorkerAt, rawWorkerAt, WorkersDeltaWireShellSchema, type WorkerColumnsShell } from './worker-columns';
import {
  AccountSummarySchema,
  EngineStateSchema,
  PoolIdSchema,
  UnreadableAccountSchema,
  WorkerListSchema,
  WorkerSchema,
  WorkersDeltaSchema,
  type EngineState,
  type UnreadableAccount,
  type UnreadableItems,
  type WorkersDelta,
} from './schemas';

// How the UI reads the messages that carry one or many accounts' data: every account (and every worker)
// is checked on its own, so one out-of-range number (1e309 arrives as Infinity, or as null once the engine
// has serialized it) costs that account its card, not the whole screen.

const MAX_LABEL_CHARS = 80;
const MAX_PROBLEM_CHARS = 400;
const MAX_EXAMPLES = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** What the card needs to name an account whose data failed its schema: id, label and pool where readable. */
function unreadableAccount(raw: unknown, error: z.ZodError, fallbackId: string): UnreadableAccount {
  const record = isRecord(raw) ? raw : {};
  const id = nonEmptyString(record.id) ?? fallbackId;
  const pool = PoolIdSchema.safeParse(record.pool);
  return {
    unreadable: true,
    id,
    label: cutText(nonEmptyString(record.label) ?? id, MAX_LABEL_CHARS),
    pool: pool.success ? pool.data : null,
    problem: cutText(describeIssues(error, 3), MAX_PROBLEM_CHARS),
  };
}

/**
 * Reads `count` entries each on its own; the ones that fail are counted, with the first few problems named.
 * `plainAt` may give an entry the schema would accept unchanged without parsing it (see plain-worker.ts);
 * otherwise `rawAt` gives the entry to the schema.
 */
function readEach<T>(
  schema: z.ZodType<T>,
  count: number,
  rawAt: (index: number) => unknown,
  nameOf: (raw: unknown, index: number) => string,
  plainAt: (index: number) => T | undefined = () => undefined,
): { items: T[]; unreadable: UnreadableItems | undefined } {
  const items: T[] = [];
  const examples: string[] = [];
  let failed = 0;
  for (let index = 0; index < count; index += 1) {
    const plain = plainAt(index);
    if (plain !== undefined) {
      items.push(plain);
      continue;
    }
    const raw = rawAt(index);
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    failed += 1;
    if (examples.length < MAX_EXAMPLES) examples.push(cutText(`${nameOf(raw, index)}: ${describeIssues(parsed.error, 2)}`, MAX_PROBLEM_CHARS));
  }
  return { items, unreadable: failed === 0 ? undefined : { count: failed, examples } };
}

/** Entries of a list, read as readEach reads them; a plain worker is taken as it is. */
function readWorkerArray(raws: readonly unknown[]): { items: Worker[]; unreadable: UnreadableItems | undefined } {
  return readEach<Worker>(WorkerSchema, raws.length, (index) => raws[index], workerName, (index) => {
    const raw = raws[index];
    return isPlainWorker(raw) ? raw : undefined;
  });
}

function mergeItems(a: UnreadableItems | undefined, b: UnreadableItems | undefined): UnreadableItems | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return { count: a.count + b.count, examples: [...a.examples, ...b.examples].slice(0, MAX_EXAMPLES) };
}

/** The value without its `unreadable` key when there is nothing unreadable, so clean data keeps its shape. */
function withUnreadable<T extends object, U>(value: T, unreadable: U | undefined): T & { unreadable?: U } {
  const copy: T & { unreadable?: U } = { ...value };
  if (unreadable === undefined) delete copy.unreadable;
  else copy.unreadable = unreadable;
  return copy;
}

function workerName(raw: unknown, index: number): string {
  const name = isRecord(raw) ? nonEmptyString(raw.name) : null;
  return name === null ? `entry ${index + 1}` : `“${cutText(name, MAX_LABEL_CHARS)}”`;
}

/** The shell must read (else the whole answer is unusable); each account is read on its own. */
const EngineStateShellSchema = EngineStateSchema.extend({ accounts: z.array(z.unknown()) });

/** Like zod's safeParse result: the value read, or why the message as a whole could not be read. */
export type ReadResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

export function readEngineState(value: unknown): ReadResult<EngineState> {
  const shell = EngineStateShellSchema.safeParse(value);
  if (!shell.success) return shell;
  const accounts: AccountSummary[] = [];
  const unreadable: UnreadableAccount[] = [...(shell.data.unreadable ?? [])];
  shell.data.accounts.forEach((raw, index) => {
    const summary = AccountSummarySchema.safeParse(raw);
    if (summary.success) accounts.push(summary.data);
    // An entry without an id still gets a card; '#n' is never a valid account id, so it cannot collide.
    else unreadable.push(unreadableAccount(raw, summary.error, `#${index + 1}`));
  });
  return { success: true, data: withUnreadable({ ...shell.data, accounts }, unreadable.length === 0 ? undefined : unreadable) };
}

/** A pushed summary; one that fails becomes an UnreadableAccount for its id. Null when not even the id reads. */
export function readAccountEvent(value: unknown): AccountSummary | UnreadableAccount | null {
  const summary = AccountSummarySchema.safeParse(value);
  if (summary.success) return summary.data;
  const notice = UnreadableAccountSchema.safeParse(value);
  if (notice.success) return notice.data;
  if (!isRecord(value) || nonEmptyString(value.id) === null) return null;
  return unreadableAccount(value, summary.error, '');
}

const WorkerListShellSchema = WorkerListSchema.extend({ workers: z.array(z.unknown()) });

export function readWorkerList(value: unknown): ReadResult<z.infer<typeof WorkerListSchema>> {
  const shell = WorkerListShellSchema.safeParse(value);
  if (!shell.success) return shell;
  const { items, unreadable } = readWorkerArray(shell.data.workers);
  return { success: true, data: withUnreadable({ ...shell.data, workers: items }, mergeItems(shell.data.unreadable, unreadable)) };
}

const WorkersDeltaShellSchema = WorkersDeltaSchema.extend({ upserted: z.array(z.unknown()) });

/**
 * A workers delta, in either form: as sent by the transports (columns, see worker-columns.ts) or with one object
 * per worker. Unreadable changes are counted so the UI reloads the list. A delta whose frame does not read but
 * names its account becomes an empty one marked unreadable (its total is unknown, and unused: the mark alone
 * makes the UI reload). Null when not even the account reads.
 */
export function readWorkersDelta(value: unknown): WorkersDelta | null {
  const asColumns = isRecord(value) && 'columns' in value;
  const shell = asColumns ? WorkersDeltaWireShellSchema.safeParse(value) : WorkersDeltaShellSchema.safeParse(value);
  if (!shell.success) {
    const accountId = isRecord(value) ? nonEmptyString(value.accountId) : null;
    if (accountId === null) return null;
    return { accountId, upserted: [], removed: [], total: 0, unreadable: { count: 1, examples: [cutText(describeIssues(shell.error, 2), MAX_PROBLEM_CHARS)] } };
  }
  const { accountId, removed, total } = shell.data;
  const { items, unreadable } =
    'columns' in shell.data ? readWorkerColumns(shell.data.columns) : readWorkerArray(shell.data.upserted);
  return withUnreadable({ accountId, upserted: items, removed, total }, mergeItems(shell.data.unreadable, unreadable));
}

function readWorkerColumns(columns: WorkerColumnsShell): { items: Worker[]; unreadable: UnreadableItems | undefined } {
  return readEach<Worker>(
    WorkerSchema,
    columns.name.length,
    (index) => rawWorkerAt(columns, index),
    workerName,
    (index) => plainWorkerAt(columns, index),
  );
}
