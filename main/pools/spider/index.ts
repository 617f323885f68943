import type { PoolAdapter } from '../adapter';
import { createSpiderAdapter as createAdapter } from './spider-adapter';

/** The Spider Pool adapter: signed requests, subaccount+coin groups, workers, history and profits. */
export function createSpiderAdapter(): PoolAdapter | null {
  return createAdapter();
}
