import type { PoolAdapter } from '../adapter';
import { createWebMinePoolAdapter as createAdapter } from './webminepool-adapter';

/** The WebMinePool adapter: balance, unpaid hashes and site users, with rates derived from their hash counts. */
export function createWebMinePoolAdapter(): PoolAdapter | null {
  return createAdapter();
}
