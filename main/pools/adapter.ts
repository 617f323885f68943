import type {
  Balance,
  Group,
  HashrateSeries,
  HashrateWindows,
  Payout,
  PoolAction,
  PoolActionResult,
  PoolId,
  RevenueEstimate,
  StratumServerGroup,
  Worker,
} from '../../shared/model';
import type { HttpClient } from './http-client';

/** Everything one successful poll learned about an account, already normalized (H/s, ISO times). */
export interface PoolReading {
  poolAccountName: string | null;
  hashrate: HashrateWindows;
  groups: Group[];
  workers: Worker[];
  balances: Balance[];
  payouts: Payout[];
  revenue: RevenueEstimate[];
  stratumServers: StratumServerGroup[];
  /** The pool's own hashrate history, where it offers one (used to fill charts on first run). */
  history?: HashrateSeries[];
  /** Actual earnings per day, where the pool reports them (Spider day profit). */
  dailyEarnings?: RevenueEstimate[];
  /** What this key may not read, one sentence each; non-empty makes the account permission_limited. */
  limitations: string[];
  /** Values the pool sent that could not be true and are shown as unknown, one sentence each; the status stays ok. */
  notices?: string[];
}

/** What an adapter gets for one poll. */
export interface PollContext {
  baseUrl: string;
  /** Credential values by field name, resolved from the keychain or the environment just for this poll. */
  credentials: Readonly<Record<string, string>>;
  options: { subaccounts?: Array<{ name: string; coin: string }> | undefined };
  http: HttpClient;
  now: () => number;
  signal?: AbortSignal;
  /** The previous successful reading, for adapters that derive rates from counters. */
  previous: PoolReading | null;
}

/** What an adapter gets to take an action: the account's address and credentials, as for a poll. */
export type ActionContext = Pick<PollContext, 'baseUrl' | 'credentials' | 'http' | 'signal'>;

/** Changes a pool's API can make (SBI's UPDATE endpoints), where the key may. */
export interface PoolActions {
  /** Whether this key may make changes, asked of the pool without changing anything; a reason when it may not. */
  permitted(context: ActionContext): Promise<{ permitted: true } | { permitted: false; reason: string }>;
  /** Sends the change and reports the pool's answer; throws PoolError only when no answer came (or the key was rejected). */
  run(context: ActionContext, action: PoolAction): Promise<PoolActionResult>;
}

/** One pool's client: reads an account and maps it to the shared model. Throws PoolError when it cannot. */
export interface PoolAdapter {
  readonly pool: PoolId;
  poll(context: PollContext): Promise<PoolReading>;
  /** Checks credentials' form before any request (a private key that does not parse); returns a message or null. */
  validateCredentials?(credentials: Readonly<Record<string, string>>, mode: string): string | null;
  /** Turns a URL into one safe to log. */
  redactUrl?(url: string): string;
  /** Changes the pool can make on request; absent where its API offers none. */
  readonly actions?: PoolActions;
}
