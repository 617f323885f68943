import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  scopeText,
  snoozeCovers,
  snoozeTargetId,
  snoozeTargetText,
  sortActiveAlerts,
  targetsToResume,
} from '../../../renderer/features/alerts/active-alerts';
import { makeActiveAlert } from './alert-fixtures';

describe('sortActiveAlerts', () => {
  it('puts firing first, then pending, then resolving', () => {
    const sorted = sortActiveAlerts([
      makeActiveAlert({ key: 'resolving', state: 'resolving' }),
      makeActiveAlert({ key: 'pending', state: 'pending', firedAt: null }),
      makeActiveAlert({ key: 'firing', state: 'firing' }),
    ]);
    assert.deepEqual(
      sorted.map((alert) => alert.key),
      ['firing', 'pending', 'resolving'],
    );
  });

  it('orders alerts in the same state by severity, then newest first, then key', () => {
    const sorted = sortActiveAlerts([
      makeActiveAlert({ key: 'old-warning', firedAt: '2025-01-01T09:00:00.000Z' }),
      makeActiveAlert({ key: 'new-warning', firedAt: '2025-01-01T11:00:00.000Z' }),
      makeActiveAlert({ key: 'critical', severity: 'critical', firedAt: '2025-01-01T08:00:00.000Z' }),
      makeActiveAlert({ key: 'b-same', firedAt: '2025-01-01T10:00:00.000Z' }),
      makeActiveAlert({ key: 'a-same', firedAt: '2025-01-01T10:00:00.000Z' }),
    ]);
    assert.deepEqual(
      sorted.map((alert) => alert.key),
      ['critical', 'new-warning', 'a-same', 'b-same', 'old-warning'],
    );
  });

  it('uses `since` for alerts that have not fired, and leaves the input alone', () => {
    const input = [
      makeActiveAlert({ key: 'earlier', state: 'pending', firedAt: null, since: '2025-01-01T09:00:00.000Z' }),
      makeActiveAlert({ key: 'later', state: 'pending', firedAt: null, since: '2025-01-01T09:30:00.000Z' }),
    ];
    assert.deepEqual(
      sortActiveAlerts(input).map((alert) => alert.key),
      ['later', 'earlier'],
    );
    assert.equal(input[0]?.key, 'earlier');
  });
});

describe('scopeText', () => {
  it('names the account, then group and worker when present', () => {
    assert.equal(scopeText({ accountId: 'a', accountLabel: 'Main', group: 'rack-a', worker: 'rig-1' }), 'Main · rack-a · rig-1');
    assert.equal(scopeText({ accountId: 'a', accountLabel: 'Main', group: null, worker: null }), 'Main');
    assert.equal(scopeText({ accountId: 'a', accountLabel: 'Main', group: 'rack-a', worker: null }), 'Main · rack-a');
  });
});

describe('snoozes', () => {
  const alert = makeActiveAlert({ key: 'k1' });

  it('matches a target only when every field it names matches', () => {
    assert.equal(snoozeCovers({ key: 'k1' }, alert), true);
    assert.equal(snoozeCovers({ key: 'k2' }, alert), false);
    assert.equal(snoozeCovers({ accountId: 'acc-1' }, alert), true);
    assert.equal(snoozeCovers({ accountId: 'acc-1', ruleId: 'worker-dead' }, alert), false);
    assert.equal(snoozeCovers({ ruleId: 'worker-offline' }, alert), true);
    assert.equal(snoozeCovers({ accountId: 'acc-1', group: 'rack-a', worker: 'rig-2' }, alert), false);
  });

  it('resumes every snooze that silences the alert, or its own key when none is known', () => {
    const snoozes = [
      { target: { accountId: 'acc-1' }, until: null },
      { target: { ruleId: 'worker-dead' as const }, until: null },
      { target: { key: 'k1' }, until: '2025-01-01T11:00:00.000Z' },
    ];
    assert.deepEqual(targetsToResume(alert, snoozes), [{ accountId: 'acc-1' }, { key: 'k1' }]);
    assert.deepEqual(targetsToResume(alert, []), [{ key: 'k1' }]);
  });

  it('describes targets in words, naming a still-active alert by its rule and scope', () => {
    const labels = new Map([['acc-1', 'Main']]);
    assert.equal(snoozeTargetText({ accountId: 'acc-1' }, labels), 'Account Main');
    assert.equal(snoozeTargetText({ ruleId: 'worker-offline', accountId: 'gone' }, labels), 'Rule Worker offline · account gone');
    assert.equal(snoozeTargetText({ key: 'k1' }, labels, new Map([['k1', alert]])), 'Worker offline · Main · rack-a · rig-1');
    assert.equal(snoozeTargetText({ key: 'k9' }, labels), 'Alert k9');
  });

  it('gives each distinct target its own id', () => {
    assert.notEqual(snoozeTargetId({ accountId: 'a' }), snoozeTargetId({ ruleId: 'worker-offline' }));
    assert.equal(snoozeTargetId({ accountId: 'a', ruleId: 'worker-offline' }), snoozeTargetId({ ruleId: 'worker-offline', accountId: 'a' }));
  });
});
