import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWorkerList, readWorkersDelta, WorkerSchema } from '../../../shared/contract';
import { isPlainWorker } from '../../../shared/contract/plain-worker';

// The UI reads plain workers without zod (plain-worker.ts). Whatever a worker looks like, the reading must come out
// exactly as WorkerSchema alone would have it: the same workers kept, with the same values, the same ones refused.

const plain = {
  name: 'rig-1',
  group: 'farm',
  state: 'online',
  hashrate: { h10m: 1.5e12, h1h: null, h24h: 0 },
  lastShareAt: '2025-01-01T00:00:00.000Z',
  rejectRate: 0.01,
};

/** Each field set to values WorkerSchema accepts and refuses, plus keys it strips or does not know. */
function variants(): unknown[] {
  const out: unknown[] = [plain, { ...plain, lastShareAt: null, rejectRate: null }, { ...plain, attributes: { model: 'S19', fans: 4, ok: true, x: null } }];
  const bad: Record<string, unknown[]> = {
    name: [undefined, 1, null, ''],
    group: [undefined, null, 7],
    state: [undefined, 'ONLINE', 'sleeping', null, 1],
    hashrate: [undefined, null, [], { h10m: 1, h1h: 1 }, { h10m: 1, h1h: 1, h24h: 1, h7d: 1 }, { h10m: -1, h1h: 1, h24h: 1 }, { h10m: Infinity, h1h: 1, h24h: 1 }, { h10m: Number.NaN, h1h: 1, h24h: 1 }, { h10m: '1', h1h: 1, h24h: 1 }, { h10m: -0, h1h: null, h24h: null }],
    lastShareAt: [undefined, '', 'x'.repeat(64), 'x'.repeat(65), 5],
    rejectRate: [undefined, Infinity, -0.5, '0.1', Number.NaN],
    attributes: [{ bad: [1] }, { bad: {} }, null, 'text'],
  };
  for (const [field, values] of Object.entries(bad)) {
    for (const value of values) {
      const copy: Record<string, unknown> = { ...plain };
      if (value === undefined) delete copy[field];
      else copy[field] = value;
      out.push(copy);
    }
  }
  out.push({ ...plain, extra: 'stripped by zod' }, null, 'worker', [plain], Object.assign(Object.create({ inherited: 1 }), plain));
  return out;
}

describe('plain workers read without zod', () => {
  it('keeps and refuses exactly the workers WorkerSchema keeps and refuses, with the same values', () => {
    for (const raw of variants()) {
      const zod = WorkerSchema.safeParse(raw);
      const delta = readWorkersDelta({ accountId: 'a', upserted: [raw], removed: [], total: 1 });
      const list = readWorkerList({ accountId: 'a', workers: [raw] });
      assert.ok(delta !== null && list.success, JSON.stringify(raw));
      for (const read of [delta.upserted, list.data.workers]) {
        assert.equal(read.length, zod.success ? 1 : 0, `kept? ${JSON.stringify(raw)}`);
        if (zod.success) assert.deepEqual(read[0], zod.data, JSON.stringify(raw));
      }
      if (isPlainWorker(raw)) assert.ok(zod.success, `passed without zod but zod refuses: ${JSON.stringify(raw)}`);
    }
  });

  it('takes the common worker as it is, without zod', () => {
    assert.equal(isPlainWorker(plain), true);
    assert.equal(isPlainWorker({ ...plain, lastShareAt: null, rejectRate: null, hashrate: { h10m: null, h1h: null, h24h: null } }), true);
    // Attributes are checked by WorkerSchema.
    assert.equal(isPlainWorker({ ...plain, attributes: {} }), false);
  });
});
