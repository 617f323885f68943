import { createAdapter } from '../../main/pools/registry';
import { createHttpClient } from '../../main/pools/http-client';
import { startChildSim } from './child-sim';
import { timed } from './cpu';
const pool = (process.argv[2] ?? 'sbi') as 'sbi' | 'spider';
const workers = process.argv[3] ?? '30000';
async function main() {
  const sim = await startChildSim(pool, ['--workers', workers]);
  const adapter = createAdapter(pool);
  const k = (pool === 'sbi' ? sim.keys.fullKey : sim.keys.fullKey) as Record<string, string>;
  const credentials: Record<string, string> = pool === 'sbi' ? { apiKey: k.apiKey!, apiSecret: k.apiSecret! } : { accessKey: k.accessKey!, privateKey: k.privateKey! };
  let previous: Awaited<ReturnType<typeof adapter.poll>> | null = null;
  for (let i = 0; i < +(process.env.POLLS ?? 4); i++) {
    if (i > 0) await sim.advanceClock(60_000);
    const t = await timed(() => adapter.poll({ baseUrl: sim.url, credentials, options: { subaccounts: undefined }, http: createHttpClient({ poolName: 'x' }), now: () => Date.now(), previous }));
    previous = t.result;
    console.log(`poll ${i}: ${t.cpuMs.toFixed(0)} ms CPU, ${t.wallMs.toFixed(0)} wall, ${t.result.workers.length} workers`);
  }
  await sim.close();
}
void main();
