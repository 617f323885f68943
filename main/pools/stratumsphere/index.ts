import type { PoolAdapter } from '../adapter';

/** The Stratumsphere adapter; null until it is written (issue #3), which the engine reports as "not supported yet". */
export function createStratumsphereAdapter(): PoolAdapter | null {
  return null;
}
