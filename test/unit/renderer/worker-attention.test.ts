import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Worker } from '../../../shared/model';
import { GENERIC_TERMS } from '../../../renderer/features/pool-terms';
import {
  buildWorkerRows,
  DEFAULT_WORKER_SORT,
  effectiveSort,
  sortWorkerRows,
  workerColumns,
  workersViewFor,
  workerTableState,
} from '../../../renderer/features/workers/worker-rows';
import { workerMapFrom } from '../../../renderer/state/workers-reducers';
import { makeWorker } from './fixtures';

const NOW = Date.parse('2025-06-10T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const names = (workers: Worker[]) =>
  sortWorkerRows(buildWorkerRows([{ accountId: 'acc', workers: workerMapFrom(workers) }]), DEFAULT_WORKER_SORT, NOW).map((row) => row.worker.name);

describe('the default worker order: worst first, most recent change first', () => {
  it('lists offline, not hashing and recently dead machines first, healthy ones next, long-dead ones last', () => {
    const workers = [
      makeWorker({ name: 'a-online', state: 'online', lastShareAt: ago(0) }),
      makeWorker({ name: 'b-dead-30-days', state: 'dead', lastShareAt: ago(30 * 24 * 60) }),
      makeWorker({ name: 'c-offline-5-min', state: 'offline', lastShareAt: ago(5) }),
      makeWorker({ name: 'd-dead-2-hours', state: 'dead', lastShareAt: ago(120) }),
      makeWorker({ name: 'e-not-hashing', state: 'online', hashrate: { h10m: 0, h1h: 0, h24h: 10 }, lastShareAt: ago(1) }),
      makeWorker({ name: 'f-unknown', state: 'unknown', lastShareAt: null }),
      makeWorker({ name: 'g-dead-never-shared', state: 'dead', lastShareAt: null }),
      makeWorker({ name: 'h-dead-3-days', state: 'dead', lastShareAt: ago(3 * 24 * 60) }),
      makeWorker({ name: 'i-online', state: 'online', lastShareAt: ago(0) }),
    ];
    assert.deepEqual(names(workers), [
      'e-not-hashing',
      'c-offline-5-min',
      'd-dead-2-hours',
      'f-unknown',
      'a-online',
      'i-online',
      'h-dead-3-days',
      'b-dead-30-days',
      'g-dead-never-shared',
    ]);
  });

  it('is the default and stays available whatever columns the pool has', () => {
    assert.equal(DEFAULT_WORKER_SORT.key, 'attention');
    assert.equal(effectiveSort(DEFAULT_WORKER_SORT, workerColumns(GENERIC_TERMS, [])), DEFAULT_WORKER_SORT);
  });
});

describe('the worker table state in the address', () => {
  it('reads filters and sort from the route, ignoring what it does not know', () => {
    assert.deepEqual(workerTableState(undefined), { state: 'all', name: '', sort: DEFAULT_WORKER_SORT });
    assert.deepEqual(workerTableState({ state: 'offline', name: 'rig', sort: 'h10m', dir: 'desc' }), {
      state: 'offline',
      name: 'rig',
      sort: { key: 'h10m', direction: 'desc' },
    });
    assert.deepEqual(workerTableState({ state: 'exploded', sort: 'nonsense', dir: 'sideways' }), { state: 'all', name: '', sort: DEFAULT_WORKER_SORT });
    assert.deepEqual(workerTableState({ sort: 'attr:Rented' }).sort, { key: 'attr:Rented', direction: 'asc' });
  });

  it('writes only what differs from the defaults, so the plain list has a plain address', () => {
    assert.deepEqual(workersViewFor({ state: 'all', name: '', sort: DEFAULT_WORKER_SORT }), {});
    assert.deepEqual(workersViewFor({ state: 'dead', name: 'rig 1', sort: { key: 'name', direction: 'desc' } }), {
      state: 'dead',
      name: 'rig 1',
      sort: 'name',
      dir: 'desc',
    });
    const state = { state: 'offline' as const, name: 'x', sort: { key: 'lastShare' as const, direction: 'asc' as const } };
    assert.deepEqual(workerTableState(workersViewFor(state)), state);
  });
});
