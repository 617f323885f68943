import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverAttributeColumns } from '../../../renderer/components/attributes';
import { attributeColumnsOf } from '../../../renderer/features/workers/worker-attribute-columns';
import { WorkerMap } from '../../../renderer/state/worker-map';
import { makeWorker } from './fixtures';

describe('attributeColumnsOf', () => {
  it('finds the columns one pass over all workers finds, from chunks read once each', () => {
    const values = [null, 3, '4', 'text', true, '', '2.5 TH/s'];
    const labels = ['connections', 'hashrate', 'region', 'stable', 'hashCount'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // "connections" is a number except in the last chunk: numeric only while that chunk is not counted.
    const valueFor = (label: string, index: number) =>
      label === 'connections' ? (index > 8500 && random() < 0.2 ? 'many' : Math.floor(random() * 9)) : values[Math.floor(random() * values.length)]!;
    const worker = (index: number) =>
      makeWorker({
        name: `rig-${index}`,
        // Late labels appear only in later chunks, so the order of first sight matters.
        attributes: Object.fromEntries(labels.filter((_, at) => random() < (index > 6000 ? 0.5 : 0.2 * at)).map((label) => [label, valueFor(label, index)])),
      });
    let map = WorkerMap.from(Array.from({ length: 10_000 }, (_, index) => worker(index)));
    const other = WorkerMap.from([makeWorker({ name: 'x', attributes: { extra: 'a' } })]);
    for (let step = 0; step < 3; step += 1) {
      const lists = [
        { accountId: 'a', workers: map },
        { accountId: 'b', workers: other },
      ];
      const expected = discoverAttributeColumns([...map.values(), ...other.values()]);
      assert.equal(expected.find((column) => column.label === 'connections')?.numeric, false);
      assert.deepEqual(attributeColumnsOf(lists), expected, `step ${step}`);
      map = map.with(
        Array.from({ length: 3000 }, (_, index) => worker(step * 3000 + index)),
        [],
      );
    }
  });
});
