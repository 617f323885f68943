import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_HASHRATE, NO_WORKERS, type Worker } from '../../../shared/model';
import type { PoolReading } from '../../../main/pools/adapter';
import { PoolError } from '../../../main/base/pool-error';
import { checkReading } from '../../../main/pools/reading-checks';

function worker(name: string, h10m: number | null, rejectRate: number | null = 0.01): Worker {
  return { name, group: 'farm', state: 'online', hashrate: { h10m, h1h: 1e12, h24h: 1e12 }, lastShareAt: null, rejectRate };
}

function reading(overrides: Partial<PoolReading> = {}): PoolReading {
  return {
    poolAccountName: null,
    hashrate: { h10m: 3e12, h1h: 3e12, h24h: 3e12 },
    groups: [{ name: 'farm', coin: 'BTC', hashrate: NO_HASHRATE, workers: { ...NO_WORKERS, online: 3, total: 3 } }],
    workers: [worker('rig-01', 1e12), worker('rig-02', 1e12), worker('rig-03', 1e12)],
    balances: [{ coin: 'BTC', unpaid: 0.5, unit: 'coin', group: null }],
    payouts: [],
    revenue: [],
    stratumServers: [],
    limitations: [],
    ...overrides,
  };
}

describe('checkReading', () => {
  it('passes a sane reading through unchanged', () => {
    const sane = reading();
    assert.equal(checkReading(sane, 'SBI Crypto Pool'), sane);
  });

  it('one impossible worker hashrate becomes unknown, named with its index; others are counted', () => {
    const checked = checkReading(reading({ workers: [worker('rig-01', 1e12), worker('rig-02', Infinity), worker('rig-03', NaN), worker('rig-04', 1e30)] }), 'SBI Crypto Pool');
    assert.deepEqual(checked.workers.map((entry) => entry.hashrate.h10m), [1e12, null, null, null]);
    assert.deepEqual(checked.notices, ['SBI Crypto Pool returned an impossible hashrate for worker rig-02 (workers[1].hashrate.h10m): Infinity H/s, and 2 more like it; shown as unknown.']);
    assert.equal(checked.workers[1]!.hashrate.h1h, 1e12, 'the sane windows stay');
    assert.deepEqual(JSON.parse(JSON.stringify(checked)), checked);
  });

  it('an impossible reject rate or account hashrate becomes unknown too', () => {
    const checked = checkReading(reading({ hashrate: { h10m: -5, h1h: 1, h24h: 1 }, workers: [worker('rig-01', 1e12, 7)] }), 'Spider Pool');
    assert.equal(checked.hashrate.h10m, null);
    assert.equal(checked.workers[0]!.rejectRate, null);
    assert.equal(checked.notices?.length, 2);
  });

  it('an impossible worker count or amount refuses the answer, naming the field', () => {
    const counts = reading({ groups: [{ name: 'farm', coin: 'BTC', hashrate: NO_HASHRATE, workers: { ...NO_WORKERS, online: 1e20, total: 1e20 } }] });
    assert.throws(() => checkReading(counts, 'SBI Crypto Pool'), (error: unknown) => error instanceof PoolError && error.kind === 'bad_response' && /group farm \(groups\[0\]\.workers\.online\): 100000000000000000000/.test(error.message));
    const money = reading({ balances: [{ coin: 'BTC', unpaid: Number.MAX_VALUE, unit: 'coin', group: null }] });
    assert.throws(() => checkReading(money, 'WebMinePool'), /impossible amount for the BTC balance \(balances\[0\]\.unpaid\)/);
  });
});
