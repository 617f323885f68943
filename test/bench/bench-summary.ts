import { countWorkers, type AccountSummary, type PoolId, type Worker } from '../../shared/model';

/** A healthy account's summary around `workers`, as the engine would hand it to alerts and history. */
export function summaryOf(workers: readonly Worker[], pool: PoolId = 'sbi'): AccountSummary {
  return {
    id: 'bench', pool, label: 'Bench', status: 'ok', message: null, limitations: [], stale: false,
    lastGoodAt: new Date().toISOString(), lastPollAt: new Date().toISOString(), nextPollAt: null, poolAccountName: null,
    hashrate: { h10m: 1e17, h1h: 1e17, h24h: 1e17 }, workers: countWorkers(workers), groups: [], balances: [], payouts: [],
    revenue: [], stratumServers: [],
  };
}
