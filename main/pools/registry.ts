import { POOLS, type PoolId } from '../../shared/model';
import type { PoolAdapter, PollContext } from './adapter';
import { checkReading } from './reading-checks';
import { createHttpClient, type HttpClient, type HttpLimits } from './http-client';
import { createSbiAdapter, SBI_OBSERVER_BASE_URL } from './sbi/sbi-adapter';
import { createSpiderAdapter } from './spider';
import { createStratumsphereAdapter } from './stratumsphere';
import { createWebMinePoolAdapter } from './webminepool';

/** Creates the adapter for a pool (every PoolId has one); its readings are checked. */
export function createAdapter(pool: PoolId): PoolAdapter {
  const adapter = createUncheckedAdapter(pool);
  const poolName = POOLS[pool].name;
  // Every reading passes checkReading: no impossible number leaves an adapter, whichever pool sent it.
  return Object.assign(Object.create(adapter) as PoolAdapter, {
    poll: async (context: PollContext) => checkReading(await adapter.poll(context), poolName),
  });
}

function createUncheckedAdapter(pool: PoolId): PoolAdapter {
  switch (pool) {
    case 'sbi':
      return createSbiAdapter();
    case 'spider':
      return createSpiderAdapter();
    case 'webminepool':
      return createWebMinePoolAdapter();
    case 'stratumsphere':
      return createStratumsphereAdapter();
  }
}

/** The pool's address for a connection mode, unless the account overrides it. */
export function defaultBaseUrl(pool: PoolId, mode: string): string {
  if (pool === 'sbi' && mode === 'observer') return SBI_OBSERVER_BASE_URL;
  return POOLS[pool].defaultBaseUrl;
}

/** The HTTP client for an adapter's requests; `now` is the engine's clock (Retry-After dates). */
export function createPoolHttpClient(adapter: PoolAdapter, limits: Partial<HttpLimits> | undefined, now: () => number): HttpClient {
  return createHttpClient({
    poolName: POOLS[adapter.pool].name,
    now,
    ...(limits ? { limits } : {}),
    ...(adapter.redactUrl ? { redactUrl: adapter.redactUrl } : {}),
  });
}
