// The demo's pool simulators and its six accounts (one per pool, plus an SBI read-only key and an SBI observer
// key), shared by `npm run demo` and the UI bench, which measures the first screen against the same accounts.
import { startSbiSim, type SbiSim } from '../test/sim/sbi';
import { startSpiderSim, type SpiderSim } from '../test/sim/spider';
import { startStratumsphereSim, type StratumsphereSim } from '../test/sim/stratumsphere';
import { startWebMinePoolSim, type WmpSim } from '../test/sim/webminepool';
import { DEMO_ALERTS } from './demo-scenario';

export interface DemoPools {
  sbi: SbiSim;
  spider: SpiderSim;
  webminepool: WmpSim;
  stratumsphere: StratumsphereSim;
  /** The simulators' random keys, passed to PoolWatch by environment: nothing secret is written. */
  env: Record<string, string>;
  config: { accounts: Array<Record<string, unknown>> };
  close(): Promise<void>;
}

export async function startDemoPools(seed = 7): Promise<DemoPools> {
  const [sbi, spider, webminepool, stratumsphere] = await Promise.all([
    startSbiSim({ seed }),
    startSpiderSim({ seed }),
    startWebMinePoolSim({ seed }),
    startStratumsphereSim({ seed }),
  ]);
  // The SBI ledger starts current (yesterday's payout CONFIRMED, today's POSTED now), not with a payout POSTED since
  // yesterday evening: after 20:30 UTC that one would be a "payout stuck" alert in the first minute of the demo.
  sbi.advancePayouts();
  const readOnly = sbi.addKey({ permissions: ['READ'] });
  const observer = sbi.observerKeys.find((key) => key.subaccount === 'usonly') ?? sbi.observerKeys[0]!;
  const env = {
    POOLWATCH_DEMO_SBI_KEY: sbi.fullKey.apiKey,
    POOLWATCH_DEMO_SBI_SECRET: sbi.fullKey.apiSecret,
    POOLWATCH_DEMO_SBI_RO_KEY: readOnly.apiKey,
    POOLWATCH_DEMO_SBI_RO_SECRET: readOnly.apiSecret,
    POOLWATCH_DEMO_SBI_OBSERVER: observer.key,
    POOLWATCH_DEMO_SPIDER_ACCESS: spider.fullKey.accessKey,
    POOLWATCH_DEMO_SPIDER_PRIVATE: spider.fullKey.privateKey,
    POOLWATCH_DEMO_WMP_SECRET: webminepool.secretKey,
    POOLWATCH_DEMO_STRATUMSPHERE_KEY: stratumsphere.apiKey,
  };
  const config = {
    accounts: [
      {
        id: 'demo-sbi',
        pool: 'sbi',
        label: 'SBI farm (demo)',
        baseUrl: sbi.url,
        pollIntervalSec: 15,
        credentials: { apiKey: { env: 'POOLWATCH_DEMO_SBI_KEY' }, apiSecret: { env: 'POOLWATCH_DEMO_SBI_SECRET' } },
      },
      {
        id: 'demo-sbi-readonly',
        pool: 'sbi',
        label: 'SBI read-only key (demo)',
        baseUrl: sbi.url,
        pollIntervalSec: 30,
        credentials: { apiKey: { env: 'POOLWATCH_DEMO_SBI_RO_KEY' }, apiSecret: { env: 'POOLWATCH_DEMO_SBI_RO_SECRET' } },
      },
      {
        id: 'demo-sbi-observer',
        pool: 'sbi',
        label: `SBI observer: ${observer.subaccount} (demo)`,
        baseUrl: sbi.url,
        pollIntervalSec: 30,
        credentials: { observerKey: { env: 'POOLWATCH_DEMO_SBI_OBSERVER' } },
      },
      {
        id: 'demo-spider',
        pool: 'spider',
        label: 'Spider Pool (demo)',
        baseUrl: spider.url,
        pollIntervalSec: 30,
        credentials: { accessKey: { env: 'POOLWATCH_DEMO_SPIDER_ACCESS' }, privateKey: { env: 'POOLWATCH_DEMO_SPIDER_PRIVATE' } },
      },
      {
        id: 'demo-webminepool',
        pool: 'webminepool',
        label: 'WebMinePool site (demo)',
        baseUrl: webminepool.url,
        pollIntervalSec: 30,
        credentials: { secretKey: { env: 'POOLWATCH_DEMO_WMP_SECRET' } },
      },
      {
        id: 'demo-stratumsphere',
        pool: 'stratumsphere',
        label: 'Stratumsphere rentals (demo)',
        baseUrl: stratumsphere.url,
        pollIntervalSec: 30,
        credentials: { apiKey: { env: 'POOLWATCH_DEMO_STRATUMSPHERE_KEY' } },
      },
    ],
    alerts: DEMO_ALERTS,
  };
  return {
    sbi,
    spider,
    webminepool,
    stratumsphere,
    env,
    config,
    close: async () => {
      await Promise.all([sbi.close(), spider.close(), webminepool.close(), stratumsphere.close()]);
    },
  };
}
