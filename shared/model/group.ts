import type { HashrateWindows } from './hashrate';
import type { WorkerCounts } from './worker';

/** A set of workers the pool reports together: an SBI or Spider subaccount, a Stratumsphere scheduler. */
export interface Group {
  name: string;
  /** Coin code in upper case (BTC), or null where the group is not tied to a coin. */
  coin: string | null;
  hashrate: HashrateWindows;
  workers: WorkerCounts;
  /** Pool-specific facts worth showing, label -> value (Stratumsphere scheduler type, algorithm, location). */
  attributes?: Record<string, string>;
  /**
   * The pool account this group is, as the pool names it, the same whichever key reads it (full key, read-only
   * key, observer): "sbi:subaccount:batchtest". Two groups with one identity are one pool account, counted once
   * in totals. Absent where the pool gives nothing that identifies it across keys.
   */
  identity?: string;
}
