import { startSbiSim } from '../sim/sbi';
import { startSpiderSim } from '../sim/spider';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';

/** One account of every pool against its simulator, credentials passed by environment (no keychain needed). */
export interface DemoFleet {
  config: { accounts: unknown[] };
  env: Record<string, string>;
  accountIds: string[];
  close(): Promise<void>;
}

export async function startDemoFleet(seed = 7): Promise<DemoFleet> {
  const [sbi, spider, webminepool, stratumsphere] = await Promise.all([
    startSbiSim({ seed }),
    startSpiderSim({ seed }),
    startWebMinePoolSim({ seed }),
    startStratumsphereSim({ seed }),
  ]);
  const env = {
    FLEET_SBI_KEY: sbi.fullKey.apiKey,
    FLEET_SBI_SECRET: sbi.fullKey.apiSecret,
    FLEET_SPIDER_ACCESS: spider.fullKey.accessKey,
    FLEET_SPIDER_PRIVATE: spider.fullKey.privateKey,
    FLEET_WMP_SECRET: webminepool.secretKey,
    FLEET_STRATUMSPHERE_KEY: stratumsphere.apiKey,
  };
  const accounts = [
    { id: 'sbi-farm', pool: 'sbi', label: 'SBI farm', baseUrl: sbi.url, credentials: { apiKey: { env: 'FLEET_SBI_KEY' }, apiSecret: { env: 'FLEET_SBI_SECRET' } } },
    {
      id: 'spider-farm', pool: 'spider', label: 'Spider farm', baseUrl: spider.url,
      credentials: { accessKey: { env: 'FLEET_SPIDER_ACCESS' }, privateKey: { env: 'FLEET_SPIDER_PRIVATE' } },
    },
    { id: 'web-site', pool: 'webminepool', label: 'Web site', baseUrl: webminepool.url, credentials: { secretKey: { env: 'FLEET_WMP_SECRET' } } },
    { id: 'rentals', pool: 'stratumsphere', label: 'Rentals', baseUrl: stratumsphere.url, credentials: { apiKey: { env: 'FLEET_STRATUMSPHERE_KEY' } } },
  ];
  return {
    config: { accounts },
    env,
    accountIds: accounts.map((account) => account.id),
    close: async () => {
      await Promise.all([sbi.close(), spider.close(), webminepool.close(), stratumsphere.close()]);
    },
  };
}
