// One impossible number from a pool ("1e309", 1e308 MH/s, 1e20 workers) must not leave the adapter: JSON turns
// Infinity into null and the UI's schema would refuse the whole state. Real engine, SBI simulator, loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccountSummary } from '../../shared/model';
import { startPoolHarness, type PoolHarness } from '../support/pool-harness';

const WORKERS = '/api/external/v1/workers';

/** Every number in `value` is finite and JSON keeps it as it is. */
function assertJsonSafe(value: unknown, label: string): void {
  const text = JSON.stringify(value);
  assert.deepEqual(JSON.parse(text), value, `${label} does not survive JSON`);
  const walk = (item: unknown, path: string): void => {
    if (typeof item === 'number') assert.ok(Number.isFinite(item) && Math.abs(item) < 1e24, `${label} ${path} = ${item}`);
    else if (Array.isArray(item)) item.forEach((entry, index) => walk(entry, `${path}[${index}]`));
    else if (item && typeof item === 'object') for (const [key, entry] of Object.entries(item)) walk(entry, `${path}.${key}`);
  };
  walk(value, '');
}

/** One worker's first hashrate window replaced by `literal`, as the pool would send it. */
function firstWindowOf(name: string, literal: string) {
  return { kind: 'patch' as const, pattern: `("name":"${name}"[^}]*?"hashrates":\\[)[^,\\]]+`, replacement: `$1${literal}` };
}

describe('SBI: impossible numbers stop at the adapter', () => {
  let harness: PoolHarness;
  before(async () => {
    harness = await startPoolHarness('sbi');
  });
  after(async () => {
    await harness.close();
  });

  for (const literal of ['1e309', '"1e309"', '1e308', '-1e309']) {
    it(`one worker's hashrate ${literal}: that value is unknown, the message names worker and field, the rest stays`, async () => {
      harness.sim.faults.clear();
      const name = (await harness.poll(), harness.workers().find((worker) => worker.hashrate.h10m !== null && worker.hashrate.h1h !== null)!.name);
      harness.sim.faults.add({ fault: firstWindowOf(name, literal), pathPrefix: WORKERS });
      const account: AccountSummary = await harness.poll();
      assert.equal(account.status, 'ok', account.message ?? '');
      assert.match(account.message ?? '', new RegExp(`impossible hashrate for worker ${name} \\(workers\\[\\d+\\]\\.hashrate\\.h10m\\)`));
      const rig = harness.workers().find((worker) => worker.name === name)!;
      assert.equal(rig.hashrate.h10m, null);
      assert.ok(rig.hashrate.h1h !== null && rig.hashrate.h1h > 0, 'the other windows stay');
      assertJsonSafe(account, 'the summary');
      assertJsonSafe(harness.workers(), 'the workers');
      assert.equal(account.workers.total, 450);
    });
  }

  it('a group worker count of 1e20: the answer is refused with the field named, the last good data kept', async () => {
    harness.sim.faults.clear();
    const good = await harness.poll();
    assert.equal(good.status, 'ok', good.message ?? '');
    harness.sim.faults.add({ fault: { kind: 'patch', pattern: '"online":\\d+', replacement: '"online":1e20' }, pathPrefix: '/api/external/v1/subaccounts' });
    const account = await harness.poll();
    assert.equal(account.status, 'error');
    assert.match(account.message ?? '', /impossible worker count for group \w+ \(groups\[\d+\]\.workers\.online\)/);
    assert.equal(account.stale, true);
    assert.equal(account.workers.total, good.workers.total, 'the last good data, not zeros');
    assertJsonSafe(account, 'the summary');
  });
});
