// Shared helpers for the SBI simulator integration tests.
import { startSbiSim, type SbiSim, type SbiSimKey, type SbiSimOptions } from '../sim/sbi/index';

/** mid-month, midday UTC: month defaults and "today" are unambiguous */
export const BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);

export const SMALL_ACCOUNT: NonNullable<SbiSimOptions['subaccounts']> = [
  { name: 'alpha', coin: 'BTC', workers: 50, deadShare: 0.2, offlineShare: 0.1 },
  { name: 'beta', coin: 'BCH', workers: 12 },
  { name: 'gamma', coin: 'BTC', workers: 10 },
];

export async function withSim(options: SbiSimOptions, run: (sim: SbiSim) => Promise<void>): Promise<void> {
  const sim = await startSbiSim({ now: () => BASE_MS, seed: 7, ...options });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

export interface CallOptions {
  key?: Pick<SbiSimKey, 'apiKey' | 'apiSecret'> | null;
  method?: string;
  accept?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export function call(sim: SbiSim, path: string, options: CallOptions = {}): Promise<Response> {
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

export async function getJson<T = any>(sim: SbiSim, path: string, options: CallOptions = {}): Promise<{ status: number; body: T; response: Response }> {
  const response = await call(sim, path, options);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, response };
}

export function observerCall(sim: SbiSim, path: string, observerKey: string, accept = 'application/json'): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: { 'X-observer-key': observerKey, Accept: accept } });
}

export function observerKeyOf(sim: SbiSim, subaccount: string): string {
  const found = sim.observerKeys.find((observer) => observer.subaccount === subaccount);
  if (!found) throw new Error(`no observer key for ${subaccount}`);
  return found.key;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
