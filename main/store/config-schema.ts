import { z } from 'zod';
import { AccountIdSchema, AccountOptionsSchema, CredentialRefSchema, PoolIdSchema } from '../../shared/contract';

/** Default poll interval: once a minute is as fresh as the pools' own 10-minute averages need. */
export const DEFAULT_POLL_INTERVAL_SEC = 60;

export const AccountConfigSchema = z
  .object({
    id: AccountIdSchema,
    pool: PoolIdSchema,
    label: z.string().trim().min(1),
    baseUrl: z.string().url().optional(),
    pollIntervalSec: z.number().int().min(10).max(3600).optional(),
    credentials: z.record(z.string(), CredentialRefSchema),
    subaccounts: AccountOptionsSchema.shape.subaccounts,
  })
  .strict();
export type AccountConfig = z.infer<typeof AccountConfigSchema>;

export const AppConfigSchema = z
  .object({
    accounts: z.array(AccountConfigSchema).default([]),
  })
  .strict();
export type AppConfig = z.infer<typeof AppConfigSchema>;
