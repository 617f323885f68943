// Small fetch helpers for tests that talk to the WebMinePool simulator over HTTP.
import { jsonOf, withStarted } from '../common/test-client';
import { startWebMinePoolSim } from './index';
import type { WmpSim, WmpSimOptions } from './types';

/** midday UTC, so the rates' day bucket is unambiguous */
export const WMP_TEST_BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);

/** Starts a simulator on a fixed clock, runs the test, always closes it. */
export function withWmpSim(options: WmpSimOptions, run: (sim: WmpSim) => Promise<void>): Promise<void> {
  return withStarted(startWebMinePoolSim({ now: () => WMP_TEST_BASE_MS, seed: 7, ...options }), run);
}

/** GET /api/{key}/{method}/{params...}; the key defaults to the simulator's first one. */
export function wmpCall(sim: WmpSim, method: string, params: Array<string | number> = [], options: { key?: string; httpMethod?: string; signal?: AbortSignal } = {}): Promise<Response> {
  const key = options.key ?? sim.secretKey;
  const tail = [method, ...params.map(String)].map(encodeURIComponent).join('/');
  return fetch(`${sim.url}/api/${encodeURIComponent(key)}/${tail}`, {
    method: options.httpMethod ?? 'GET',
    ...(options.signal && { signal: options.signal }),
  });
}

export async function wmpJson<T = Record<string, unknown>>(sim: WmpSim, method: string, params: Array<string | number> = [], options: Parameters<typeof wmpCall>[3] = {}): Promise<{ status: number; body: T }> {
  const { status, body } = await jsonOf<T>(await wmpCall(sim, method, params, options));
  return { status, body };
}

export interface WmpUserRow {
  api_key: string;
  name: string;
  hashes: number;
}
