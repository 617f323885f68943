import { z } from 'zod';
import {
  AccountConfigViewSchema,
  AccountDraftSchema,
  AccountSummarySchema,
  ConnectionTestResultSchema,
  EngineStateSchema,
  SecretValuesSchema,
  WorkerListSchema,
  WorkersDeltaSchema,
  type UnreadableAccount,
} from './schemas';
import {
  ActiveAlertSchema,
  RetiredWorkersSchema,
  RETIRED_LISTED,
  AlertHistoryEntrySchema,
  AlertHistoryQuerySchema,
  AlertNotificationSchema,
  ChannelDraftSchema,
  ChannelTestResultSchema,
  ChannelViewSchema,
  SnoozeTargetSchema,
  SnoozeViewSchema,
} from './alert-schemas';
import { IsoTimeQuerySchema } from './iso-time';
import { PoolActionOfferSchema, PoolActionResultSchema, PoolActionSchema } from './pool-action-schemas';
import { AlertSettingsSchema } from './alert-settings';
import { AppSettingsSchema, AppSettingsViewSchema } from './app-settings';
import {
  EarningsHistorySchema,
  ExportRequestSchema,
  ExportResultSchema,
  HashrateHistorySchema,
  HistoryRangeSchema,
  HistoryScopeSchema,
  WorkerStatesHistorySchema,
} from './history-schemas';

/**
 * Every request the UI can make of the engine, by channel name (`domain:verb`).
 * Both transports (Electron IPC and the headless WebSocket) carry exactly these, validated on receipt.
 */
export const requestChannels = {
  'accounts:list': { request: z.object({}).strict(), response: z.array(AccountConfigViewSchema) },
  'accounts:save': {
    request: z.object({ account: AccountDraftSchema, secrets: SecretValuesSchema }).strict(),
    response: AccountConfigViewSchema,
  },
  'accounts:remove': { request: z.object({ id: z.string() }).strict(), response: z.object({ removed: z.boolean() }) },
  'accounts:test': {
    request: z.object({ account: AccountDraftSchema, secrets: SecretValuesSchema }).strict(),
    response: ConnectionTestResultSchema,
  },
  'state:get': { request: z.object({}).strict(), response: EngineStateSchema },
  'workers:get': { request: z.object({ accountId: z.string() }).strict(), response: WorkerListSchema },
  'engine:set-paused': {
    request: z.object({ paused: z.boolean() }).strict(),
    response: z.object({ paused: z.boolean() }),
  },
  'engine:poll-now': {
    request: z.object({ accountId: z.string().optional() }).strict(),
    response: z.object({ started: z.number().int() }),
  },
  'alerts:active': { request: z.object({}).strict(), response: z.array(ActiveAlertSchema) },
  /** `limit`: how many workers to name per account (default and most RETIRED_LISTED); 0 for the counts alone. */
  'alerts:retired': { request: z.object({ limit: z.number().int().min(0).max(RETIRED_LISTED).optional() }).strict(), response: z.array(RetiredWorkersSchema) },
  'alerts:history': { request: AlertHistoryQuerySchema, response: z.array(AlertHistoryEntrySchema) },
  'alerts:snooze': {
    /** minutes null = until resumed (mute). */
    request: z.object({ target: SnoozeTargetSchema, minutes: z.number().int().min(1).max(60 * 24 * 365).nullable() }).strict(),
    response: z.array(SnoozeViewSchema),
  },
  'alerts:unsnooze': { request: z.object({ target: SnoozeTargetSchema }).strict(), response: z.array(SnoozeViewSchema) },
  'alerts:snoozes': { request: z.object({}).strict(), response: z.array(SnoozeViewSchema) },
  'alerts:get-settings': { request: z.object({}).strict(), response: AlertSettingsSchema },
  'alerts:save-settings': { request: z.object({ settings: AlertSettingsSchema }).strict(), response: AlertSettingsSchema },
  'channels:list': { request: z.object({}).strict(), response: z.array(ChannelViewSchema) },
  'channels:save': {
    request: z.object({ channel: ChannelDraftSchema, secrets: SecretValuesSchema }).strict(),
    response: ChannelViewSchema,
  },
  'channels:remove': { request: z.object({ id: z.string() }).strict(), response: z.object({ removed: z.boolean() }) },
  'channels:test': {
    request: z.object({ channel: ChannelDraftSchema, secrets: SecretValuesSchema }).strict(),
    response: ChannelTestResultSchema,
  },
  'history:hashrate': {
    request: z.object({ scope: HistoryScopeSchema, range: HistoryRangeSchema }).strict(),
    response: HashrateHistorySchema,
  },
  'history:worker-states': {
    request: z.object({ scope: HistoryScopeSchema, range: HistoryRangeSchema }).strict(),
    response: WorkerStatesHistorySchema,
  },
  'history:earnings': {
    request: z.object({ accountId: z.string().optional(), from: IsoTimeQuerySchema, to: IsoTimeQuerySchema }).strict(),
    response: EarningsHistorySchema,
  },
  'export:csv': { request: ExportRequestSchema, response: ExportResultSchema },
  'settings:get': { request: z.object({}).strict(), response: AppSettingsViewSchema },
  'settings:save': { request: z.object({ settings: AppSettingsSchema }).strict(), response: AppSettingsViewSchema },
  /** What the account's key may change on the pool (SBI: with the UPDATE permission only). */
  'actions:offer': { request: z.object({ accountId: z.string() }).strict(), response: PoolActionOfferSchema },
  /** Sends one change, after the user confirmed it; the answer is the pool's. */
  'actions:run': { request: z.object({ accountId: z.string(), action: PoolActionSchema }).strict(), response: PoolActionResultSchema },
} as const;

/** Every message the engine pushes to the UI, by channel name. */
export const eventChannels = {
  'state:account': AccountSummarySchema,
  'state:account-removed': z.object({ id: z.string() }),
  'state:workers-delta': WorkersDeltaSchema,
  'state:paused': z.object({ paused: z.boolean() }),
  /** History stopped (or started again) being saved to disk: why, or null when it is saved again. */
  'state:history': z.object({ problem: z.string().nullable() }),
  /** A notification to show (headless: a browser notification). */
  'alerts:notification': AlertNotificationSchema,
  /** Active alerts or snoozes changed: the UI reloads them. */
  'alerts:changed': z.object({ active: z.number().int().nonnegative(), firing: z.number().int().nonnegative() }),
  /** The Settings screen's settings changed (saved in another window or tab, or edited in the config file). */
  'settings:changed': AppSettingsViewSchema,
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['response']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;
/** What the UI receives on an event channel: an account summary it cannot read arrives as an UnreadableAccount. */
export type ReceivedEventOf<C extends EventChannel> = C extends 'state:account' ? EventOf<C> | UnreadableAccount : EventOf<C>;

export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requestChannels, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}
