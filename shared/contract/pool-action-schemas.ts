import { z } from 'zod';

// Changes the user asks a pool to make (SBI's UPDATE endpoints); the model types are in shared/model/pool-actions.ts.

const groupName = z.string().min(1).max(200);

export const PoolActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clear-inactive-workers'), group: groupName }).strict(),
  z.object({ kind: z.literal('switch-coin'), group: groupName, coin: z.string().regex(/^[A-Z0-9]{2,10}$/, 'a coin code such as BTC') }).strict(),
]);

export const PoolActionGroupSchema = z.object({
  name: z.string(),
  coin: z.string().nullable(),
  coins: z.array(z.string()),
  deadWorkers: z.number().int().nonnegative(),
  deadWorkerNames: z.array(z.string()),
});

export const PoolActionOfferSchema = z.object({
  accountId: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
  groups: z.array(PoolActionGroupSchema),
});

export const PoolActionResultSchema = z.object({
  ok: z.boolean(),
  httpStatus: z.number().int().nullable(),
  message: z.string(),
});
