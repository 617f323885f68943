import { z } from 'zod';
import { isOptional, isOptionalNumber, isRecord, numberFromText } from '../response-parsing';

// Shapes of SBI Crypto Pool responses (docs: shared/pool-apis/sbi-crypto-pool-api-full.txt).
// Lenient where the live service varies: numbers may arrive as numeric strings, optional fields may be absent.

/** A number, also accepted as a numeric string ("2.99E10"). */
export const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]).transform((value) => (typeof value === 'number' ? value : numberFromText(value)));

/** [10m, 1h, 1d] in MH/s; missing windows are tolerated. */
export const mhsWindows = z.array(numeric.nullable()).max(8);

export const coinRef = z.union([z.object({ code: z.string() }).passthrough(), z.string()]);

export const accountSchema = z
  .object({
    name: z.string().nullish(),
    hashrate: mhsWindows.nullish(),
    subaccounts: z
      .array(
        z
          .object({
            subaccountId: numeric.nullish(),
            subaccountName: z.string(),
            currentMiningCurrency: coinRef.nullish(),
          })
          .passthrough(),
      )
      .default([]),
    workerStatus: z.record(z.string(), numeric).nullish(),
    numOfWorkers: numeric.nullish(),
  })
  .passthrough();

export const subaccountsSchema = z
  .object({
    subaccounts: z.array(
      z
        .object({
          subaccountName: z.string(),
          currentMiningCurrency: coinRef.nullish(),
          hashrate: mhsWindows.nullish(),
          workerStatus: z.record(z.string(), numeric).nullish(),
          totalWorkers: numeric.nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

export const workerSchema = z
  .object({
    name: z.string(),
    state: z.string().nullish(),
    lastShareTime: z.string().nullish(),
    subaccount: z.string().nullish(),
    subaccountName: z.string().nullish(),
    hashrates: mhsWindows.nullish(),
  })
  .passthrough();

/** [10m, 1h, 1d] as plain JSON numbers (the schema also takes numeric strings, and turns them into numbers). */
function isPlainWindows(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!Array.isArray(value) || value.length > 8) return false;
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (item !== null && !(typeof item === 'number' && Number.isFinite(item))) return false;
  }
  return true;
}

function isPlainWorker(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    isOptional(value.state, 'string') &&
    isOptional(value.lastShareTime, 'string') &&
    isOptional(value.subaccount, 'string') &&
    isOptional(value.subaccountName, 'string') &&
    isPlainWindows(value.hashrates)
  );
}

/** A worker page the schema below would return unchanged: read as it is (parseShapeFast), no copy per worker. */
export function isPlainWorkerPage(value: unknown): value is z.infer<ReturnType<typeof pageSchema<typeof workerSchema>>> {
  if (!isRecord(value) || !Array.isArray(value.content)) return false;
  if (![value.totalPages, value.totalElements, value.number, value.size].every(isOptionalNumber) || !isOptional(value.last, 'boolean')) return false;
  const content: unknown[] = value.content;
  for (let index = 0; index < content.length; index += 1) if (!isPlainWorker(content[index])) return false;
  return true;
}

/** Spring Data page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      content: z.array(item),
      totalPages: numeric.nullish(),
      totalElements: numeric.nullish(),
      number: numeric.nullish(),
      size: numeric.nullish(),
      last: z.boolean().nullish(),
    })
    .passthrough();
}

export const subpoolsSchema = z.array(
  z
    .object({
      name: z.string(),
      coins: z.array(z.string()).default([]),
      stratumServers: z.array(z.object({ host: z.string(), port: numeric }).passthrough()).default([]),
    })
    .passthrough(),
);

export const earningV2Schema = z
  .object({
    earningsId: z.string(),
    subaccountName: z.string().nullish(),
    earningsFor: z.string().nullish(),
    coin: coinRef,
    netOwed: numeric.nullish(),
    grossOwed: numeric.nullish(),
    state: z.string().nullish(),
    txId: z.string().nullish(),
    paidOn: z.string().nullish(),
  })
  .passthrough();

export const earningV1Schema = z
  .object({
    id: z.string(),
    coin: coinRef,
    created: z.string().nullish(),
    subaccountName: z.string().nullish(),
    subaccount: z.object({ name: z.string() }).passthrough().nullish(),
    amount: numeric,
    status: z.string().nullish(),
    transactionId: z.string().nullish(),
  })
  .passthrough();

export const txPayoutSchema = z
  .object({
    internalTxId: z.string(),
    coin: coinRef,
    amount: numeric,
    state: z.string().nullish(),
    txId: z.string().nullish(),
    paidOn: z.string().nullish(),
  })
  .passthrough();

export const revenueSchema = z
  .object({
    estimatedRevenues: z.record(
      z.string(),
      z.array(z.object({ subaccountName: z.string().nullish(), coin: coinRef, amount: numeric }).passthrough()),
    ),
  })
  .passthrough();

export const observerHashratesSchema = z
  .object({
    hashrate: z.record(z.string(), mhsWindows),
  })
  .passthrough();

/** The observer's range query: one value per bucket, oldest first. */
export const observerHashrateRangeSchema = z
  .object({
    hashrate: z.record(z.string(), z.array(numeric.nullable()).max(10_000)),
  })
  .passthrough();

export const observerStatusSchema = z
  .object({
    status: z.record(
      z.string(),
      z.object({ name: z.string(), online: numeric, offline: numeric, dead: numeric }).passthrough(),
    ),
  })
  .passthrough();

/** Spring OAuth2 ({error, error_description}) or Spring MVC ({status, error, message}) error bodies. */
export const errorBodySchema = z
  .object({
    error: z.string().nullish(),
    error_description: z.string().nullish(),
    message: z.string().nullish(),
  })
  .passthrough();
