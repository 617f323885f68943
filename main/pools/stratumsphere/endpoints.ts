import { z } from 'zod';
import { aliased, firstOf, lenientId, optionalFlag, optionalKeyword, optionalNumber, optionalText } from './lenient-values';

// Every Stratumsphere endpoint PoolWatch calls, with its path and response shape, in one place.
// The public reference stops at a help index (shared/pool-apis/stratumsphere-help-index.txt); what is known
// comes from public client code (NOTES.md). Fields marked "assumed" are not confirmed: when the live API
// differs, correct the names here and nothing else needs to change.
//
// | Call                          | Envelope                  | Confirmed fields                                        |
// |-------------------------------|---------------------------|---------------------------------------------------------|
// | GET v1/schedulers             | {success, data} or flat   | none beyond the path; the whole item shape is assumed   |
// | GET v1/scheduler-rental/{id}  | flat or {success, data}   | isStable, hashrate, rejectedHashesPerSeconds,           |
// |                               |                           | connections_count (public client reads them flat)       |
//
// Assumed: each scheduler lists its rentals as `rentals` (also `scheduler_rentals`, `schedulerRentals`):
// an array of ids, or of objects with an `id` and optionally `title` and the rental figures. Rentals listed
// with their figures (hashrate and connections_count) are not fetched again; the rest cost one
// GET v1/scheduler-rental/{id} each. Assumed: `hashrate` counts accepted work, so the reject rate is
// rejected / (hashrate + rejected); `averageHashrate` (scheduler or rental) is taken as a 24-hour figure.

/** Prefix of every API path; the account's base URL is the host (POOLS.stratumsphere.defaultBaseUrl). */
export const API_PREFIX = 'v1/';

export interface StratumsphereEndpoint<T> {
  /** Relative to the base URL, including API_PREFIX. */
  path: string;
  /** What the user would call this data, for messages: "the scheduler list". */
  what: string;
  /** Parses the body after the {success, data} envelope is removed. */
  schema: z.ZodType<T>;
}

/** Hashrates in H/s as the scheduler list reports them; null where absent. */
export interface SchedulerHashrates {
  totalHps: number | null;
  personalHps: number | null;
  rentedHps: number | null;
  averageHps: number | null;
  rejectedHps: number | null;
}

/** One rental's live figures, H/s. */
export interface RentalFigures {
  id: string | null;
  name: string | null;
  hashrateHps: number | null;
  averageHps: number | null;
  acceptedHps: number | null;
  rejectedHps: number | null;
  connections: number | null;
  stable: boolean | null;
}

/** A rental as the scheduler list names it; `figures` is set when the list already carries them. */
export interface RentalRef {
  id: string;
  name: string | null;
  figures: RentalFigures | null;
}

export interface SchedulerInfo {
  id: string;
  name: string | null;
  /** `miners` or `threshold`, kept as sent. */
  type: string | null;
  /** `SHA256`, `X11`, `scrypt`, `ethash`, kept as sent. */
  algorithm: string | null;
  /** `us-central`, `europe`, kept as sent. */
  location: string | null;
  hashrate: SchedulerHashrates;
  /** null when the list says nothing about rentals. */
  rentals: RentalRef[] | null;
}

// Field names, first spelling preferred. Only these lists need editing when the live API differs.
const SCHEDULER_FIELDS = {
  name: ['name', 'title'],
  type: ['type', 'scheduler_type', 'schedulerType'],
  algorithm: ['algorithm'],
  location: ['location'],
  totalHps: ['totalHashrate', 'total_hashrate', 'hashrate'],
  personalHps: ['personalHashrate', 'personal_hashrate'],
  rentedHps: ['rentedHashrate', 'rented_hashrate'],
  averageHps: ['averageHashrate', 'average_hashrate'],
  rejectedHps: ['rejectedHashrate', 'rejected_hashrate', 'rejectedHashesPerSeconds'],
  rentals: ['rentals', 'scheduler_rentals', 'schedulerRentals'],
} as const;

const RENTAL_FIELDS = {
  name: ['title', 'name'],
  hashrateHps: ['hashrate'],
  averageHps: ['averageHashrate', 'average_hashrate'],
  acceptedHps: ['acceptedHashesPerSeconds', 'accepted_hashrate'],
  rejectedHps: ['rejectedHashesPerSeconds', 'rejected_hashrate', 'rejectedHashrate'],
  connections: ['connections_count', 'connectionsCount'],
  stable: ['isStable', 'is_stable'],
} as const;

const rentalFields = {
  id: lenientId.optional(),
  ...aliased(RENTAL_FIELDS.name, optionalText),
  ...aliased(RENTAL_FIELDS.hashrateHps, optionalNumber),
  ...aliased(RENTAL_FIELDS.averageHps, optionalNumber),
  ...aliased(RENTAL_FIELDS.acceptedHps, optionalNumber),
  ...aliased(RENTAL_FIELDS.rejectedHps, optionalNumber),
  ...aliased(RENTAL_FIELDS.connections, optionalNumber),
  ...aliased(RENTAL_FIELDS.stable, optionalFlag),
};

function hasAnyKey(record: Readonly<Record<string, unknown>>, names: readonly string[]): boolean {
  return names.some((name) => name in record);
}

/** True when a rental object carries the figures a detail request would give. */
function carriesFigures(record: Readonly<Record<string, unknown>>): boolean {
  return hasAnyKey(record, RENTAL_FIELDS.hashrateHps) && hasAnyKey(record, RENTAL_FIELDS.connections);
}

function toFigures(parsed: Readonly<Record<string, unknown>>): RentalFigures {
  const count = firstOf<number>(parsed, RENTAL_FIELDS.connections);
  return {
    id: (parsed.id as string | undefined) ?? null,
    name: firstOf<string>(parsed, RENTAL_FIELDS.name),
    hashrateHps: firstOf<number>(parsed, RENTAL_FIELDS.hashrateHps),
    averageHps: firstOf<number>(parsed, RENTAL_FIELDS.averageHps),
    acceptedHps: firstOf<number>(parsed, RENTAL_FIELDS.acceptedHps),
    rejectedHps: firstOf<number>(parsed, RENTAL_FIELDS.rejectedHps),
    connections: count === null ? null : Math.max(0, Math.round(count)),
    stable: firstOf<boolean>(parsed, RENTAL_FIELDS.stable),
  };
}

/** GET v1/scheduler-rental/{id}: the four confirmed fields; hashrate and connections_count must be present. */
export const rentalDetailSchema: z.ZodType<RentalFigures> = z
  .object(rentalFields)
  .passthrough()
  .superRefine((record, ctx) => {
    for (const names of [RENTAL_FIELDS.hashrateHps, RENTAL_FIELDS.connections]) {
      if (!hasAnyKey(record, names)) ctx.addIssue({ code: 'custom', path: [names[0]], message: 'missing' });
    }
  })
  .transform(toFigures);

const rentalRefSchema: z.ZodType<RentalRef> = z.union([
  lenientId.transform((id): RentalRef => ({ id, name: null, figures: null })),
  z
    .object({ ...rentalFields, id: lenientId })
    .passthrough()
    .transform((record): RentalRef => {
      const figures = toFigures(record);
      return { id: record.id, name: figures.name, figures: carriesFigures(record) ? figures : null };
    }),
]);

const schedulerSchema: z.ZodType<SchedulerInfo> = z
  .object({
    id: lenientId,
    ...aliased(SCHEDULER_FIELDS.name, optionalText),
    ...aliased(SCHEDULER_FIELDS.type, optionalKeyword),
    ...aliased(SCHEDULER_FIELDS.algorithm, optionalKeyword),
    ...aliased(SCHEDULER_FIELDS.location, optionalKeyword),
    ...aliased(SCHEDULER_FIELDS.totalHps, optionalNumber),
    ...aliased(SCHEDULER_FIELDS.personalHps, optionalNumber),
    ...aliased(SCHEDULER_FIELDS.rentedHps, optionalNumber),
    ...aliased(SCHEDULER_FIELDS.averageHps, optionalNumber),
    ...aliased(SCHEDULER_FIELDS.rejectedHps, optionalNumber),
    ...aliased(SCHEDULER_FIELDS.rentals, z.array(rentalRefSchema).nullish()),
  })
  .passthrough()
  .transform((raw): SchedulerInfo => ({
    id: raw.id,
    name: firstOf<string>(raw, SCHEDULER_FIELDS.name),
    type: firstOf<string>(raw, SCHEDULER_FIELDS.type),
    algorithm: firstOf<string>(raw, SCHEDULER_FIELDS.algorithm),
    location: firstOf<string>(raw, SCHEDULER_FIELDS.location),
    hashrate: {
      totalHps: firstOf<number>(raw, SCHEDULER_FIELDS.totalHps),
      personalHps: firstOf<number>(raw, SCHEDULER_FIELDS.personalHps),
      rentedHps: firstOf<number>(raw, SCHEDULER_FIELDS.rentedHps),
      averageHps: firstOf<number>(raw, SCHEDULER_FIELDS.averageHps),
      rejectedHps: firstOf<number>(raw, SCHEDULER_FIELDS.rejectedHps),
    },
    rentals: firstOf<RentalRef[]>(raw, SCHEDULER_FIELDS.rentals),
  }));

/** The list may be the body itself or sit under one of these keys (inside or outside the envelope). */
const LIST_KEYS = ['schedulers', 'data', 'items', 'results'] as const;

function listFrom(body: unknown): unknown {
  if (Array.isArray(body) || !isRecord(body)) return body;
  for (const key of LIST_KEYS) {
    const value = body[key];
    if (Array.isArray(value)) return value;
  }
  return body;
}

export const schedulerListSchema: z.ZodType<SchedulerInfo[]> = z.preprocess(listFrom, z.array(schedulerSchema));

export const SCHEDULERS_ENDPOINT: StratumsphereEndpoint<SchedulerInfo[]> = {
  path: `${API_PREFIX}schedulers`,
  what: 'the scheduler list',
  schema: schedulerListSchema,
};

export function rentalEndpoint(rentalId: string): StratumsphereEndpoint<RentalFigures> {
  return {
    path: `${API_PREFIX}scheduler-rental/${encodeURIComponent(rentalId)}`,
    what: `rental ${rentalId}`,
    schema: rentalDetailSchema,
  };
}

// Envelopes and error bodies.

const ENVELOPE_KEYS = new Set(['success', 'data', 'message', 'status', 'code']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{success, data}` (or `{data}` with only envelope keys beside it) becomes `data`; a flat body stays as it is. */
export function unwrapEnvelope(body: unknown): unknown {
  if (!isRecord(body) || !('data' in body)) return body;
  const onlyEnvelope = Object.keys(body).every((key) => ENVELOPE_KEYS.has(key));
  return 'success' in body || onlyEnvelope ? body.data : body;
}

/** True when the body says `success: false` (also 0, "false", "0"). */
export function reportsFailure(body: unknown): boolean {
  if (!isRecord(body) || !('success' in body)) return false;
  const flag = body.success;
  return flag === false || flag === 0 || flag === 'false' || flag === '0';
}

const ERROR_ONLY_KEYS = new Set(['error', 'message', 'status', 'code', 'success', 'statusCode', 'errors']);

/** A body that is nothing but an error (`{"error": "invalid key"}`), whatever the HTTP status. */
export function isErrorOnlyBody(body: unknown): boolean {
  if (!isRecord(body) || errorText(body) === null) return false;
  return Object.keys(body).every((key) => ERROR_ONLY_KEYS.has(key)) && (typeof body.error === 'string' || reportsFailure(body));
}

/** The pool's explanation from `error` or `message`; null when neither is text. */
export function errorText(body: unknown): string | null {
  if (!isRecord(body)) return null;
  for (const value of [body.error, body.message, isRecord(body.error) ? body.error.message : undefined]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** The pool's wording when a key is wrong or was reset (any HTTP status, 200 included). */
export function saysInvalidKey(text: string | null): boolean {
  return text !== null && /invalid[\s_-]*(api[\s_-]*)?key/i.test(text);
}
