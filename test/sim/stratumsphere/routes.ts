// The simulated Stratumsphere v1 API: the calls public client code makes (NOTES.md), with validation of the
// case-sensitive keywords on the calls that take them.
import type { SimResponse } from '../common/http-io';
import { failure, validationError, type InvalidKeyStyle } from './api-errors';
import { ALGORITHMS, isKeyword, LOCATIONS, SCHEDULER_TYPES } from './keywords';
import { envelope, rentalJson, schedulerJson } from './wire';
import { addRental, addScheduler, findRental, findScheduler, removeRental, type StratumsphereWorld } from './world';

export interface RouteContext {
  readonly world: StratumsphereWorld;
  readonly nowMs: number;
  /** numeric path parameters, in order */
  readonly params: readonly number[];
  /** the JSON object body; answers 400 itself when the body is not one */
  readJson(): Promise<Record<string, unknown>>;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** how this call reports a wrong key */
  invalidKey: InvalidKeyStyle;
  handler(ctx: RouteContext): SimResponse | Promise<SimResponse>;
}

const RENTAL_PATH = /^\/v1\/scheduler-rental\/(\d+)$/;
const SCHEDULERS_PATH = /^\/v1\/schedulers$/;
const NEW_RENTAL_PATH = /^\/v1\/scheduler\/(\d+)\/scheduler-rentals$/;

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', pattern: SCHEDULERS_PATH, invalidKey: 'ok-body', handler: listSchedulers },
  { method: 'POST', pattern: SCHEDULERS_PATH, invalidKey: 'forbidden', handler: createScheduler },
  { method: 'GET', pattern: RENTAL_PATH, invalidKey: 'unauthorized', handler: getRental },
  { method: 'PUT', pattern: RENTAL_PATH, invalidKey: 'forbidden', handler: updateRental },
  { method: 'DELETE', pattern: RENTAL_PATH, invalidKey: 'forbidden', handler: deleteRental },
  { method: 'POST', pattern: NEW_RENTAL_PATH, invalidKey: 'forbidden', handler: createRental },
];

function listSchedulers(ctx: RouteContext): SimResponse {
  const list = ctx.world.schedulers.map((scheduler) => schedulerJson(ctx.world, scheduler, ctx.nowMs));
  return { status: 200, body: ctx.world.envelopes.schedulers === 'wrapped' ? envelope(list) : list };
}

async function createScheduler(ctx: RouteContext): Promise<SimResponse> {
  const body = await ctx.readJson();
  const errors: Record<string, string[]> = {};
  const name = text(body, 'name', errors);
  if (!isKeyword(SCHEDULER_TYPES, body.scheduler_type)) errors.scheduler_type = ['The selected scheduler type is invalid.'];
  if (!isKeyword(ALGORITHMS, body.algorithm)) errors.algorithm = ['The selected algorithm is invalid.'];
  if (!isKeyword(LOCATIONS, body.location)) errors.location = ['The selected location is invalid.'];
  const threshold = body.threshold === undefined ? undefined : count(body, 'threshold', errors);
  if (Object.keys(errors).length > 0 || name === null) return validationError(errors);
  const scheduler = addScheduler(ctx.world, {
    name,
    type: body.scheduler_type as never,
    algorithm: body.algorithm as never,
    location: body.location as never,
    ...(threshold !== undefined && threshold !== null && { thresholdHps: threshold }),
  });
  return { status: 200, body: envelope({ id: scheduler.id }) };
}

function rentalOr404(ctx: RouteContext) {
  const rental = findRental(ctx.world, ctx.params[0] ?? -1);
  if (!rental) return { rental: null, response: failure(404, 'Rental not found') };
  return { rental, response: null };
}

function getRental(ctx: RouteContext): SimResponse {
  const { rental, response } = rentalOr404(ctx);
  if (!rental) return response;
  const body = rentalJson(rental, ctx.nowMs);
  return { status: 200, body: ctx.world.envelopes.rental === 'wrapped' ? envelope(body) : body };
}

const EDITABLE_TEXT = ['title', 'host', 'user', 'password'] as const;

async function updateRental(ctx: RouteContext): Promise<SimResponse> {
  const { rental, response } = rentalOr404(ctx);
  if (!rental) return response;
  const body = await ctx.readJson();
  const errors: Record<string, string[]> = {};
  const updates: Partial<Record<(typeof EDITABLE_TEXT)[number], string>> = {};
  for (const field of EDITABLE_TEXT) {
    if (body[field] === undefined) continue;
    const value = text(body, field, errors);
    if (value !== null) updates[field] = value;
  }
  const workers = body.workerNumberMaintained === undefined ? undefined : count(body, 'workerNumberMaintained', errors);
  if (Object.keys(errors).length > 0) return validationError(errors);
  Object.assign(rental, updates);
  if (workers !== undefined && workers !== null) rental.workerNumberMaintained = workers;
  return { status: 200, body: { success: true, message: 'Rental updated' } };
}

function deleteRental(ctx: RouteContext): SimResponse {
  const { rental, response } = rentalOr404(ctx);
  if (!rental) return response;
  removeRental(ctx.world, rental.id);
  return { status: 200, body: envelope({ id: rental.id }) };
}

async function createRental(ctx: RouteContext): Promise<SimResponse> {
  const scheduler = findScheduler(ctx.world, ctx.params[0] ?? -1);
  if (!scheduler) return failure(404, 'Scheduler not found');
  const body = await ctx.readJson();
  const errors: Record<string, string[]> = {};
  const title = text(body, 'title', errors);
  const host = text(body, 'host', errors);
  const user = text(body, 'user', errors);
  const password = body.password === undefined ? 'x' : text(body, 'password', errors);
  const workers = body.workerNumberMaintained === undefined ? 1 : count(body, 'workerNumberMaintained', errors);
  if (Object.keys(errors).length > 0 || title === null || host === null || user === null || password === null || workers === null) return validationError(errors);
  const rental = addRental(ctx.world, scheduler.id, {
    title,
    host,
    user,
    password,
    workerNumberMaintained: workers,
    // the public client sends 'false' as a string
    isPersonal: body.isPersonal === true || body.isPersonal === 'true' || body.isPersonal === 1 || body.isPersonal === '1',
  });
  return { status: 200, body: envelope({ id: rental.id }) };
}

function text(body: Record<string, unknown>, field: string, errors: Record<string, string[]>): string | null {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    errors[field] = [`The ${field} field is required.`];
    return null;
  }
  if (value.length > 255) {
    errors[field] = [`The ${field} may not be greater than 255 characters.`];
    return null;
  }
  return value;
}

/** A non-negative integer, also as a numeric string ('2'), as the API's clients send them. */
function count(body: Record<string, unknown>, field: string, errors: Record<string, string[]>): number | null {
  const raw = body[field];
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    errors[field] = [`The ${field} must be an integer.`];
    return null;
  }
  return value;
}
