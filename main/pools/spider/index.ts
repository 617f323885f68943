import type { PoolAdapter } from '../adapter';

/** The Spider adapter; null until it is written (issue #3), which the engine reports as "not supported yet". */
export function createSpiderAdapter(): PoolAdapter | null {
  return null;
}
