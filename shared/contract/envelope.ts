import { z } from 'zod';
import {
  eventChannels,
  isEventChannel,
  isRequestChannel,
  requestChannels,
  type EventChannel,
  type ReceivedEventOf,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from './channels';
import { describeIssues } from './describe-issues';
import { readAccountEvent, readEngineState, readWorkerList, readWorkersDelta, type ReadResult } from './per-account-reading';

export const ERROR_CODES = ['invalid_request', 'not_found', 'keychain_unavailable', 'config_error', 'internal'] as const;
export type ContractErrorCode = (typeof ERROR_CODES)[number];

/** An error the engine reports to the UI: a code for the program, a sentence for the person. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export const ErrorBodySchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** How a request's outcome crosses a transport: a value or an error, never a thrown object. */
export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorBodySchema }),
]);
export type ResultEnvelope = z.infer<typeof ResultEnvelopeSchema>;

/** Responses that carry many accounts' or workers' data are read entry by entry (see per-account-reading). */
const RESPONSE_READERS: { [C in RequestChannel]?: (value: unknown) => ReadResult<ResponseOf<C>> } = {
  'state:get': readEngineState,
  'workers:get': readWorkerList,
};

/** Events about one account: one that does not read becomes a notice about that account where possible. */
const EVENT_READERS: { [C in EventChannel]?: (payload: unknown) => ReceivedEventOf<C> | null } = {
  'state:account': readAccountEvent,
  'state:workers-delta': readWorkersDelta,
};

function readResponse<C extends RequestChannel>(channel: C, value: unknown): ReadResult<ResponseOf<C>> {
  const reader = RESPONSE_READERS[channel] as ((value: unknown) => ReadResult<ResponseOf<C>>) | undefined;
  if (reader !== undefined) return reader(value);
  return requestChannels[channel].response.safeParse(value) as ReadResult<ResponseOf<C>>;
}

/** The request schemas seen per channel, so indexing with a generic channel keeps its type (checked here, not cast). */
const requestSchemas: { readonly [C in RequestChannel]: { readonly request: z.ZodType<RequestOf<C>> } } = requestChannels;

/** Validates a request payload received by the engine. Throws ContractError('invalid_request'). */
export function parseRequest<C extends RequestChannel>(channel: C, payload: unknown): RequestOf<C> {
  if (!isRequestChannel(channel)) throw new ContractError('invalid_request', `Unknown channel "${String(channel)}".`);
  const parsed = requestSchemas[channel].request.safeParse(payload);
  if (!parsed.success) {
    throw new ContractError('invalid_request', `Invalid ${channel} request: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** Validates a response received by the UI. Throws ContractError('internal') on a mismatch. */
export function parseResponse<C extends RequestChannel>(channel: C, envelope: unknown): ResponseOf<C> {
  const outer = ResultEnvelopeSchema.safeParse(envelope);
  if (!outer.success) throw new ContractError('internal', `Malformed ${channel} response from the engine.`);
  if (!outer.data.ok) throw new ContractError(outer.data.error.code, outer.data.error.message);
  const parsed = readResponse(channel, outer.data.value);
  if (!parsed.success) {
    throw new ContractError('internal', `Invalid ${channel} response from the engine: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * Validates an event payload received by the UI; returns null (and the caller drops it) when invalid.
 * An account's summary that does not read arrives as an UnreadableAccount naming it and what was wrong.
 */
export function parseEvent<C extends EventChannel>(channel: C, payload: unknown): ReceivedEventOf<C> | null {
  if (!isEventChannel(channel)) return null;
  const reader = EVENT_READERS[channel] as ((payload: unknown) => ReceivedEventOf<C> | null) | undefined;
  if (reader !== undefined) return reader(payload);
  const parsed = eventChannels[channel].safeParse(payload);
  return parsed.success ? (parsed.data as ReceivedEventOf<C>) : null;
}

export function toErrorEnvelope(error: unknown): ResultEnvelope {
  if (error instanceof ContractError) return { ok: false, error: { code: error.code, message: error.message } };
  // Unknown errors are reported without their stack or internals: those can hold paths or secrets.
  return { ok: false, error: { code: 'internal', message: 'The engine failed to handle the request; see the log.' } };
}
