// `npm run bench`: speed and memory figures for the paths that must stay fast at 30,000 workers.
// Prints figures; asserts nothing (targets are judged by people reading them, not by timed unit tests).
import { createSbiAdapter } from '../../main/pools/sbi/sbi-adapter';
import { createHttpClient } from '../../main/pools/http-client';
import { workerChangesForUi, indexWorkers } from '../../main/engine/worker-diff';
import { AlertEvaluator } from '../../main/alerts/alert-evaluator';
import { buildSnapshotJson } from '../../main/engine/snapshot-json';
import { countWorkers, type AccountSummary, type Worker } from '../../shared/model';
import { startSbiSim } from '../sim/sbi';
import { measure, printTable } from './measure';
import { benchCharts } from './chart-bench';
import { benchStore } from './store-bench';

const WORKERS = 30_000;

function summaryOf(workers: Worker[]): AccountSummary {
  return {
    id: 'bench', pool: 'sbi', label: 'Bench', status: 'ok', message: null, limitations: [], stale: false,
    lastGoodAt: new Date().toISOString(), lastPollAt: new Date().toISOString(), nextPollAt: null, poolAccountName: null,
    hashrate: { h10m: 1e17, h1h: 1e17, h24h: 1e17 }, workers: countWorkers(workers), groups: [], balances: [], payouts: [],
    revenue: [], stratumServers: [],
  };
}

async function main(): Promise<void> {
  const sim = await startSbiSim({ seed: 1, subaccounts: [{ name: 'big', coin: 'BTC', workers: WORKERS, deadShare: 0.5 }] });
  const rows: Array<{ name: string; medianMs: number; heapMb: number; note?: string }> = [];
  try {
    const adapter = createSbiAdapter();
    const poll = () =>
      adapter.poll({
        baseUrl: sim.url,
        credentials: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret },
        options: { subaccounts: undefined },
        http: createHttpClient({ poolName: 'SBI Crypto Pool' }),
        now: () => Date.now(),
        previous: null,
      });
    const polled = await measure(`SBI poll, ${WORKERS} workers over loopback (150 pages)`, 3, poll);
    rows.push({ ...polled, note: `${polled.result.workers.length} workers normalized` });
    const workers = polled.result.workers;

    const changed = workers.map((worker, index) => (index % 100 === 0 ? { ...worker, state: 'offline' as const } : worker));
    const index = indexWorkers(workers);
    const diff = await measure(`worker diff, ${WORKERS} workers, 1% changed`, 5, () => workerChangesForUi(index, changed));
    rows.push({ ...diff, note: `${diff.result.upserted.length} pushed to the UI` });

    const alerts = new AlertEvaluator();
    let at = Date.now();
    const observe = await measure(`alert evaluation, ${WORKERS} workers`, 5, () => {
      at += 60_000;
      return alerts.observe({ atMs: at, account: summaryOf(workers), workers, pollIntervalMs: 60_000 });
    });
    rows.push({ ...observe, note: 'per poll' });

    const snapshot = await measure(`snapshot JSON with worker list, ${WORKERS} workers`, 5, () =>
      JSON.stringify(buildSnapshotJson(Date.now(), [summaryOf(workers)], () => workers)),
    );
    rows.push({ ...snapshot, note: `${(snapshot.result.length / 1024 / 1024).toFixed(1)} MB of JSON` });

    rows.push(...(await benchStore(workers, summaryOf)));
    rows.push(...(await benchCharts(workers, summaryOf)));
  } finally {
    await sim.close();
  }
  printTable(rows);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
