// Public types of the Spider simulator (re-exported by index.ts).
import type { FaultController } from '../common/faults';
import type { SpiderCoin } from './coins';

export type { SpiderCoin } from './coins';

/** How the worker endpoint pages: newer endpoints use pageNum, older ones pageNumber; 'none' is the documented plain list. */
export type SpiderWorkerPaging = 'pageNum' | 'pageNumber' | 'none';

export interface SpiderSimKey {
  /** 32 upper-case hex characters, like Spider's */
  accessKey: string;
  /** bare base64 PKCS#8 DER, as Spider hands it out */
  privateKey: string;
  subaccounts: string[];
}

export interface SpiderSimCoinOption {
  coin: SpiderCoin;
  workers: number;
  /** share of workers silent for 10 min to 24 h */
  inactiveShare?: number;
  /** share of workers silent for more than 24 h */
  lostShare?: number;
}

export interface SpiderSimSubaccountOption {
  name: string;
  coins: SpiderSimCoinOption[];
}

export interface SpiderSimOptions {
  /** default 0 = random free port, always bound to 127.0.0.1 */
  port?: number;
  /** the server's clock; advanceClock moves the pool's data forward, not this clock */
  now?: () => number;
  /** deterministic pseudo-random data; default 42 */
  seed?: number;
  subaccounts?: SpiderSimSubaccountOption[];
  /** requests whose timestamp is further than this from the server's clock are refused; default 5 min */
  timestampWindowMs?: number;
  /** default 'pageNum' */
  workerPaging?: SpiderWorkerPaging;
  /** largest page the worker endpoint serves; default 50 */
  maxWorkerPageSize?: number;
}

export interface SpiderSimRequestLogEntry {
  method: string;
  path: string;
  /** HTTP status, 0 when the connection was dropped */
  status: number;
  /** the envelope's code ("SUCCESS", 200, "INVALID_PARAM", "SIGN_ERROR"...), null when there was none */
  code: string | number | null;
  /** non-secret request parameters (coin, subaccount, worker, mode, paging) */
  params: Record<string, string | number>;
  atMs: number;
}

export interface SpiderSim {
  url: string;
  port: number;
  /** sees every subaccount */
  fullKey: SpiderSimKey;
  addKey(spec?: { subaccounts?: string[] }): SpiderSimKey;
  revokeKey(accessKey: string): void;
  faults: FaultController;
  /** moves the pool's data (worker shares, profits, payments) forward */
  advanceClock(ms: number): void;
  /** the pool's data clock */
  now(): number;
  stopWorker(subaccount: string, coin: SpiderCoin, workerName: string): void;
  startWorker(subaccount: string, coin: SpiderCoin, workerName: string): void;
  setWorkerLastShare(subaccount: string, coin: SpiderCoin, workerName: string, atMs: number): void;
  addWorker(subaccount: string, coin: SpiderCoin, workerName: string): void;
  /** the worker disappears from every list */
  removeWorker(subaccount: string, coin: SpiderCoin, workerName: string): void;
  workerNames(subaccount: string, coin: SpiderCoin): string[];
  /** last 1000 API requests (not /__sim); never holds an access key, signature or private key */
  requestLog: SpiderSimRequestLogEntry[];
  close(): Promise<void>;
}
