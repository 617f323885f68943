import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkersDelta } from '../../../shared/contract';
import { workerKey } from '../../../shared/model';
import { createWorkersStore } from '../../../renderer/state/workers-store';
import { makeWorker } from './fixtures';

function loadedStore(accountId = 'acc', count = 3) {
  const store = createWorkersStore();
  const requestId = store.getState().beginLoad(accountId);
  store.getState().finishLoad(
    accountId,
    requestId,
    Array.from({ length: count }, (_, i) => makeWorker({ name: `rig-${i}` })),
  );
  return store;
}

function delta(overrides: Partial<WorkersDelta>): WorkersDelta {
  return { accountId: 'acc', upserted: [], removed: [], total: 3, ...overrides };
}

describe('workers store: loading', () => {
  it('holds the loaded workers keyed by group and name', () => {
    const store = loadedStore();
    const entry = store.getState().byAccount.acc;
    assert.equal(entry?.status, 'ready');
    assert.equal(entry?.workers.size, 3);
    assert.equal(entry?.workers.get(workerKey({ group: 'main', name: 'rig-1' }))?.name, 'rig-1');
  });

  it('ignores the answer of a load that a newer load replaced', () => {
    const store = createWorkersStore();
    const older = store.getState().beginLoad('acc');
    const newer = store.getState().beginLoad('acc');
    store.getState().finishLoad('acc', newer, [makeWorker({ name: 'new' })]);
    store.getState().finishLoad('acc', older, [makeWorker({ name: 'old' })]);
    assert.deepEqual([...(store.getState().byAccount.acc?.workers.values() ?? [])].map((w) => w.name), ['new']);
  });

  it('keeps the shown workers while reloading, and records a failure with its message', () => {
    const store = loadedStore();
    const requestId = store.getState().beginLoad('acc');
    assert.equal(store.getState().byAccount.acc?.status, 'loading');
    assert.equal(store.getState().byAccount.acc?.workers.size, 3);
    store.getState().failLoad('acc', requestId, 'No account "acc".');
    assert.equal(store.getState().byAccount.acc?.status, 'error');
    assert.equal(store.getState().byAccount.acc?.error, 'No account "acc".');
  });
});

describe('workers store: deltas', () => {
  it('upserts and removes workers', () => {
    const store = loadedStore();
    const outcome = store.getState().applyDelta(
      delta({
        upserted: [makeWorker({ name: 'rig-0', state: 'dead' }), makeWorker({ name: 'rig-9' })],
        removed: [{ group: 'main', name: 'rig-2' }],
        total: 3,
      }),
    );
    const after = store.getState().byAccount.acc;
    assert.equal(outcome, 'applied');
    assert.deepEqual([...(after?.workers.keys() ?? [])].map((key) => key.split('\u0000')[1]).sort(), ['rig-0', 'rig-1', 'rig-9']);
    assert.equal(after?.workers.get(workerKey({ group: 'main', name: 'rig-0' }))?.state, 'dead');
  });

  it('leaves the published map untouched (a new map per change)', () => {
    const store = loadedStore();
    const before = store.getState().byAccount.acc;
    store.getState().applyDelta(delta({ removed: [{ group: 'main', name: 'rig-0' }], total: 2 }));
    assert.equal(before?.workers.size, 3);
    assert.notEqual(store.getState().byAccount.acc?.workers, before?.workers);
  });

  it('removes only the worker of the named group', () => {
    const store = createWorkersStore();
    const id = store.getState().beginLoad('acc');
    store.getState().finishLoad('acc', id, [makeWorker({ name: 'rig', group: 'a' }), makeWorker({ name: 'rig', group: 'b' })]);
    store.getState().applyDelta(delta({ removed: [{ group: 'b', name: 'rig' }], total: 1 }));
    assert.deepEqual([...(store.getState().byAccount.acc?.workers.values() ?? [])].map((w) => w.group), ['a']);
  });

  it('leaves the entry as it is for an empty delta', () => {
    const store = loadedStore();
    const before = store.getState().byAccount.acc;
    assert.equal(store.getState().applyDelta(delta({})), 'applied');
    assert.equal(store.getState().byAccount.acc, before);
  });

  it('reports out-of-sync when the count disagrees with the engine total', () => {
    const store = loadedStore();
    assert.equal(store.getState().applyDelta(delta({ upserted: [makeWorker({ name: 'new' })], total: 3 })), 'out-of-sync');
  });

  it('ignores deltas for accounts not loaded, or still loading', () => {
    const store = createWorkersStore();
    assert.equal(store.getState().applyDelta(delta({ upserted: [makeWorker({ name: 'x' })], total: 1 })), 'ignored');
    assert.equal(store.getState().byAccount.acc, undefined);
    store.getState().beginLoad('acc');
    assert.equal(store.getState().applyDelta(delta({ upserted: [makeWorker({ name: 'x' })], total: 1 })), 'ignored');
    assert.equal(store.getState().byAccount.acc?.workers.size, 0);
  });

  it('applies a 30,000-worker delta quickly', () => {
    const store = loadedStore('acc', 30_000);
    const upserted = Array.from({ length: 30_000 }, (_, i) => makeWorker({ name: `rig-${i}`, state: 'offline' }));
    const started = performance.now();
    assert.equal(store.getState().applyDelta(delta({ upserted, total: 30_000 })), 'applied');
    assert.ok(performance.now() - started < 500);
  });

  it('forget drops an account', () => {
    const store = loadedStore();
    store.getState().forget('acc');
    assert.equal(store.getState().byAccount.acc, undefined);
  });
});
