// Public types of the WebMinePool simulator (re-exported by index.ts).
import type { FaultController } from '../common/faults';

/** The documented API methods, as they appear after /api/{secret_key}/. */
export const WMP_METHODS = [
  'set_token',
  'get_token',
  'users',
  'create_user',
  'delete_user',
  'user_hashes',
  'withdraw',
  'reset_user_hashes',
  'reset_all_user_hashes',
  'balance',
  'hashes',
  'wmc_rate',
  'hash_rate',
  'hash_rate_cli',
] as const;
export type WmpMethod = (typeof WMP_METHODS)[number];

/** 'success': {success, message} as the method docs show; 'status': {status, error} as the intro page says. */
export type WmpEnvelopeStyle = 'success' | 'status';
/** 'string': every number in a body is sent as a string, as PHP code reading a database often does. */
export type WmpNumberStyle = 'number' | 'string';

export interface WmpSimUserOption {
  name: string;
  /** index into the account's sites; default 0 */
  site?: number;
  /** hashes per second while mining */
  hps: number;
  /** default true */
  mining?: boolean;
  /** the user's hash balance at start; default 0 */
  hashes?: number;
  /** a user that is not mining last mined this long ago; default one hour */
  lastMinedAgoMs?: number;
}

export interface WmpSimOptions {
  /** default 0 = random free port, always bound to 127.0.0.1 */
  port?: number;
  now?: () => number;
  /** deterministic site keys, balances and rates; default 42 */
  seed?: number;
  /** number of sites (public site keys); default 2 */
  sites?: number;
  /** default: a small mixed account (see world.ts) */
  users?: WmpSimUserOption[];
  /** hashes per second mined without a user name: they count for the account only; default 500 */
  anonymousHps?: number;
  /** default 'success' */
  envelope?: WmpEnvelopeStyle;
  envelopeByMethod?: Partial<Record<WmpMethod, WmpEnvelopeStyle>>;
  /** default 'number' */
  numbers?: WmpNumberStyle;
  /** what hash_rate and hash_rate_cli price without an amount: the doc says both 1,000,000 and 1; default 1,000,000 */
  defaultHashAmount?: number;
}

export interface WmpSimRequestLogEntry {
  method: string;
  /** the path with the secret key segment replaced by [redacted] */
  path: string;
  query: Record<string, string>;
  status: number;
  atMs: number;
}

export interface WmpSimUserState {
  name: string;
  siteKey: string;
  hps: number;
  mining: boolean;
  hashes: number;
  lastMinedAtMs: number | null;
  /** whether /users lists it (mined within the last 3 days) */
  listed: boolean;
  referral: string | null;
}

export interface WmpSimRates {
  satoshiPerMillionWebHashes: number;
  satoshiPerMillionCliHashes: number;
  satoshiPerWmc: number;
}

export interface WmpSim {
  url: string;
  port: number;
  /** the first secret key; random per start */
  secretKey: string;
  /** every valid secret key */
  secretKeys(): string[];
  /** public site keys (users' api_key), not secrets */
  siteKeys: string[];
  addKey(): string;
  revokeKey(secretKey: string): void;
  /** Dashboard > Keys "refresh": the old key stops working, a new one is returned */
  refreshKey(secretKey: string): string;
  faults: FaultController;
  advanceClock(ms: number): void;
  nowMs(): number;
  startUser(name: string): void;
  stopUser(name: string): void;
  /** the user's hash balance to zero, as reset_user_hashes does */
  resetUser(name: string): void;
  withdraw(name: string, amount: number): void;
  addUser(spec: WmpSimUserOption): void;
  deleteUser(name: string): void;
  users(): WmpSimUserState[];
  userNames(): string[];
  /** WebMinePool's payout: the account's unpaid hashes become WMC on the balance */
  payHashes(): void;
  accountHashes(): number;
  balance(): number;
  rates(): WmpSimRates;
  setEnvelope(style: WmpEnvelopeStyle, method?: WmpMethod): void;
  setNumbers(style: WmpNumberStyle): void;
  /** last 1000 API requests (not /__sim); never holds a secret key */
  requestLog: WmpSimRequestLogEntry[];
  close(): Promise<void>;
}
