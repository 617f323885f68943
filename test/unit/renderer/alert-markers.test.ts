import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertFirings, alertMarkers, markerTitle } from '../../../renderer/features/charts/alert-markers';
import { FLEET_SCOPE } from '../../../renderer/state/route';
import { makeHistoryEntry } from './alert-fixtures';

const WINDOW = { fromMs: Date.parse('2025-01-01T00:00:00.000Z'), toMs: Date.parse('2025-01-02T00:00:00.000Z') };
const account = (group: string | null, worker: string | null) => ({ accountId: 'acc-1', accountLabel: 'Main', group, worker });

describe('alert firings', () => {
  it('keeps transitions to firing inside the window, oldest first', () => {
    const firings = alertFirings(
      [
        makeHistoryEntry({ id: 3, at: '2025-01-01T12:00:00.000Z' }),
        makeHistoryEntry({ id: 1, at: '2025-01-01T06:00:00.000Z', severity: 'critical', message: 'hashrate dropped' }),
        makeHistoryEntry({ id: 2, at: '2025-01-01T07:00:00.000Z', from: 'firing', to: 'resolving' }),
        makeHistoryEntry({ id: 4, at: '2025-01-01T08:00:00.000Z', kind: 'event', from: null, to: null }),
        makeHistoryEntry({ id: 5, at: '2024-12-31T23:00:00.000Z' }),
      ],
      FLEET_SCOPE,
      WINDOW,
    );
    assert.deepEqual(firings, [
      { id: 1, atMs: Date.parse('2025-01-01T06:00:00.000Z'), severity: 'critical', message: 'hashrate dropped' },
      { id: 3, atMs: Date.parse('2025-01-01T12:00:00.000Z'), severity: 'warning', message: 'rig-1 is offline' },
    ]);
  });

  it('shows a group its own and its account-wide alerts, a worker its own, its group’s and the account’s', () => {
    const entries = [
      makeHistoryEntry({ id: 1, scope: account(null, null) }),
      makeHistoryEntry({ id: 2, scope: account('rack-a', null) }),
      makeHistoryEntry({ id: 3, scope: account('rack-a', 'rig-1') }),
      makeHistoryEntry({ id: 4, scope: account('rack-a', 'rig-2') }),
      makeHistoryEntry({ id: 5, scope: account('rack-b', 'rig-1') }),
      makeHistoryEntry({ id: 6, scope: { ...account(null, null), accountId: 'acc-2' } }),
    ];
    const ids = (scope: { accountId: string | null; group: string | null; worker: string | null }) =>
      alertFirings(entries, scope, WINDOW).map((firing) => firing.id);
    assert.deepEqual(ids(FLEET_SCOPE), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(ids({ accountId: 'acc-1', group: null, worker: null }), [1, 2, 3, 4, 5]);
    assert.deepEqual(ids({ accountId: 'acc-1', group: 'rack-a', worker: null }), [1, 2, 3, 4]);
    assert.deepEqual(ids({ accountId: 'acc-1', group: 'rack-a', worker: 'rig-1' }), [1, 2, 3]);
  });
});

describe('alert markers', () => {
  const firing = (id: number, minute: number, severity: 'info' | 'warning' | 'critical' = 'warning') => ({
    id,
    atMs: WINDOW.fromMs + minute * 60_000,
    severity,
    message: `alert ${id}`,
  });

  it('merges firings closer than a few pixels into one marker in the worst severity', () => {
    // 1440 minutes over 720 px: 2 minutes per pixel, so 6 px is 12 minutes.
    const markers = alertMarkers([firing(1, 0), firing(2, 5, 'critical'), firing(3, 11), firing(4, 60, 'info')], WINDOW, 720);
    assert.deepEqual(
      markers.map((marker) => ({ at: marker.atMs, severity: marker.severity, ids: marker.firings.map((one) => one.id) })),
      [
        { at: firing(1, 0).atMs, severity: 'critical', ids: [1, 2, 3] },
        { at: firing(4, 60).atMs, severity: 'info', ids: [4] },
      ],
    );
  });

  it('lists every message of a marker on hover', () => {
    const [marker] = alertMarkers([firing(1, 0), firing(2, 1, 'critical')], WINDOW, 720);
    assert.ok(marker !== undefined);
    assert.equal(markerTitle(marker, (ms) => String(ms - WINDOW.fromMs)), '0 · warning: alert 1\n60000 · critical: alert 2');
  });
});
