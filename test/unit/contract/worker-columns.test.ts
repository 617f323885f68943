import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventFrame, parseEvent, readServerFrame, readWorkersDelta, WorkerSchema, workersDeltaWire, type WorkersDelta } from '../../../shared/contract';
import type { Worker } from '../../../shared/model';
import { variants } from '../renderer/worker-variants';

// A workers delta crosses both transports as columns (shared/contract/worker-columns.ts). What the UI reads back must
// be the engine's delta exactly, and a worker the columns carry must be kept or refused exactly as WorkerSchema would.

function worker(index: number, changes: Partial<Worker> = {}): Worker {
  return {
    name: `simulator-rig-${index}`,
    group: index % 3 === 0 ? 'farm-a' : 'farm-b',
    state: index % 7 === 0 ? 'offline' : 'online',
    hashrate: { h10m: 1.7980567933981855e13 + index, h1h: index % 5 === 0 ? null : 1.76e13, h24h: 0 },
    lastShareAt: index % 11 === 0 ? null : `2026-12-04T15:2${index % 4}:53.000Z`,
    rejectRate: index % 2 === 0 ? null : 0.0125,
    ...changes,
  };
}

const DELTA: WorkersDelta = {
  accountId: 'big',
  upserted: [
    ...Array.from({ length: 40 }, (_, index) => worker(index)),
    worker(40, { attributes: { model: 'S19', fans: 4, ok: true, none: null } }),
    worker(41, { notHashingSince: '2026-12-04T15:00:00.000Z', hashrate: { h10m: 0, h1h: 0, h24h: 1 } }),
  ],
  removed: [{ group: 'farm-a', name: 'gone-1' }],
  total: 42,
};

/** Columns holding these entries as they are (any value, even one a Worker cannot have), for the reader to judge. */
function columnsOf(raws: readonly Record<string, unknown>[]): Record<string, unknown[]> {
  const hashrate = (raw: Record<string, unknown>) => (typeof raw.hashrate === 'object' && raw.hashrate !== null ? (raw.hashrate as Record<string, unknown>) : {});
  return {
    name: raws.map((raw) => raw.name),
    group: raws.map((_, index) => index),
    groups: raws.map((raw) => raw.group),
    state: raws.map((raw) => raw.state),
    h10m: raws.map((raw) => hashrate(raw).h10m),
    h1h: raws.map((raw) => hashrate(raw).h1h),
    h24h: raws.map((raw) => hashrate(raw).h24h),
    lastShareAt: raws.map((raw, index) => (raw.lastShareAt === null ? null : index)),
    times: raws.map((raw) => raw.lastShareAt),
    rejectRate: raws.map((raw) => raw.rejectRate),
    attributes: raws.map((raw) => raw.attributes ?? null),
  };
}

describe('workers delta as columns', () => {
  it('reads back the engine delta exactly, through JSON', () => {
    const wire = JSON.parse(JSON.stringify(workersDeltaWire(DELTA))) as unknown;
    assert.deepEqual(readWorkersDelta(wire), DELTA);
  });

  it('sends each group and each share time once per frame', () => {
    const { columns } = workersDeltaWire(DELTA);
    assert.deepEqual(columns.groups, ['farm-a', 'farm-b']);
    assert.equal(columns.times.length, 4);
    assert.equal(columns.attributes?.filter((value) => value !== null).length, 1);
  });

  it('is what the WebSocket sends, and what the UI reads from it', () => {
    const frame = readServerFrame(eventFrame('state:workers-delta', DELTA));
    assert.ok(frame?.type === 'event');
    assert.ok(frame.payload !== null && typeof frame.payload === 'object' && 'columns' in frame.payload && !('upserted' in frame.payload));
    assert.deepEqual(parseEvent('state:workers-delta', frame.payload), DELTA);
  });

  it('keeps and refuses exactly the workers WorkerSchema keeps and refuses, with the same values', () => {
    // A worker as an object per entry; `attributes: null` is left out: in the column, null is what says "none".
    const records = variants().filter(
      (raw): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (raw as Record<string, unknown>).attributes !== null,
    );
    for (const raw of records) {
      const zod = WorkerSchema.safeParse(raw);
      const read = readWorkersDelta({ accountId: 'a', columns: columnsOf([raw]), removed: [], total: 1 });
      assert.ok(read !== null, JSON.stringify(raw));
      assert.equal(read.upserted.length, zod.success ? 1 : 0, `kept? ${JSON.stringify(raw)}`);
      if (zod.success) assert.deepEqual(read.upserted[0], zod.data, JSON.stringify(raw));
      else assert.equal(read.unreadable?.count, 1, JSON.stringify(raw));
    }
  });

  it('counts an unreadable worker and names it, and keeps the others', () => {
    const columns = columnsOf([worker(1), { ...worker(2), state: 'exploded' }, worker(3)] as unknown as Record<string, unknown>[]);
    const read = readWorkersDelta({ accountId: 'a', columns, removed: [], total: 3 });
    assert.deepEqual(read?.upserted.map((kept) => kept.name), ['simulator-rig-1', 'simulator-rig-3']);
    assert.equal(read?.unreadable?.count, 1);
    assert.match(read?.unreadable?.examples[0] ?? '', /“simulator-rig-2”: state/);
  });

  it('refuses a share time or group that points outside its table, naming the field', () => {
    const columns = columnsOf([worker(1), worker(2)] as unknown as Record<string, unknown>[]);
    columns.lastShareAt = [0, 9];
    columns.group = [0, -1];
    const read = readWorkersDelta({ accountId: 'a', columns, removed: [], total: 2 });
    assert.deepEqual(read?.upserted.map((kept) => kept.name), ['simulator-rig-1']);
    assert.match(read?.unreadable?.examples[0] ?? '', /“simulator-rig-2”: (group|lastShareAt)/);
  });

  it('marks a delta whose columns differ in length unreadable, so the UI loads the list again', () => {
    const columns = columnsOf([worker(1), worker(2)] as unknown as Record<string, unknown>[]);
    columns.h1h = [1];
    const read = readWorkersDelta({ accountId: 'a', columns, removed: [], total: 2 });
    assert.deepEqual(read?.upserted, []);
    assert.match(read?.unreadable?.examples[0] ?? '', /h1h: has 1 entries for 2 workers/);
    assert.equal(readWorkersDelta({ accountId: 'a', columns: { ...columns, h1h: 'x' }, removed: [], total: 2 })?.unreadable?.count, 1);
  });
});
