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
} from './schemas';

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
} as const;

/** Every message the engine pushes to the UI, by channel name. */
export const eventChannels = {
  'state:account': AccountSummarySchema,
  'state:account-removed': z.object({ id: z.string() }),
  'state:workers-delta': WorkersDeltaSchema,
  'state:paused': z.object({ paused: z.boolean() }),
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['response']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;

export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requestChannels, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}
