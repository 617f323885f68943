import { z } from 'zod';
import { isOptional, isRecord, numberFromText } from '../response-parsing';

// Shapes of Spider Pool responses (docs: shared/pool-apis/spider-pool-api.txt, NOTES.md).
// Lenient where the service varies: numbers may come as numeric strings, lists may or may not be paged.

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/** A number, also accepted as a numeric string. */
export const numeric = z.union([z.number(), z.string().regex(NUMERIC_TEXT, 'a number')]).transform((value) => (typeof value === 'number' ? value : numberFromText(value)));

/** Hashrates are strings of H/s ("9789798686766"); plain numbers are accepted too. */
export const hashrateText = numeric;

/**
 * Both success conventions share one envelope: {code: "SUCCESS", msg, data} on /v2/subaccount and /v2/worker,
 * {code: 200, msg, t, data, success} on /v2/sp. Error codes are strings ("INVALID_PARAM", "500").
 */
export const envelopeSchema = z
  .object({
    code: z.union([z.string(), z.number()]).nullish(),
    msg: z.string().nullish(),
    message: z.string().nullish(),
    data: z.unknown().optional(),
    success: z.boolean().nullish(),
    t: z.unknown().optional(),
  })
  .passthrough()
  .refine((body) => (body.code !== undefined && body.code !== null) || typeof body.success === 'boolean', {
    message: 'neither code nor success is present',
    path: ['code'],
  });
export type SpiderEnvelope = z.infer<typeof envelopeSchema>;

const subaccountInfoItem = z
  .object({
    coin: z.string().min(1),
    subaccount: z.string().min(1),
    walletAddress: z.string().nullish(),
    realtimeHashrate: hashrateText.nullish(),
    avgHashrate1440: hashrateText.nullish(),
    activeWorkerNum: numeric.nullish(),
    inactiveWorkerNum: numeric.nullish(),
  })
  .passthrough();
export type SpiderSubaccountInfo = z.infer<typeof subaccountInfoItem>;

/** A list, or (seen with filters on some APIs) a single object; preprocessed so errors name the field. */
export const subaccountInfoSchema = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : value),
  z.array(subaccountInfoItem),
);

/** Only the fields PoolWatch reads are kept (no passthrough), so a page read without zod gives the same workers. */
const workerItem = z.object({
  workerName: z.string().min(1),
  realtimeHashrate: hashrateText.nullish(),
  avgHashrate1440: hashrateText.nullish(),
  avgRejectrate1440: numeric.nullish(),
  status: z.string().nullish(),
  /** epoch seconds */
  lastShareTime: numeric.nullish(),
});
export type SpiderWorker = z.infer<typeof workerItem>;

/**
 * The documented worker endpoint answers a plain list; paged variants answer {list|records, total}.
 * A plain list is wrapped first (rather than a union) so that errors name the field that is wrong.
 */
export const workerListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { list: value, plain: true } : value),
  z
    .object({ list: z.array(workerItem).optional(), records: z.array(workerItem).optional(), total: numeric.nullish(), plain: z.literal(true).optional() })
    .passthrough()
    .refine((page) => page.list !== undefined || page.records !== undefined, { message: 'neither list nor records is present', path: ['list'] })
    .transform((page) => ({ list: page.list ?? page.records ?? [], total: page.plain ? null : (page.total ?? null) })),
);
export type SpiderWorkerPage = z.infer<typeof workerListSchema>;

// A page of 50 workers through the schema costs more CPU than its request. Nearly every page is plain: the readers
// below take exactly what the schema takes, giving what it gives, and leave everything else (undefined) to the
// schema, which also names the field that is wrong. test/unit/pools/spider-worker-page.test.ts holds them in step.

/** A `numeric.nullish()` field as the schema reads it; NaN where the schema would refuse the value. */
function plainNumeric(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  return typeof value === 'string' && NUMERIC_TEXT.test(value) ? numberFromText(value) : Number.NaN;
}

function plainWorker(value: unknown): SpiderWorker | undefined {
  if (!isRecord(value)) return undefined;
  const { workerName, status } = value;
  if (typeof workerName !== 'string' || workerName.length === 0 || !isOptional(status, 'string')) return undefined;
  const realtimeHashrate = plainNumeric(value.realtimeHashrate);
  const avgHashrate1440 = plainNumeric(value.avgHashrate1440);
  const avgRejectrate1440 = plainNumeric(value.avgRejectrate1440);
  const lastShareTime = plainNumeric(value.lastShareTime);
  if (Number.isNaN(realtimeHashrate) || Number.isNaN(avgHashrate1440) || Number.isNaN(avgRejectrate1440) || Number.isNaN(lastShareTime)) return undefined;
  return { workerName, realtimeHashrate, avgHashrate1440, avgRejectrate1440, status: status as string | null | undefined, lastShareTime };
}

function plainWorkers(items: readonly unknown[]): SpiderWorker[] | undefined {
  const workers: SpiderWorker[] = new Array<SpiderWorker>(items.length);
  for (let index = 0; index < items.length; index += 1) {
    const worker = plainWorker(items[index]);
    if (worker === undefined) return undefined;
    workers[index] = worker;
  }
  return workers;
}

/** workerListSchema's result for a plain page (a list, or {list|records, total}), without zod; undefined otherwise. */
export function readPlainWorkerPage(value: unknown): SpiderWorkerPage | undefined {
  if (Array.isArray(value)) {
    const list = plainWorkers(value);
    return list && { list, total: null };
  }
  if (!isRecord(value) || value.plain !== undefined) return undefined;
  const { list, records } = value;
  const items = Array.isArray(list) && records === undefined ? list : list === undefined && Array.isArray(records) ? records : null;
  const total = plainNumeric(value.total);
  if (items === null || Number.isNaN(total)) return undefined;
  const read = plainWorkers(items);
  return read && { list: read, total: total ?? null };
}

/** Hourly (24 h) or daily (30 d) chart: startTime in ms, timeInterval in seconds. */
export const hashrateDetailSchema = z
  .object({
    startTime: numeric,
    timeInterval: numeric.refine((seconds) => seconds > 0, 'a positive interval'),
    hashrates: z.array(hashrateText.nullable()),
  })
  .passthrough();
export type SpiderHashrateDetail = z.infer<typeof hashrateDetailSchema>;

export const profitInfoSchema = z
  .object({
    yesterdayProfit: numeric.nullish(),
    unpaidProfit: numeric.nullish(),
    totalProfit: numeric.nullish(),
    /** fb does not report it */
    dayEstimateProfit: numeric.nullish(),
  })
  .passthrough();
export type SpiderProfitInfo = z.infer<typeof profitInfoSchema>;

export const profitDetailSchema = z
  .object({
    total: numeric.nullish(),
    dayProfitList: z.array(
      z
        .object({
          /** ms; midnight in China time in the documented sample */
          dayDate: numeric,
          avgHashrate: hashrateText.nullish(),
          dayProfit: numeric,
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type SpiderProfitDetail = z.infer<typeof profitDetailSchema>;

/** /v2/sp/subaccount/getDayProfitDetailInfo: `day` in seconds; data is absent for a day without figures. */
export const dayProfitSchema = z
  .object({
    day: numeric,
    coin: z.string().nullish(),
    dayProfit: numeric,
  })
  .passthrough()
  .nullable();
export type SpiderDayProfit = z.infer<typeof dayProfitSchema>;

export const paymentRecordSchema = z
  .object({
    total: numeric.nullish(),
    list: z.array(
      z
        .object({
          /** ms */
          paymentDate: numeric,
          paymentAddress: z.string().nullish(),
          paymentMoney: numeric,
          txId: z.string().nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type SpiderPaymentRecord = z.infer<typeof paymentRecordSchema>;
