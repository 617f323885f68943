import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { workerKey, type AccountStatus, type WorkerState } from '../../../shared/model';
import { accountStatusAlerts, workerStateAlerts } from '../../../main/alerts/simple-rules';
import { makeSummary, makeWorker } from '../app/fakes';

const ACCOUNT = { id: 'acc-1', label: 'batchtest' };

function states(entries: Array<[string, WorkerState]>): Map<string, WorkerState> {
  return new Map(entries.map(([name, state]) => [workerKey({ group: 'main', name }), state]));
}

function delta(workers: ReturnType<typeof makeWorker>[]) {
  return { accountId: 'acc-1', upserted: workers, removed: [], total: workers.length };
}

describe('accountStatusAlerts', () => {
  const summary = (status: AccountStatus, message: string | null = null) => makeSummary({ status, message });

  it('notifies when an account starts failing after ok, limited or pending', () => {
    for (const before of ['ok', 'permission_limited', 'pending'] as const) {
      for (const after of ['auth_error', 'unreachable', 'error'] as const) {
        const alerts = accountStatusAlerts(summary(before), summary(after, 'The pool rejected the API key.'));
        assert.equal(alerts.length, 1, `${before} -> ${after}`);
        assert.equal(alerts[0]?.accountId, 'acc-1');
        assert.match(alerts[0]?.title ?? '', /^batchtest: /);
      }
    }
    assert.deepEqual(accountStatusAlerts(summary('ok'), summary('auth_error', 'The pool rejected the API key.')), [
      { accountId: 'acc-1', title: 'batchtest: key rejected', body: 'The pool rejected the API key.' },
    ]);
  });

  it('treats an account seen for the first time as pending', () => {
    assert.equal(accountStatusAlerts(undefined, summary('unreachable')).length, 1);
    assert.equal(accountStatusAlerts(undefined, summary('ok')).length, 0);
  });

  it('says nothing while it stays failing, changes kind of failure, or recovers', () => {
    assert.deepEqual(accountStatusAlerts(summary('unreachable'), summary('unreachable')), []);
    assert.deepEqual(accountStatusAlerts(summary('unreachable'), summary('error')), []);
    assert.deepEqual(accountStatusAlerts(summary('auth_error'), summary('ok')), []);
    assert.deepEqual(accountStatusAlerts(summary('error'), summary('permission_limited')), []);
  });

  it('says nothing on a first poll that works', () => {
    assert.deepEqual(accountStatusAlerts(summary('pending'), summary('ok')), []);
    assert.deepEqual(accountStatusAlerts(summary('pending'), summary('permission_limited')), []);
  });

  it('falls back to a sentence when the account has no message', () => {
    assert.match(accountStatusAlerts(summary('ok'), summary('error'))[0]?.body ?? '', /keeps trying/);
  });
});

describe('workerStateAlerts', () => {
  it('notifies one worker going offline from online', () => {
    const alerts = workerStateAlerts(ACCOUNT, delta([makeWorker('rig-01', 'offline')]), states([['rig-01', 'online']]));
    assert.deepEqual(alerts, [
      { accountId: 'acc-1', title: 'Worker offline in batchtest', body: 'rig-01 (main) stopped sending shares.' },
    ]);
  });

  it('counts a worker going straight to dead', () => {
    assert.equal(workerStateAlerts(ACCOUNT, delta([makeWorker('rig-01', 'dead')]), states([['rig-01', 'online']])).length, 1);
  });

  it('groups many workers into one notification', () => {
    const names = Array.from({ length: 12 }, (_, index) => `rig-${String(index + 1).padStart(2, '0')}`);
    const alerts = workerStateAlerts(
      ACCOUNT,
      delta(names.map((name, index) => makeWorker(name, index % 3 === 0 ? 'dead' : 'offline'))),
      states(names.map((name) => [name, 'online'])),
    );
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.title, '12 workers offline in batchtest');
    assert.equal(alerts[0]?.body, 'rig-01, rig-02, rig-03, rig-04, rig-05 and 7 more stopped sending shares.');
  });

  it('ignores workers not online before: first poll, new workers, offline to dead', () => {
    const workers = [makeWorker('new', 'offline'), makeWorker('was-offline', 'dead'), makeWorker('was-unknown', 'offline')];
    const previous = states([
      ['was-offline', 'offline'],
      ['was-unknown', 'unknown'],
    ]);
    assert.deepEqual(workerStateAlerts(ACCOUNT, delta(workers), previous), []);
    assert.deepEqual(workerStateAlerts(ACCOUNT, delta(workers), new Map()), []);
  });

  it('ignores workers that stay online or come back', () => {
    const previous = states([
      ['a', 'online'],
      ['b', 'offline'],
    ]);
    assert.deepEqual(workerStateAlerts(ACCOUNT, delta([makeWorker('a', 'online'), makeWorker('b', 'online')]), previous), []);
  });

  it('tells apart same-named workers in different groups', () => {
    const previous = new Map<string, WorkerState>([[workerKey({ group: 'east', name: 'rig' }), 'online']]);
    assert.deepEqual(workerStateAlerts(ACCOUNT, delta([makeWorker('rig', 'offline', 'west')]), previous), []);
    assert.equal(workerStateAlerts(ACCOUNT, delta([makeWorker('rig', 'offline', 'east')]), previous).length, 1);
  });
});
