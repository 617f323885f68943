// A Spider subaccount with more workers than a function call takes arguments (about 125,000 in Node 20), read in
// pages of 100: the poll must read every one, not fail putting them together.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpClient } from '../../main/pools/http-client';
import { createSpiderAdapter } from '../../main/pools/spider/spider-adapter';
import { withSpiderSim } from '../sim/spider/test-client';

const WORKERS = 140_000;

describe('Spider account larger than a call\'s arguments', () => {
  it(`reads all ${WORKERS.toLocaleString('en-US')} workers of one subaccount in pages of 100`, { timeout: 120_000 }, async () => {
    const spec = { subaccounts: [{ name: 'huge01', coins: [{ coin: 'btc' as const, workers: WORKERS }] }], maxWorkerPageSize: 100 };
    await withSpiderSim(spec, async (sim) => {
      const reading = await createSpiderAdapter().poll({
        baseUrl: sim.url,
        credentials: { accessKey: sim.fullKey.accessKey, privateKey: sim.fullKey.privateKey },
        options: { subaccounts: [{ name: 'huge01', coin: 'BTC' }] },
        http: createHttpClient({ poolName: 'Spider Pool', now: () => sim.now() }),
        now: () => sim.now(),
        previous: null,
      });
      assert.equal(reading.workers.length, WORKERS);
      assert.equal(new Set(reading.workers.map((worker) => worker.name)).size, WORKERS);
      assert.equal(reading.groups[0]?.workers.total, WORKERS);
    });
  });
});
