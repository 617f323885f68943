import { z } from 'zod';
import { IsoTimeSchema, KeyExpiryDateSchema } from './iso-time';
import { ACCOUNT_STATUSES, PAYOUT_STATUSES, POOL_IDS, WORKER_STATES } from '../model';

// A schema whose type shared/model also declares (Worker, AccountSummary...) is held equal to it in wire-types.ts.

const hps = z.number().finite().nonnegative();

export const HashrateWindowsSchema = z.object({
  h10m: hps.nullable(),
  h1h: hps.nullable(),
  h24h: hps.nullable(),
});

export const WorkerCountsSchema = z.object({
  online: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  dead: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  notHashing: z.number().int().nonnegative().optional(),
});

export const WorkerSchema = z.object({
  name: z.string(),
  group: z.string(),
  state: z.enum(WORKER_STATES),
  hashrate: HashrateWindowsSchema,
  lastShareAt: IsoTimeSchema.nullable(),
  rejectRate: z.number().finite().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  notHashingSince: IsoTimeSchema.optional(),
});

export const GroupSchema = z.object({
  name: z.string(),
  coin: z.string().nullable(),
  hashrate: HashrateWindowsSchema,
  workers: WorkerCountsSchema,
  attributes: z.record(z.string(), z.string()).optional(),
  identity: z.string().optional(),
});

const amountUnit = z.enum(['coin', 'base-unit']);
export const RawAmountSchema = z.object({ amount: z.number().finite(), unit: z.string() });

export const PayoutSchema = z.object({
  id: z.string(),
  coin: z.string(),
  amount: z.number().finite(),
  unit: amountUnit,
  status: z.enum(PAYOUT_STATUSES),
  txId: z.string().nullable(),
  at: IsoTimeSchema.nullable(),
  group: z.string().nullable(),
  raw: RawAmountSchema.nullable().optional(),
});

export const BalanceSchema = z.object({
  coin: z.string(),
  unpaid: z.number().finite(),
  unit: amountUnit,
  group: z.string().nullable(),
  totalEarned: z.number().finite().nullable().optional(),
  valueSatoshi: z.number().finite().nullable().optional(),
  raw: RawAmountSchema.nullable().optional(),
});

export const RevenueEstimateSchema = z.object({
  day: z.string(),
  coin: z.string(),
  amount: z.number().finite(),
  unit: amountUnit,
  group: z.string().nullable(),
  raw: RawAmountSchema.nullable().optional(),
  estimate: z.boolean().optional(),
});

export const StratumServerGroupSchema = z.object({ name: z.string(), coins: z.array(z.string()), urls: z.array(z.string()) });

export const PoolIdSchema = z.enum(POOL_IDS);

export const AccountSummarySchema = z.object({
  id: z.string(),
  pool: PoolIdSchema,
  label: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  message: z.string().nullable(),
  limitations: z.array(z.string()),
  stale: z.boolean(),
  lastGoodAt: IsoTimeSchema.nullable(),
  lastPollAt: IsoTimeSchema.nullable(),
  nextPollAt: IsoTimeSchema.nullable(),
  poolAccountName: z.string().nullable(),
  hashrate: HashrateWindowsSchema,
  workers: WorkerCountsSchema,
  groups: z.array(GroupSchema),
  balances: z.array(BalanceSchema),
  payouts: z.array(PayoutSchema),
  revenue: z.array(RevenueEstimateSchema),
  stratumServers: z.array(StratumServerGroupSchema),
});

/** Account ids appear in file names and keychain entries: keep them plain. */
export const AccountIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'account id: 1-63 lower-case letters, digits or dashes, starting with a letter or digit');

export const CredentialRefSchema = z.union([
  z.object({ keychain: z.literal(true) }).strict(),
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }).strict(),
]);

/** Pool-specific account options (Spider subaccounts to watch, for instance). */
export const AccountOptionsSchema = z
  .object({
    subaccounts: z.array(z.object({ name: z.string().min(1), coin: z.string().min(1) })).optional(),
  })
  .strict();

/** What the UI sends to create or change an account. Secrets travel separately and only towards the engine. */
export const AccountDraftSchema = z.object({
  id: AccountIdSchema.optional(),
  pool: PoolIdSchema,
  label: z.string().trim().min(1, 'a label is required').max(80),
  baseUrl: z.string().url().nullable().optional(),
  pollIntervalSec: z.number().int().min(10).max(3600).optional(),
  mode: z.string().min(1),
  options: AccountOptionsSchema.optional(),
  /** When the API key expires (optional; null clears it): the key-expiry rule warns before it. */
  keyExpiresOn: KeyExpiryDateSchema.nullable().optional(),
});
export type AccountDraft = z.infer<typeof AccountDraftSchema>;

/** Secret values keyed by field name; an empty or missing field keeps what the keychain holds. */
export const SecretValuesSchema = z.record(z.string(), z.string().max(16_384));

export const CredentialViewSchema = z.object({
  field: z.string(),
  source: z.enum(['keychain', 'env']),
  env: z.string().nullable(),
  /** Whether a value is there to use. The value itself never leaves the engine. */
  hasSecret: z.boolean(),
});

export const AccountConfigViewSchema = z.object({
  id: AccountIdSchema,
  pool: PoolIdSchema,
  label: z.string(),
  baseUrl: z.string().nullable(),
  pollIntervalSec: z.number().int(),
  mode: z.string(),
  options: AccountOptionsSchema,
  credentials: z.array(CredentialViewSchema),
  keyExpiresOn: z.string().nullable(),
});
export type AccountConfigView = z.infer<typeof AccountConfigViewSchema>;

export const ConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  status: z.enum(ACCOUNT_STATUSES),
  message: z.string().nullable(),
  limitations: z.array(z.string()),
  workers: WorkerCountsSchema.nullable(),
  groups: z.array(z.string()),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

/**
 * An account whose summary the UI received but could not read (a value out of range, a field missing):
 * named, with what was wrong. The UI's reader makes these so one account's bad data never hides the others.
 */
export const UnreadableAccountSchema = z.object({
  unreadable: z.literal(true),
  id: z.string(),
  label: z.string(),
  pool: PoolIdSchema.nullable(),
  problem: z.string(),
});
export type UnreadableAccount = z.infer<typeof UnreadableAccountSchema>;

/** Entries of a list (workers) that could not be read: how many, and the first few problems. */
export const UnreadableItemsSchema = z.object({ count: z.number().int().positive(), examples: z.array(z.string()) });
export type UnreadableItems = z.infer<typeof UnreadableItemsSchema>;

/** Where secrets typed in the UI are saved: the OS keychain, or the encrypted secrets file (its path) on a machine without one. */
export const SecretStoreInfoSchema = z.object({ kind: z.enum(['keychain', 'file']), file: z.string().nullable() }).strict();
export type SecretStoreInfo = z.infer<typeof SecretStoreInfoSchema>;

export const EngineStateSchema = z.object({
  paused: z.boolean(),
  accounts: z.array(AccountSummarySchema),
  /** Why history is kept in memory only (the database could not be opened); absent or null when it is on disk. */
  historyProblem: z.string().nullable().optional(),
  /** Accounts left out of `accounts` because their summary could not be read; absent when there are none. */
  unreadable: z.array(UnreadableAccountSchema).optional(),
  /** Where a secret typed in an account or channel form will be saved; absent from an engine that does not say. */
  secretStore: SecretStoreInfoSchema.optional(),
});
export type EngineState = z.infer<typeof EngineStateSchema>;

export const WorkerListSchema = z.object({
  accountId: z.string(),
  workers: z.array(WorkerSchema),
  /** Workers left out of `workers` because they could not be read; absent when there are none. */
  unreadable: UnreadableItemsSchema.optional(),
});

export const WorkersDeltaSchema = z.object({
  accountId: z.string(),
  upserted: z.array(WorkerSchema),
  removed: z.array(z.object({ group: z.string(), name: z.string() })),
  total: z.number().int().nonnegative(),
  /** Changes that could not be read: the UI's list is no longer exact and must be loaded again. */
  unreadable: UnreadableItemsSchema.optional(),
});
export type WorkersDelta = z.infer<typeof WorkersDeltaSchema>;
