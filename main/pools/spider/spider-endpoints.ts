import { z } from 'zod';
import {
  dayProfitSchema,
  hashrateDetailSchema,
  paymentRecordSchema,
  profitDetailSchema,
  profitInfoSchema,
  subaccountInfoSchema,
  readPlainWorkerPage,
  workerListSchema,
} from './spider-schemas';

/** One Spider API call: where it lives, what its `data` looks like, and what a person would call it. */
export interface SpiderEndpoint<T> {
  path: string;
  /** "the worker list": used in messages as "... for the worker list of main (BTC)". */
  what: string;
  schema: z.ZodType<T>;
  /** The envelope around `data`, built once: a zod object made per request costs more than the request. */
  answer: z.ZodType<{ data: T }>;
  /** Reads a plain `data` without the schema; undefined sends it through the schema (see readPlainWorkerPage). */
  plain?: (data: unknown) => T | undefined;
}

function endpoint<T>(path: string, what: string, schema: z.ZodType<T>, plain?: (data: unknown) => T | undefined): SpiderEndpoint<T> {
  return { path, what, schema, answer: z.object({ data: schema }), ...(plain && { plain }) };
}

/** Every endpoint PoolWatch reads, in one table, so a path or shape can be corrected when the live API differs. */
export const SPIDER_ENDPOINTS = {
  subaccountInfo: endpoint('/v2/subaccount/getSubaccountInfo', 'the subaccount list', subaccountInfoSchema),
  workers: endpoint('/v2/worker/getSubaccountWorkerDetailInfo', 'the worker list', workerListSchema, readPlainWorkerPage),
  subaccountHashrate: endpoint('/v2/subaccount/getSubaccountHashrateDetailInfo', 'the hashrate history', hashrateDetailSchema),
  workerHashrate: endpoint('/v2/worker/getSubaccountWorkerHashrateDetailInfo', 'a worker\'s hashrate history', hashrateDetailSchema),
  profitInfo: endpoint('/v2/subaccount/getSubaccountProfitInfo', 'the profit summary', profitInfoSchema),
  profitDetail: endpoint('/v2/subaccount/getSubaccountProfitDetailInfo', 'the daily profit list', profitDetailSchema),
  dayProfit: endpoint('/v2/sp/subaccount/getDayProfitDetailInfo', 'yesterday\'s profit', dayProfitSchema),
  paymentRecord: endpoint('/v2/subaccount/getSubaccountPaymentRecord', 'the payment records', paymentRecordSchema),
} as const;
