import type { PoolAdapter } from '../adapter';

/** The WebMinePool adapter; null until it is written (issue #3), which the engine reports as "not supported yet". */
export function createWebMinePoolAdapter(): PoolAdapter | null {
  return null;
}
