// Small fetch helpers and response shapes for tests that talk to the Stratumsphere simulator over HTTP.
import { jsonOf, withStarted } from '../common/test-client';
import { startStratumsphereSim } from './index';
import type { StratumsphereSim, StratumsphereSimOptions } from './types';

/** mid-month, midday UTC, on a session boundary */
export const STRATUMSPHERE_TEST_BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);

export const SMALL_STRATUMSPHERE_ACCOUNT: NonNullable<StratumsphereSimOptions['schedulers']> = [
  { name: 'M2M', type: 'miners', algorithm: 'SHA256', location: 'us-central', rentals: 4 },
  { name: 'Threshold', type: 'threshold', algorithm: 'scrypt', location: 'europe', rentals: 3 },
];

export interface SchedulerItem {
  id: number;
  name: string;
  type: string;
  algorithm: string;
  location: string;
  personalHashrate: number;
  rentedHashrate: string;
  totalHashrate: number;
  averageHashrate: number;
  rejectedHashrate: string;
  threshold?: number;
  rentals: Array<number | { id: string; title: string }>;
}

export interface RentalBody {
  id: number;
  scheduler_id: number;
  title: string;
  host: string;
  user: string;
  password: string;
  workerNumberMaintained: number;
  isPersonal: boolean;
  isStable: boolean;
  hashrate: number;
  rejectedHashesPerSeconds: number | string;
  connections_count: string;
  created_at: string;
}

export interface Wrapped<T> {
  success: boolean;
  data: T;
}

/** Starts a simulator on a fixed clock, runs the test, always closes it. */
export function withStratumsphereSim(options: StratumsphereSimOptions, run: (sim: StratumsphereSim) => Promise<void>): Promise<void> {
  return withStarted(startStratumsphereSim({ now: () => STRATUMSPHERE_TEST_BASE_MS, seed: 7, ...options }), run);
}

export interface CallOptions {
  /** the Authorization header; default the current key; null sends none */
  authorization?: string | null;
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

export function ssCall(sim: StratumsphereSim, path: string, options: CallOptions = {}): Promise<Response> {
  const authorization = options.authorization === undefined ? sim.apiKey : options.authorization;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (authorization !== null) headers.Authorization = authorization;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${sim.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined && { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    ...(options.signal && { signal: options.signal }),
  });
}

export async function ssJson<T>(sim: StratumsphereSim, path: string, options: CallOptions = {}): Promise<{ status: number; body: T; response: Response }> {
  return jsonOf<T>(await ssCall(sim, path, options));
}

export async function schedulerList(sim: StratumsphereSim): Promise<SchedulerItem[]> {
  const { body } = await ssJson<Wrapped<SchedulerItem[]> | SchedulerItem[]>(sim, '/v1/schedulers');
  return Array.isArray(body) ? body : body.data;
}

export async function rentalBody(sim: StratumsphereSim, rentalId: number): Promise<RentalBody> {
  const { body } = await ssJson<RentalBody | Wrapped<RentalBody>>(sim, `/v1/scheduler-rental/${rentalId}`);
  return 'data' in body ? body.data : body;
}

export function control(sim: StratumsphereSim, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${sim.url}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
