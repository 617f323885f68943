// Public types of the SBI simulator (re-exported by index.ts).
import type { FaultController } from '../common/faults';
import type { CoinCode } from './coins';

export type SbiPermission = 'READ' | 'FINANCIALS' | 'UPDATE';

export interface SbiSimKey {
  apiKey: string;
  apiSecret: string;
  permissions: SbiPermission[];
  subaccounts: string[];
  expiresAtMs: number | null;
  accountOwner: boolean;
}

export interface SbiSimObserverKey {
  key: string;
  subaccount: string;
}

export interface SbiSimSubaccountOption {
  name: string;
  coin: CoinCode;
  workers: number;
  deadShare?: number;
  offlineShare?: number;
}

export interface SbiSimOptions {
  /** default 0 = random free port, always bound to 127.0.0.1 */
  port?: number;
  now?: () => number;
  /** deterministic pseudo-random data (hashrates, names); default 42 */
  seed?: number;
  subaccounts?: SbiSimSubaccountOption[];
}

export interface SbiSimRequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  atMs: number;
}

export interface SbiSim {
  url: string;
  port: number;
  accountName: string;
  /** full key: READ+FINANCIALS+UPDATE, all subaccounts, owner, no expiry */
  fullKey: SbiSimKey;
  /** one observer key per subaccount */
  observerKeys: SbiSimObserverKey[];
  addKey(spec: Partial<Omit<SbiSimKey, 'apiKey' | 'apiSecret'>>): SbiSimKey;
  revokeKey(apiKey: string): void;
  faults: FaultController;
  advanceClock(ms: number): void;
  stopWorker(subaccount: string, workerName: string): void;
  startWorker(subaccount: string, workerName: string): void;
  setWorkerLastShare(subaccount: string, workerName: string, atMs: number): void;
  /** the worker stays ONLINE with every hashrate 0 (idle), or hashes again */
  setWorkerIdle(subaccount: string, workerName: string, idle: boolean): void;
  addWorker(subaccount: string, workerName: string): void;
  /** the worker disappears from every list, as when the miner deletes it */
  removeWorker(subaccount: string, workerName: string): void;
  workerNames(subaccount: string): string[];
  advancePayouts(): void;
  failNextPayout(): void;
  /** last 1000 API requests (not /__sim); never holds header values */
  requestLog: SbiSimRequestLogEntry[];
  close(): Promise<void>;
}
