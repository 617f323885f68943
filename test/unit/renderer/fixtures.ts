import type { AccountConfigView } from '../../../shared/contract';
import { NO_HASHRATE, NO_WORKERS, type AccountSummary, type Worker } from '../../../shared/model';

export function makeWorker(overrides: Partial<Worker> & Pick<Worker, 'name'>): Worker {
  return {
    group: 'main',
    state: 'online',
    hashrate: { h10m: 100e12, h1h: 100e12, h24h: 100e12 },
    lastShareAt: '2025-01-01T00:00:00.000Z',
    rejectRate: null,
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<AccountSummary> & Pick<AccountSummary, 'id'>): AccountSummary {
  return {
    pool: 'sbi',
    label: overrides.id,
    status: 'ok',
    message: null,
    limitations: [],
    stale: false,
    lastGoodAt: null,
    lastPollAt: null,
    nextPollAt: null,
    poolAccountName: null,
    hashrate: NO_HASHRATE,
    workers: NO_WORKERS,
    groups: [],
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
    ...overrides,
  };
}

export function makeConfig(overrides: Partial<AccountConfigView> & Pick<AccountConfigView, 'id'>): AccountConfigView {
  return {
    pool: 'sbi',
    label: overrides.id,
    baseUrl: null,
    pollIntervalSec: 60,
    mode: 'api-key',
    options: {},
    credentials: [
      { field: 'apiKey', source: 'keychain', env: null, hasSecret: true },
      { field: 'apiSecret', source: 'keychain', env: null, hasSecret: true },
    ],
    keyExpiresOn: null,
    ...overrides,
  };
}
