import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyScope, scopeUnitSystem, scopeWithWorker, workerSuggestions } from '../../../renderer/features/charts/chart-scope';
import { FLEET_SCOPE } from '../../../renderer/state/route';
import { HistoryScopeSchema } from '../../../shared/contract/history-schemas';

const WORKERS = [
  { name: 'rig-10', group: 'rack-a' },
  { name: 'rig-2', group: 'rack-a' },
  { name: 'rig-2', group: 'rack-b' },
  { name: 'gpu-1', group: 'rack-b' },
];

describe('history scope', () => {
  it('leaves out what is not chosen, and always satisfies the contract', () => {
    assert.deepEqual(historyScope(FLEET_SCOPE), {});
    assert.deepEqual(historyScope({ accountId: 'a', group: 'g', worker: 'w' }), { accountId: 'a', group: 'g', worker: 'w' });
    // A worker without its group, or a group without its account, is dropped rather than sent.
    assert.deepEqual(historyScope({ accountId: 'a', group: null, worker: 'w' }), { accountId: 'a' });
    assert.deepEqual(historyScope({ accountId: null, group: 'g', worker: null }), {});
    for (const scope of [FLEET_SCOPE, { accountId: 'a', group: null, worker: 'w' }, { accountId: null, group: 'g', worker: 'w' }]) {
      assert.equal(HistoryScopeSchema.safeParse(historyScope(scope)).success, true);
    }
  });

  it('uses 1024-based units for a Stratumsphere account only', () => {
    const accounts = [
      { id: 'ss', pool: 'stratumsphere' as const },
      { id: 'sbi', pool: 'sbi' as const },
    ];
    assert.equal(scopeUnitSystem({ ...FLEET_SCOPE, accountId: 'ss' }, accounts), 'binary');
    assert.equal(scopeUnitSystem({ ...FLEET_SCOPE, accountId: 'sbi' }, accounts), 'si');
    assert.equal(scopeUnitSystem(FLEET_SCOPE, accounts), 'si');
    assert.equal(scopeUnitSystem({ ...FLEET_SCOPE, accountId: 'gone' }, accounts), 'si');
  });
});

describe('worker picker', () => {
  it('suggests matching workers naturally sorted, in the chosen group', () => {
    assert.deepEqual(
      workerSuggestions(WORKERS, null, 'RIG').map((worker) => `${worker.group}/${worker.name}`),
      ['rack-a/rig-2', 'rack-b/rig-2', 'rack-a/rig-10'],
    );
    assert.deepEqual(workerSuggestions(WORKERS, 'rack-b', '').map((worker) => worker.name), ['gpu-1', 'rig-2']);
    assert.equal(workerSuggestions(WORKERS, null, '', 2).length, 2);
  });

  it('fills in the group of a worker whose name is unique in the account', () => {
    const scope = { accountId: 'a', group: null, worker: null };
    assert.deepEqual(scopeWithWorker(scope, ' rig-10 ', WORKERS), { accountId: 'a', group: 'rack-a', worker: 'rig-10' });
    assert.equal(scopeWithWorker(scope, 'rig-2', WORKERS), null);
    assert.deepEqual(scopeWithWorker({ ...scope, group: 'rack-b' }, 'rig-2', WORKERS), { accountId: 'a', group: 'rack-b', worker: 'rig-2' });
  });

  it('accepts a worker no longer listed when its group is chosen, and clears on an empty name', () => {
    const scope = { accountId: 'a', group: 'rack-a', worker: 'rig-10' };
    assert.deepEqual(scopeWithWorker(scope, 'retired-rig', WORKERS), { ...scope, worker: 'retired-rig' });
    assert.deepEqual(scopeWithWorker(scope, '', WORKERS), { ...scope, worker: null });
    assert.equal(scopeWithWorker({ accountId: 'a', group: null, worker: null }, 'retired-rig', WORKERS), null);
    assert.equal(scopeWithWorker(FLEET_SCOPE, 'rig-10', WORKERS), null);
  });
});
