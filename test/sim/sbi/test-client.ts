// Small fetch helpers and response shapes for tests that talk to the SBI simulator over HTTP.
import { jsonOf, withStarted } from '../common/test-client';
import { startSbiSim } from './index';
import type { SpringPage } from './spring-page';
import type { SbiSim, SbiSimKey, SbiSimOptions } from './types';

/** mid-month, midday UTC: month defaults and "today" are unambiguous */
export const SBI_TEST_BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);

export const SMALL_SBI_ACCOUNT: NonNullable<SbiSimOptions['subaccounts']> = [
  { name: 'alpha', coin: 'BTC', workers: 50, deadShare: 0.2, offlineShare: 0.1 },
  { name: 'beta', coin: 'BCH', workers: 12 },
  { name: 'gamma', coin: 'BTC', workers: 10 },
];

export type SbiPage<T> = SpringPage<T>;

export interface SbiWorkerRow {
  name: string;
  state: string;
  lastShareTime: string;
  subaccountId: number;
  subaccount: string;
  hashrates: number[];
}

export interface SbiStatusCounts {
  online: number;
  offline: number;
  dead: number;
}

/** Starts a simulator on a fixed clock, runs the test, always closes it. */
export function withSbiSim(options: SbiSimOptions, run: (sim: SbiSim) => Promise<void>): Promise<void> {
  return withStarted(startSbiSim({ now: () => SBI_TEST_BASE_MS, seed: 7, ...options }), run);
}

export interface SbiCallOptions {
  /** default: the full key; null sends no key headers */
  key?: Pick<SbiSimKey, 'apiKey' | 'apiSecret'> | null;
  method?: string;
  accept?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export function sbiCall(sim: SbiSim, path: string, options: SbiCallOptions = {}): Promise<Response> {
  const key = options.key === undefined ? sim.fullKey : options.key;
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
  if (key) {
    headers['X-API-Key'] = key.apiKey;
    headers['X-API-Secret'] = key.apiSecret;
  }
  return fetch(`${sim.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined && { body: options.body }),
    ...(options.signal && { signal: options.signal }),
  });
}

export async function sbiJson<T>(sim: SbiSim, path: string, options: SbiCallOptions = {}): Promise<{ status: number; body: T; response: Response }> {
  return jsonOf<T>(await sbiCall(sim, path, options));
}

export function observerCall(sim: SbiSim, path: string, observerKey: string, accept = 'application/json'): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: { 'X-observer-key': observerKey, Accept: accept } });
}

export function observerKeyOf(sim: SbiSim, subaccount: string): string {
  const found = sim.observerKeys.find((observer) => observer.subaccount === subaccount);
  if (!found) throw new Error(`no observer key for ${subaccount}`);
  return found.key;
}

export function isoDay(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}
