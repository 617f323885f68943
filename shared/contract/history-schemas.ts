import { z } from 'zod';
import { isWorkerSortKey, SORT_DIRECTIONS, unknownSortKeyMessage, WORKER_FILTER_STATES, type WorkerSortKey } from '../model';
import { cutText } from '../units';
import { IsoTimeQuerySchema, IsoTimeSchema } from './iso-time';

// History (charts) and export, as the UI asks for them. Times cross as ISO strings; hashrates are H/s.


/** What a series is about: the whole fleet (no account), an account, a group in it, or one worker. */
export const HistoryScopeSchema = z
  .object({
    accountId: z.string().optional(),
    group: z.string().optional(),
    worker: z.string().optional(),
  })
  .strict()
  .refine((scope) => (scope.group === undefined && scope.worker === undefined) || scope.accountId !== undefined, 'a group or worker needs its account')
  .refine((scope) => scope.worker === undefined || scope.group !== undefined, 'a worker needs its group');
export type HistoryScope = z.infer<typeof HistoryScopeSchema>;

export const HistoryRangeSchema = z
  .object({
    from: IsoTimeQuerySchema,
    to: IsoTimeQuerySchema,
    /** At most this many points come back (about two per pixel of the chart). */
    maxPoints: z.number().int().min(10).max(10_000),
  })
  .strict();

/** Which stored resolution answered: raw samples (48 h), hourly rollups (90 d) or daily rollups (2 y). */
export const HISTORY_RESOLUTIONS = ['raw', 'hour', 'day'] as const;
/** Every stored resolution among the points, finest first (a range can mix polls with imported hours). */
const HistoryLevelsSchema = z.array(z.enum(HISTORY_RESOLUTIONS));

export const HashratePointSchema = z.object({ at: IsoTimeSchema, min: z.number(), avg: z.number(), max: z.number() });
export type HashrateHistoryPoint = z.infer<typeof HashratePointSchema>;

export const HashrateHistorySchema = z.object({
  resolution: z.enum(HISTORY_RESOLUTIONS),
  levels: HistoryLevelsSchema,
  points: z.array(HashratePointSchema),
});
export type HashrateHistory = z.infer<typeof HashrateHistorySchema>;

export const WorkerStatesPointSchema = z.object({
  at: IsoTimeSchema,
  online: z.number().nonnegative(),
  offline: z.number().nonnegative(),
  dead: z.number().nonnegative(),
  unknown: z.number().nonnegative(),
});
export type WorkerStatesPoint = z.infer<typeof WorkerStatesPointSchema>;

export const WorkerStatesHistorySchema = z.object({
  resolution: z.enum(HISTORY_RESOLUTIONS),
  levels: HistoryLevelsSchema,
  points: z.array(WorkerStatesPointSchema),
});

export const EarningsHistorySchema = z.object({
  /** Earned per UTC day and coin (the pools' own daily figures where they give them). */
  days: z.array(
    z.object({
      day: z.string(),
      accountId: z.string(),
      coin: z.string(),
      amount: z.number(),
      unit: z.enum(['coin', 'base-unit']),
      /** The pool's own figure where it was converted to whole coins (SBI: satoshi). */
      rawAmount: z.number().nullable(),
      rawUnit: z.string().nullable(),
      /** The pool's estimate (SBI revenue, Spider's today), not a settled figure. */
      estimate: z.boolean(),
    }),
  ),
  payouts: z.array(
    z.object({
      id: z.string(),
      accountId: z.string(),
      at: IsoTimeSchema,
      coin: z.string(),
      amount: z.number(),
      unit: z.enum(['coin', 'base-unit']),
      status: z.string(),
      txId: z.string().nullable(),
      rawAmount: z.number().nullable(),
      rawUnit: z.string().nullable(),
    }),
  ),
});
export type EarningsHistory = z.infer<typeof EarningsHistorySchema>;

export const EXPORT_KINDS = ['workers', 'hashrate', 'payouts', 'earnings'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The Workers table's sort (shared/model/worker-sort.ts): a built-in column, `attention`, or `attr:<label>`. */
export const WorkerSortSchema = z
  .object({
    // A short string first (a number is told it is not one; the error repeats the key), then a key the table has.
    key: z.string().max(200).pipe(z.custom<WorkerSortKey>((key) => isWorkerSortKey(key as string), { error: (issue) => unknownSortKeyMessage(String(issue.input)) })),
    direction: z.enum(SORT_DIRECTIONS),
  })
  .strict();

/** The longest name filter (part of a worker's name) an export takes. */
export const MAX_NAME_FILTER_CHARS = 200;

/** What an unknown state filter is told: the states there are (a long input cut, as it is repeated). */
function unknownStateMessage(input: unknown): string {
  const states = `${WORKER_FILTER_STATES.slice(0, -1).join(', ')} or ${WORKER_FILTER_STATES.at(-1)}`;
  return `unknown worker state "${cutText(String(input), 40)}": use one of ${states}`;
}

export const ExportRequestSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    accountId: z.string().optional(),
    group: z.string().optional(),
    worker: z.string().optional(),
    from: IsoTimeQuerySchema.optional(),
    to: IsoTimeQuerySchema.optional(),
    /** The Workers screen's filters (workers export only): one state, and part of the name (any case). */
    state: z.enum(WORKER_FILTER_STATES, { error: (issue) => unknownStateMessage(issue.input) }).optional(),
    name: z
      .string()
      .max(MAX_NAME_FILTER_CHARS, { error: (issue) => `a name filter holds at most ${MAX_NAME_FILTER_CHARS} characters, not ${String(issue.input).length}` })
      .optional(),
    /** The Workers table's sort, so the file lists the rows in the order shown (workers export only; default: the table's). */
    sort: WorkerSortSchema.optional(),
  })
  .strict()
  .refine((request) => request.kind === 'workers' || (request.state === undefined && request.name === undefined), 'state and name filter the workers export only (--state and --name need export workers)')
  .refine((request) => request.kind === 'workers' || request.sort === undefined, 'sort orders the workers export only (--sort needs export workers)')
  .refine((request) => (request.group === undefined && request.worker === undefined) || request.accountId !== undefined, 'a group or worker needs its account (--group needs --account)')
  .refine((request) => request.worker === undefined || request.group !== undefined, 'a worker needs its group (--worker needs --group)');
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const ExportResultSchema = z.object({ filename: z.string(), csv: z.string() });
