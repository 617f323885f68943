import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { AccountStatus, WorkerCounts } from '../../../shared/model';
import { MAX_TOOLTIP_LENGTH, computeTrayState, totalHashrateHps, trayLevel } from '../../../main/app/tray-state';
import { makeSummary } from './fakes';

function counts(online: number, offline = 0, dead = 0, unknown = 0): WorkerCounts {
  return { online, offline, dead, unknown, total: online + offline + dead + unknown };
}

function account(status: AccountStatus, extra: Parameters<typeof makeSummary>[0] = {}) {
  return makeSummary({ status, workers: counts(4), ...extra });
}

describe('trayLevel', () => {
  it('is unknown with no accounts or only unpolled ones', () => {
    assert.equal(trayLevel([]), 'unknown');
    assert.equal(trayLevel([account('pending'), account('pending')]), 'unknown');
  });

  it('is problem when any account fails, whatever the others say', () => {
    for (const status of ['auth_error', 'unreachable', 'error'] as const) {
      assert.equal(trayLevel([account('ok'), account(status), account('permission_limited')]), 'problem', status);
    }
    assert.equal(trayLevel([account('pending'), account('unreachable')]), 'problem');
  });

  it('is warning for limited permissions, stale data, or offline workers', () => {
    assert.equal(trayLevel([account('ok'), account('permission_limited')]), 'warning');
    assert.equal(trayLevel([account('ok', { stale: true })]), 'warning');
    assert.equal(trayLevel([account('ok', { workers: counts(3, 1) })]), 'warning');
  });

  it('is problem when every worker of an account is silent', () => {
    assert.equal(trayLevel([account('ok'), account('ok', { workers: counts(0, 3) })]), 'problem');
    assert.equal(trayLevel([account('ok', { workers: counts(0, 0, 4) })]), 'problem');
    assert.equal(computeTrayState([account('ok', { workers: counts(0, 2) })], false).tooltip.includes('all workers down'), true);
  });

  it('is ok otherwise, including accounts still pending beside good ones', () => {
    assert.equal(trayLevel([account('ok'), account('pending')]), 'ok');
    assert.equal(trayLevel([account('ok', { workers: counts(5, 0, 0, 2) })]), 'ok');
    // Pools keep long-gone rigs as DEAD; dead workers beside online ones are not a warning.
    assert.equal(trayLevel([account('ok', { workers: counts(3, 0, 2) })]), 'ok');
    assert.equal(trayLevel([account('ok', { workers: counts(0) })]), 'ok');
  });
});

describe('totalHashrateHps', () => {
  it('sums the 10-minute figures, falling back to 1-hour per account', () => {
    const accounts = [
      makeSummary({ hashrate: { h10m: 1e15, h1h: 5e15, h24h: null } }),
      makeSummary({ hashrate: { h10m: null, h1h: 2e15, h24h: 9e15 } }),
      makeSummary({ hashrate: { h10m: null, h1h: null, h24h: 7e15 } }),
    ];
    assert.equal(totalHashrateHps(accounts), 3e15);
    assert.equal(totalHashrateHps([makeSummary()]), null);
    assert.equal(totalHashrateHps([]), null);
  });
});

describe('computeTrayState', () => {
  it('reads level, hashrate and workers in one line', () => {
    const state = computeTrayState(
      [
        account('ok', { hashrate: { h10m: 1.5e15, h1h: null, h24h: null }, workers: counts(10) }),
        account('ok', { hashrate: { h10m: 1.5e15, h1h: null, h24h: null }, workers: counts(2) }),
      ],
      false,
    );
    assert.deepEqual(state, {
      level: 'ok',
      iconName: 'tray-ok',
      tooltip: 'PoolWatch — all accounts OK · 3.00 PH/s · 12/12 workers online',
    });
  });

  it('names failing accounts, counts workers across accounts and says when paused', () => {
    const state = computeTrayState(
      [account('auth_error', { workers: counts(0) }), account('ok', { workers: counts(7, 3) })],
      true,
    );
    assert.equal(state.level, 'problem');
    assert.equal(state.iconName, 'tray-problem');
    assert.equal(state.tooltip, 'PoolWatch — 1 account failing · — · 7/10 workers online · paused');
  });

  it('has a tooltip for each level', () => {
    assert.equal(computeTrayState([], false).tooltip, 'PoolWatch — no accounts yet');
    assert.equal(computeTrayState([], true).tooltip, 'PoolWatch — no accounts yet · paused');
    assert.match(computeTrayState([account('pending')], false).tooltip, /^PoolWatch — waiting for the first poll · /);
    assert.match(computeTrayState([account('permission_limited')], false).tooltip, /^PoolWatch — needs attention · /);
    assert.match(
      computeTrayState([account('error'), account('unreachable')], false).tooltip,
      /^PoolWatch — 2 accounts failing · /,
    );
  });

  it('keeps the tooltip within the Windows limit, even with huge numbers', () => {
    const many = Array.from({ length: 5000 }, (_, index) =>
      account(index % 2 ? 'error' : 'ok', {
        id: `acc-${index}`,
        hashrate: { h10m: 9.99e20, h1h: null, h24h: null },
        workers: counts(123_456, 654_321, 111_111),
      }),
    );
    for (const paused of [false, true]) {
      const { tooltip } = computeTrayState(many, paused);
      assert.ok(tooltip.length <= MAX_TOOLTIP_LENGTH, `${tooltip.length}: ${tooltip}`);
    }
    assert.equal(MAX_TOOLTIP_LENGTH, 127);
  });
});
