import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWorkerList, readWorkersDelta, WorkerSchema } from '../../../shared/contract';
import { isPlainWorker } from '../../../shared/contract/plain-worker';
import { plain, variants } from './worker-variants';

// The UI reads plain workers without zod (plain-worker.ts). Whatever a worker looks like, the reading must come out
// exactly as WorkerSchema alone would have it: the same workers kept, with the same values, the same ones refused.

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
