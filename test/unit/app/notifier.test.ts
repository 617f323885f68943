import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { EngineEvent } from '../../../main/engine/service';
import { SimpleAlerter, connectNotifications, type NotifierPort } from '../../../main/app/notifier';
import type { Worker } from '../../../shared/model';
import { FakeEngine, makeSummary, makeWorker } from './fakes';

function account(overrides: Parameters<typeof makeSummary>[0]): EngineEvent {
  return { channel: 'state:account', payload: makeSummary(overrides) };
}

function workers(upserted: Worker[], removed: Array<{ group: string; name: string }> = []): EngineEvent {
  return { channel: 'state:workers-delta', payload: { accountId: 'acc-1', upserted, removed, total: upserted.length } };
}

function fleet(count: number, state: Worker['state']): Worker[] {
  return Array.from({ length: count }, (_, index) => makeWorker(`rig-${index + 1}`, state));
}

describe('SimpleAlerter', () => {
  it('stays quiet through a first poll that works', () => {
    const alerter = new SimpleAlerter();
    assert.deepEqual(alerter.handle(account({ status: 'pending' })), []);
    assert.deepEqual(alerter.handle(workers(fleet(3, 'online'))), []);
    assert.deepEqual(alerter.handle(account({ status: 'ok' })), []);
  });

  it('does not notify workers already offline on the first poll', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(account({ status: 'pending' }));
    assert.deepEqual(alerter.handle(workers(fleet(5, 'offline'))), []);
  });

  it('notifies a single worker going offline, by the account label', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(account({ status: 'pending' }));
    alerter.handle(workers(fleet(3, 'online')));
    alerter.handle(account({ status: 'ok' }));
    const alerts = alerter.handle(workers([makeWorker('rig-2', 'offline')]));
    assert.deepEqual(alerts, [
      { accountId: 'acc-1', title: 'Worker offline in batchtest', body: 'rig-2 (main) stopped sending shares.' },
    ]);
    assert.deepEqual(alerter.handle(workers([makeWorker('rig-2', 'dead')])), [], 'offline to dead is not news');
  });

  it('groups 12 workers going offline into one notification', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(account({ status: 'ok' }));
    alerter.handle(workers(fleet(20, 'online')));
    const alerts = alerter.handle(workers(fleet(12, 'offline')));
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.title, '12 workers offline in batchtest');
  });

  it('notifies again after a worker came back and left again', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(workers([makeWorker('rig', 'online')]));
    assert.equal(alerter.handle(workers([makeWorker('rig', 'offline')])).length, 1);
    assert.equal(alerter.handle(workers([makeWorker('rig', 'online')])).length, 0);
    assert.equal(alerter.handle(workers([makeWorker('rig', 'offline')])).length, 1);
  });

  it('forgets removed workers and removed accounts', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(workers([makeWorker('rig', 'online')]));
    alerter.handle(workers([], [{ group: 'main', name: 'rig' }]));
    assert.deepEqual(alerter.handle(workers([makeWorker('rig', 'offline')])), []);

    alerter.handle(workers([makeWorker('rig', 'online')]));
    alerter.handle(account({ status: 'unreachable' }));
    alerter.handle({ channel: 'state:account-removed', payload: { id: 'acc-1' } });
    assert.deepEqual(alerter.handle(workers([makeWorker('rig', 'offline')])), []);
    assert.equal(alerter.handle(account({ status: 'unreachable' })).length, 1, 'a re-added account starts afresh');
  });

  it('notifies an account starting to fail once, not again while failing or on recovery', () => {
    const alerter = new SimpleAlerter();
    alerter.handle(account({ status: 'pending' }));
    alerter.handle(account({ status: 'ok' }));
    const failing = alerter.handle(account({ status: 'auth_error', message: 'The pool rejected the API key.' }));
    assert.deepEqual(failing, [
      { accountId: 'acc-1', title: 'batchtest: key rejected', body: 'The pool rejected the API key.' },
    ]);
    assert.deepEqual(alerter.handle(account({ status: 'auth_error' })), []);
    assert.deepEqual(alerter.handle(account({ status: 'unreachable' })), []);
    assert.deepEqual(alerter.handle(account({ status: 'ok' })), []);
  });

  it('ignores pause events', () => {
    assert.deepEqual(new SimpleAlerter().handle({ channel: 'state:paused', payload: { paused: true } }), []);
  });
});

describe('connectNotifications', () => {
  it('shows each alert through the port until stopped', () => {
    const engine = new FakeEngine();
    const shown: Array<[string, string]> = [];
    const port: NotifierPort = { show: (title, body) => shown.push([title, body]) };
    const stop = connectNotifications(engine, port);
    engine.emit(account({ status: 'ok' }));
    engine.emit(account({ status: 'unreachable', message: 'No answer from the pool.' }));
    assert.deepEqual(shown, [['batchtest: pool unreachable', 'No answer from the pool.']]);
    stop();
    assert.equal(engine.listenerCount(), 0);
  });

  it('survives a port that throws', () => {
    const engine = new FakeEngine();
    const warnings: string[] = [];
    const port: NotifierPort = {
      show: () => {
        throw new Error('no notification daemon');
      },
    };
    connectNotifications(engine, port, { info: () => {}, warn: (m) => warnings.push(m), error: () => {} });
    engine.emit(account({ status: 'error' }));
    assert.equal(warnings.length, 1);
  });
});
