import { z } from 'zod';
import {
  AccountIdSchema,
  AccountOptionsSchema,
  AlertSettingsSchema,
  CHANNEL_KINDS,
  CredentialRefSchema,
  KeyExpiryDateSchema,
  PoolIdSchema,
} from '../../shared/contract';

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
    /** When the API key expires, YYYY-MM-DD (the pool shows it; SBI on its website). */
    keyExpiresOn: KeyExpiryDateSchema.optional(),
  })
  .strict();
export type AccountConfig = z.infer<typeof AccountConfigSchema>;

/** A notification channel; its secret fields (webhook URLs, tokens) are references like account credentials. */
export const ChannelConfigSchema = z
  .object({
    id: AccountIdSchema,
    kind: z.enum(CHANNEL_KINDS),
    label: z.string().trim().min(1),
    enabled: z.boolean().default(true),
    minSeverity: z.enum(['info', 'warning', 'critical']).default('warning'),
    settings: z.record(z.string(), z.string()).default({}),
    secrets: z.record(z.string(), CredentialRefSchema).default({}),
  })
  .strict();
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;

export const AppConfigSchema = z
  .object({
    accounts: z.array(AccountConfigSchema).default([]),
    /** Alert rules and thresholds; absent = the built-in defaults. */
    alerts: AlertSettingsSchema.optional(),
    channels: z.array(ChannelConfigSchema).default([]),
  })
  .strict();
export type AppConfig = z.infer<typeof AppConfigSchema>;
/** A config as written by hand: defaults not yet applied. */
export type AppConfigInput = z.input<typeof AppConfigSchema>;
