import { z } from 'zod';
import {
  AccountIdSchema,
  AccountOptionsSchema,
  AlertSettingsSchema,
  CHANNEL_KINDS,
  ChannelDigestSchema,
  ChannelRoutesSchema,
  CredentialRefSchema,
  KeyExpiryDateSchema,
  PoolIdSchema,
  PollIntervalSecSchema,
  StoredAppSettingsSchema,
  DEFAULT_APP_SETTINGS,
  DEFAULT_NOT_HASHING_AFTER_MIN,
} from '../../shared/contract';

/** Default poll interval: once a minute is as fresh as the pools' own 10-minute averages need. */
export const DEFAULT_POLL_INTERVAL_SEC = DEFAULT_APP_SETTINGS.pollIntervalSec;

export const AccountConfigSchema = z
  .object({
    id: AccountIdSchema,
    pool: PoolIdSchema,
    label: z.string().trim().min(1),
    baseUrl: z.string().url().optional(),
    pollIntervalSec: PollIntervalSecSchema.optional(),
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
    /** Absent: every alert of the minimum severity. */
    routes: ChannelRoutesSchema.optional(),
    /** Absent: no summaries. */
    digest: ChannelDigestSchema.optional(),
  })
  .strict();
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;

/** http only to this machine: the URL's token (a Healthchecks check id) must not cross a network in the clear. */
function isHeartbeatUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** The heartbeat a dead-man's-switch service (Healthchecks and the like) expects after each poll round. */
export const WatchdogConfigSchema = z
  .object({
    /** The ping URL, or {"env": "NAME"} to keep its token out of the file. */
    url: z.union([
      z.string().refine(isHeartbeatUrl, 'must be an https:// URL (http:// only to 127.0.0.1 or localhost)'),
      z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }).strict(),
    ]),
    method: z.enum(['GET', 'POST']).default('GET'),
  })
  .strict();
export type WatchdogConfig = z.infer<typeof WatchdogConfigSchema>;

export const AppConfigSchema = z
  .object({
    accounts: z.array(AccountConfigSchema).default([]),
    /** Alert rules and thresholds; absent = the built-in defaults. */
    alerts: AlertSettingsSchema.optional(),
    channels: z.array(ChannelConfigSchema).default([]),
    /** Absent: no heartbeat. */
    watchdog: WatchdogConfigSchema.optional(),
    /** The Settings screen's choices (poll interval, theme, units, desktop start); absent ones take their defaults. */
    settings: StoredAppSettingsSchema.optional(),
  })
  .strict();
export type AppConfig = z.infer<typeof AppConfigSchema>;
/** A config as written by hand: defaults not yet applied. */
export type AppConfigInput = z.input<typeof AppConfigSchema>;

/** The interval of accounts that set none of their own: the user's default, else the built-in one. */
export function defaultPollIntervalSec(config: Pick<AppConfig, 'settings'>): number {
  return config.settings?.pollIntervalSec ?? DEFAULT_POLL_INTERVAL_SEC;
}

/** Minutes an online worker may show no 10-minute hashrate before it is "not hashing": the user's, else the default. */
export function notHashingAfterMin(config: Pick<AppConfig, 'settings'>): number {
  return config.settings?.notHashingAfterMin ?? DEFAULT_NOT_HASHING_AFTER_MIN;
}
