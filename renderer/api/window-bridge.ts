import type { PoolWatchApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload (already validated there); absent in a plain browser. */
    poolwatch?: PoolWatchApi;
  }
}

export function electronBridge(): PoolWatchApi | null {
  const bridge = window.poolwatch;
  return typeof bridge === 'object' && bridge !== null ? bridge : null;
}
