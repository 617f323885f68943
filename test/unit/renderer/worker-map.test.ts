import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerKey, type Worker } from '../../../shared/model';
import { WorkerMap, workersIn } from '../../../renderer/state/worker-map';
import { makeWorker } from './fixtures';
import { seededRandom } from '../../support/seeded-random';

/** What a plain Map holds after the same changes: the behaviour WorkerMap must keep. */
function mapWith(map: ReadonlyMap<string, Worker>, upserted: readonly Worker[], removed: readonly Worker[]): Map<string, Worker> {
  const next = new Map(map);
  for (const worker of upserted) next.set(workerKey(worker), worker);
  for (const gone of removed) next.delete(workerKey(gone));
  return next;
}

function assertSame(actual: WorkerMap, expected: ReadonlyMap<string, Worker>, label: string): void {
  assert.equal(actual.size, expected.size, label);
  assert.deepEqual([...actual.keys()], [...expected.keys()], label);
  assert.deepEqual([...actual.values()], [...expected.values()], label);
  assert.deepEqual([...workersIn(actual)], [...expected.values()], label);
  assert.deepEqual([...actual], [...expected], label);
  for (const key of expected.keys()) assert.equal(actual.get(key), expected.get(key), label);
}

describe('WorkerMap', () => {
  it('behaves as a Map copied per change, and every older version stays as it was', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const random = seededRandom(seed);
      const worker = () => makeWorker({ name: `rig-${Math.floor(random() * 40)}`, group: `g${Math.floor(random() * 2)}`, rejectRate: random() });
      const first = Array.from({ length: 30 }, worker);
      const versions: Array<{ map: WorkerMap; expected: Map<string, Worker> }> = [{ map: WorkerMap.from(first), expected: mapWith(new Map(), first, []) }];
      for (let step = 0; step < 40; step += 1) {
        // Mostly from the newest version, sometimes from an older one (a branch must not disturb the others).
        const base = random() < 0.8 ? versions.at(-1)! : versions[Math.floor(random() * versions.length)]!;
        const upserted = Array.from({ length: Math.floor(random() * 8) }, worker);
        const removed = Array.from({ length: Math.floor(random() * 4) }, worker);
        versions.push({ map: base.map.with(upserted, removed), expected: mapWith(base.expected, upserted, removed) });
        versions.forEach(({ map, expected }, index) => assertSame(map, expected, `seed ${seed}, step ${step}, version ${index}`));
        assert.equal(versions.at(-1)!.map.has('nobody'), false);
      }
    }
  });

  it('does so over many chunks of slots too', () => {
    const random = seededRandom(5);
    const worker = () => makeWorker({ name: `rig-${Math.floor(random() * 12_000)}`, rejectRate: random() });
    const first = Array.from({ length: 10_000 }, worker);
    let map = WorkerMap.from(first);
    let expected = mapWith(new Map(), first, []);
    const original = { map, expected };
    for (let step = 0; step < 6; step += 1) {
      const upserted = Array.from({ length: 3000 }, worker);
      const removed = Array.from({ length: step === 3 ? 200 : 20 }, worker);
      map = map.with(upserted, removed);
      expected = mapWith(expected, upserted, removed);
      assertSame(map, expected, `step ${step}`);
    }
    assertSame(original.map, original.expected, 'the first version');
  });

  it('copies only the chunks of slots a change rewrites, sharing the others with the older version', () => {
    const workers = Array.from({ length: 20_000 }, (_, index) => makeWorker({ name: `rig-${index}` }));
    const map = WorkerMap.from(workers);
    const next = map.with([{ ...workers[19_999]!, state: 'dead' }], [{ group: 'main', name: 'rig-3' }]);
    assert.equal(map.chunks.length, 5);
    assert.deepEqual(
      next.chunks.map((chunk, index) => chunk === map.chunks[index]),
      [false, true, true, true, false],
    );
    assert.equal(next.size, 19_999);
    assert.equal(map.size, 20_000);
  });

  it('answers keys added by a later version as absent in the earlier ones', () => {
    const before = WorkerMap.from([makeWorker({ name: 'a' })]);
    const after = before.with([makeWorker({ name: 'b' })], []);
    assert.equal(before.get(workerKey({ group: 'main', name: 'b' })), undefined);
    assert.equal(after.get(workerKey({ group: 'main', name: 'b' }))?.name, 'b');
    assert.equal(before.size, 1);
  });

  it('lists the workers of a version without a copy per call, and apart from the older versions', () => {
    const workers = Array.from({ length: 100_000 }, (_, index) => makeWorker({ name: `rig-${index}` }));
    const map = WorkerMap.from(workers);
    const next = map.with([{ ...workers[5]!, state: 'dead' }], []);
    assert.equal(workersIn(next), workersIn(next), 'the list is the slots themselves, not a copy per call');
    assert.equal(workersIn(next)[5]!.state, 'dead');
    assert.equal(workersIn(map)[5]!.state, 'online');
  });
});
