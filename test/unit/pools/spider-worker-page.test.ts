import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPlainWorkerPage, workerListSchema } from '../../../main/pools/spider/spider-schemas';
import { withEachFieldValue } from '../../support/field-variants';

// Spider worker pages are read without zod when plain (readPlainWorkerPage). Whatever a page looks like, the result
// must be what workerListSchema alone would give, and a page the reader takes must be one the schema accepts; the
// rest goes through the schema, which names what is wrong.

const worker = {
  workerName: 'test001',
  realtimeHashrate: '2079080822',
  avgHashrate1440: '20979879837',
  avgRejectrate1440: 0.001,
  status: 'active',
  lastShareTime: 1569564592,
};

/** Each worker field set to values the schema accepts and refuses. */
function workerVariants(): unknown[] {
  const out: unknown[] = [worker, { workerName: 'bare' }, { ...worker, extra: 'not kept', nested: { a: 1 } }];
  const values: Record<string, unknown[]> = {
    workerName: [undefined, '', ' ', 1, null, ['x']],
    realtimeHashrate: [undefined, null, 0, 12.5, -3, '0', ' 42 ', '1.5', '2.99E10', '1e309', '-7', '', 'abc', '1,000', '0x10', '.5', '5.', Infinity, true, {}, []],
    avgHashrate1440: [undefined, null, '9789798686766', '1 2', 7],
    avgRejectrate1440: [undefined, null, '0.5', 50, 'half', false],
    status: [undefined, null, '', 'ACTIVE', ' lost ', 3, {}],
    lastShareTime: [undefined, null, '1569564592', 1569564592000, 'yesterday', -1],
  };
  out.push(...withEachFieldValue(worker, values));
  out.push(null, 'worker', 7, [worker]);
  return out;
}

/** Pages of every shape the endpoint answers (plain list, {list}, {records}), with good and bad totals and lists. */
function pageVariants(): unknown[] {
  const items = workerVariants();
  const pages: unknown[] = [];
  for (const item of items) {
    pages.push([worker, item], { list: [item, worker], total: 2, pageNum: 1, pageSize: 100 }, { records: [item], total: '1' });
  }
  const list = [worker, { ...worker, workerName: 'test002' }];
  pages.push(
    [],
    { list: [], total: 0 },
    { list },
    { list, total: null },
    { list, total: '2' },
    { list, total: ' 2 ' },
    { list, total: 'two' },
    { list, total: Infinity },
    { list, total: true },
    { records: list, total: 2 },
    { list, records: list, total: 2 },
    { list, records: [{ workerName: '' }], total: 2 },
    { list: null, records: list },
    { list: undefined, records: list },
    { list: 'rigs' },
    { total: 2 },
    { list, plain: true },
    { list, plain: false },
    { list, total: 2, extra: { anything: [1] } },
    null,
    'page',
    42,
    undefined,
  );
  return pages;
}

/** What a reader would see: keys whose value is undefined are the same as absent ones. */
const seen = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

describe('Spider worker pages read without zod', () => {
  it('gives exactly what workerListSchema gives, and takes no page the schema refuses', () => {
    let fast = 0;
    for (const page of pageVariants()) {
      const label = JSON.stringify(page) ?? String(page);
      const zod = workerListSchema.safeParse(page);
      const read = readPlainWorkerPage(page);
      if (read === undefined) continue;
      fast += 1;
      assert.ok(zod.success, `read without zod but the schema refuses: ${label}`);
      assert.deepEqual(seen(read), seen(zod.data), label);
      // Not JSON-visible, so compared apart: the largest double for a number too large, as the schema gives it.
      assert.deepEqual(read.list.map((item) => item.realtimeHashrate), zod.data.list.map((item) => item.realtimeHashrate), label);
    }
    assert.ok(fast > 50, `most pages are read without zod (${fast})`);
  });

  it('reads the usual page, hashrate strings in H/s, without the schema', () => {
    const page = readPlainWorkerPage({ list: [worker], total: 1, pageNum: 1, pageSize: 50 });
    assert.deepEqual(page, {
      list: [{ workerName: 'test001', realtimeHashrate: 2079080822, avgHashrate1440: 20979879837, avgRejectrate1440: 0.001, status: 'active', lastShareTime: 1569564592 }],
      total: 1,
    });
    assert.deepEqual(seen(readPlainWorkerPage([worker])), { list: [seen(page?.list[0])], total: null });
  });

  it('leaves anything unusual to the schema', () => {
    for (const page of [{ list: [{ ...worker, realtimeHashrate: 'abc' }], total: 1 }, { list: [{ ...worker, workerName: '' }] }, { records: null }, { list: [worker], plain: false }]) {
      assert.equal(readPlainWorkerPage(page), undefined, JSON.stringify(page));
    }
  });
});
