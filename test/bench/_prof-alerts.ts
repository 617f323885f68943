import { createAdapter } from '../../main/pools/registry';
import { createHttpClient } from '../../main/pools/http-client';
import { AlertEvaluator } from '../../main/alerts/alert-evaluator';
import { openHistoryStores } from '../../main/store/history-stores';
import { summaryOf } from './bench-summary';
import { startChildSim } from './child-sim';
import { timed } from './cpu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const workers = process.argv[2] ?? '30000';
async function main() {
  const sim = await startChildSim('sbi', ['--workers', workers]);
  const adapter = createAdapter('sbi');
  const k = sim.keys.fullKey as Record<string, string>;
  const alerts = new AlertEvaluator();
  const stores = openHistoryStores(join(mkdtempSync(join(tmpdir(), 'pa-')), 'h.sqlite'));
  let previous = null as Awaited<ReturnType<typeof adapter.poll>> | null;
  let at = Date.now();
  for (let i = 0; i < +(process.env.POLLS ?? 6); i++) {
    if (i > 0) await sim.advanceClock(60_000);
    previous = await adapter.poll({ baseUrl: sim.url, credentials: { apiKey: k.apiKey!, apiSecret: k.apiSecret! }, options: { subaccounts: undefined }, http: createHttpClient({ poolName: 'x' }), now: () => Date.now(), previous });
    at += 60_000;
    const account = summaryOf(previous.workers, 'sbi');
    const a = await timed(() => alerts.observe({ atMs: at, account, workers: previous!.workers, pollIntervalMs: 60_000 }));
    const h = await timed(() => stores.samples.recordPoll({ atMs: at, account, workers: previous!.workers, pollIntervalMs: 60_000 }));
    console.log(`poll ${i}: alerts ${a.cpuMs.toFixed(0)} ms CPU (${a.wallMs.toFixed(0)} wall), history ${h.cpuMs.toFixed(0)} (${h.wallMs.toFixed(0)} wall)`);
  }
  await sim.close();
}
void main();
