import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { desktopNotificationSink, type NotifierPort } from '../../../main/app/desktop-notifications';
import type { Notification } from '../../../main/alerts/notification-format';
import { computeTrayState, hashrateTrend, trayLevel } from '../../../main/app/tray-state';
import { makeSummary } from './fakes';

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n1',
    atMs: 0,
    kind: 'alert',
    title: '12 workers offline in batchtest',
    body: 'rig-01, rig-02, …',
    severity: 'warning',
    urgent: false,
    accountId: 'farm',
    alertKeys: ['k1', 'k2'],
    items: [],
    actions: ['snooze-1h', 'open'],
    ...overrides,
  };
}

function recordingPort() {
  const shown: Parameters<NotifierPort['show']>[0][] = [];
  return { port: { show: (n: Parameters<NotifierPort['show']>[0]) => shown.push(n) }, shown };
}

describe('desktop notifications', () => {
  it('shows title and body with Snooze 1 h and Open buttons that act on the alerts behind it', () => {
    const { port, shown } = recordingPort();
    const snoozed: string[][] = [];
    let opened = 0;
    desktopNotificationSink(port, { snoozeHour: (keys) => snoozed.push([...keys]), openAlerts: () => (opened += 1) })(notification());
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.title, '12 workers offline in batchtest');
    assert.deepEqual(shown[0]?.buttons.map((button) => button.label), ['Snooze 1 h', 'Open']);
    shown[0]?.buttons[0]?.run();
    assert.deepEqual(snoozed, [['k1', 'k2']]);
    shown[0]?.onClick();
    shown[0]?.buttons[1]?.run();
    assert.equal(opened, 2);
  });

  it('offers no snooze for a notification without alerts (a payout event)', () => {
    const { port, shown } = recordingPort();
    desktopNotificationSink(port, { snoozeHour: () => assert.fail('no snooze'), openAlerts: () => {} })(
      notification({ kind: 'event', alertKeys: [], actions: ['open'] }),
    );
    assert.deepEqual(shown[0]?.buttons.map((button) => button.label), ['Open']);
  });
});

describe('tray level with firing alerts', () => {
  const healthy = makeSummary({ status: 'ok', workers: { online: 4, offline: 0, dead: 0, unknown: 0, total: 4 } });

  it('is raised by the worst firing alert, never lowered', () => {
    assert.equal(trayLevel([healthy], null), 'ok');
    assert.equal(trayLevel([healthy], 'info'), 'ok');
    assert.equal(trayLevel([healthy], 'warning'), 'warning');
    assert.equal(trayLevel([healthy], 'critical'), 'problem');
    assert.equal(trayLevel([makeSummary({ status: 'unreachable' })], 'warning'), 'problem');
  });

  it('says an alert is firing when that is what raised it', () => {
    assert.match(computeTrayState([healthy], false, 'critical').tooltip, /critical alert firing/);
    assert.equal(computeTrayState([healthy], false, 'critical').iconName, 'tray-problem');
  });
});

describe('tray hashrate trend', () => {
  it('compares the fleet 10-minute hashrate with its 24 h average', () => {
    const at = (h10m: number | null, h24h: number | null) => makeSummary({ hashrate: { h10m, h1h: null, h24h } });
    assert.equal(hashrateTrend([at(88, 100)]), '▼ 12% vs 24 h');
    assert.equal(hashrateTrend([at(60, 50), at(60, 50)]), '▲ 20% vs 24 h');
    assert.equal(hashrateTrend([at(100, 100)]), '= 24 h avg');
    assert.equal(hashrateTrend([at(100, null)]), null);
    assert.match(computeTrayState([makeSummary({ status: 'ok', hashrate: { h10m: 88e12, h1h: null, h24h: 100e12 } })], false).tooltip, /88\.0 TH\/s \(▼ 12% vs 24 h\)/);
  });
});

describe('tray with workers online but not hashing', () => {
  const hashing = { online: 4, offline: 0, dead: 0, unknown: 0, total: 4, notHashing: 0 };

  it('stays ok while every online worker hashes, and is raised to warning by one that does not', () => {
    assert.equal(trayLevel([makeSummary({ status: 'ok', workers: hashing })]), 'ok');
    const idle = makeSummary({ status: 'ok', workers: { ...hashing, notHashing: 1 } });
    assert.equal(trayLevel([makeSummary({ id: 'other', status: 'ok', workers: hashing }), idle]), 'warning');
    const state = computeTrayState([idle], false);
    assert.equal(state.iconName, 'tray-warning');
    assert.match(state.tooltip, /4\/4 workers online, 1 not hashing/);
  });

  it('does not lower a problem to a warning', () => {
    assert.equal(trayLevel([makeSummary({ status: 'unreachable', workers: { ...hashing, notHashing: 2 } })]), 'problem');
  });
});
