import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQuietAt, minuteOfDay } from '../../../main/alerts/quiet-hours';
import { SnoozeRegistry } from '../../../main/alerts/snoozes';
import type { AlertScope, RuleId } from '../../../main/alerts/alert-types';
import { alertKey } from '../../../main/alerts/alert-types';
import { HOUR, MINUTE } from './observation-builder';

const quiet = (start: string, end: string, timezone: string | null = 'UTC') => ({ enabled: true, start, end, timezone });
const utc = (hh: number, mm = 0, day = 21) => Date.UTC(2026, 10, day, hh, mm);

describe('quiet hours', () => {
  it('spans midnight', () => {
    const q = quiet('22:00', '07:00');
    assert.equal(isQuietAt(utc(21, 59), q), false);
    assert.equal(isQuietAt(utc(22, 0), q), true);
    assert.equal(isQuietAt(utc(3, 0), q), true);
    assert.equal(isQuietAt(utc(6, 59), q), true);
    assert.equal(isQuietAt(utc(7, 0), q), false);
  });

  it('works within a day, and not at all when disabled or empty', () => {
    assert.equal(isQuietAt(utc(13, 0), quiet('12:00', '14:00')), true);
    assert.equal(isQuietAt(utc(14, 0), quiet('12:00', '14:00')), false);
    assert.equal(isQuietAt(utc(23, 0), { ...quiet('22:00', '07:00'), enabled: false }), false);
    assert.equal(isQuietAt(utc(23, 0), quiet('22:00', '22:00')), false);
  });

  it('reads the clock of the configured time zone, daylight saving included', () => {
    // 21:30 UTC in November is 22:30 in Berlin (CET, +1) and 16:30 in New York (EST, -5).
    assert.equal(isQuietAt(utc(21, 30), quiet('22:00', '07:00', 'Europe/Berlin')), true);
    assert.equal(isQuietAt(utc(21, 30), quiet('22:00', '07:00', 'America/New_York')), false);
    assert.equal(minuteOfDay(utc(21, 30), 'Europe/Berlin'), 22 * 60 + 30);
    // In July Berlin is on CEST (+2): 20:30 UTC is already 22:30 there.
    assert.equal(isQuietAt(Date.UTC(2026, 6, 1, 20, 30), quiet('22:00', '07:00', 'Europe/Berlin')), true);
    assert.equal(minuteOfDay(utc(0, 5), 'UTC'), 5, 'midnight is 0, not 24');
  });
});

const WORKER: AlertScope = { accountId: 'acc-1', accountLabel: 'batchtest', group: 'east', worker: 'rig-01' };

function item(ruleId: RuleId, scope: Partial<AlertScope> = {}) {
  const full = { ...WORKER, ...scope };
  return { key: alertKey(ruleId, full), ruleId, scope: full };
}

describe('SnoozeRegistry', () => {
  const now = utc(12);

  it('matches by every level: worker, group, account, rule, alert', () => {
    const cases: Array<[Parameters<SnoozeRegistry['snooze']>[0], boolean[]]> = [
      // [target, matches for: rig-01 offline, rig-02 offline, rig-01 in west, other account, rig-01 drop]
      [{ accountId: 'acc-1', group: 'east', worker: 'rig-01' }, [true, false, false, false, true]],
      [{ accountId: 'acc-1', group: 'east' }, [true, true, false, false, true]],
      [{ accountId: 'acc-1' }, [true, true, true, false, true]],
      [{ ruleId: 'worker-offline' }, [true, true, true, true, false]],
      [{ accountId: 'acc-1', ruleId: 'hashrate-drop' }, [false, false, false, false, true]],
      [{ key: alertKey('worker-offline', WORKER) }, [true, false, false, false, false]],
    ];
    const items = [
      item('worker-offline'),
      item('worker-offline', { worker: 'rig-02' }),
      item('worker-offline', { group: 'west' }),
      item('worker-offline', { accountId: 'acc-2' }),
      item('hashrate-drop'),
    ];
    for (const [target, expected] of cases) {
      const registry = new SnoozeRegistry();
      registry.snooze(target, null);
      assert.deepEqual(items.map((i) => registry.isSnoozed(i, now)), expected, JSON.stringify(target));
    }
  });

  it('ends at its time, or when resumed', () => {
    const registry = new SnoozeRegistry();
    registry.snooze({ accountId: 'acc-1' }, now + HOUR);
    assert.equal(registry.isSnoozed(item('worker-offline'), now + HOUR - MINUTE), true);
    assert.equal(registry.isSnoozed(item('worker-offline'), now + HOUR), false);
    registry.snooze({ ruleId: 'worker-offline' }, null);
    assert.equal(registry.isSnoozed(item('worker-offline'), now + 1000 * HOUR), true);
    assert.equal(registry.unsnooze({ ruleId: 'worker-offline' }), true);
    assert.equal(registry.unsnooze({ ruleId: 'worker-offline' }), false);
    assert.equal(registry.isSnoozed(item('worker-offline'), now + 1000 * HOUR), false);
  });

  it('replaces a snooze of the same target and lists only live ones', () => {
    const registry = new SnoozeRegistry();
    registry.snooze({ accountId: 'acc-1' }, now + HOUR);
    registry.snooze({ accountId: 'acc-1' }, now + 2 * HOUR);
    registry.snooze({ accountId: 'acc-2' }, now + MINUTE);
    assert.deepEqual(registry.list(now + 30 * MINUTE), [{ target: { accountId: 'acc-1' }, untilMs: now + 2 * HOUR }]);
  });

  it('refuses targets that would be ambiguous', () => {
    const registry = new SnoozeRegistry();
    assert.throws(() => registry.snooze({}, null), /needs a target/);
    assert.throws(() => registry.snooze({ group: 'east' }, null), /accountId/);
    assert.throws(() => registry.snooze({ accountId: 'acc-1', worker: 'rig-01' }, null), /group/);
  });
});
