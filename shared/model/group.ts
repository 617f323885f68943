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
}
