import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupAlgorithm, type Group } from '../../../shared/model';
import {
  accountBadge,
  attentionItems,
  failingCountText,
  sortAccountsByAttention,
} from '../../../renderer/features/overview/account-attention';
import { fleetTotals } from '../../../renderer/features/overview/fleet-totals';
import { keyExpiryText } from '../../../renderer/features/accounts/key-expiry-text';
import { parseRoute, routeHref } from '../../../renderer/state/route';
import { makeActiveAlert } from './alert-fixtures';
import { makeSummary } from './fixtures';

const GOOD_AT = '2025-06-01T12:00:00.000Z';
const counts = (online: number, dead = 0) => ({ online, offline: 0, dead, unknown: 0, total: online + dead });

function group(name: string, coin: string | null, h10m: number, extra: Partial<Group> = {}): Group {
  return { name, coin, hashrate: { h10m, h1h: null, h24h: null }, workers: counts(1), ...extra };
}

describe('account badge', () => {
  it('is not a green "ok" while a critical alert fires on the account', () => {
    const badge = accountBadge({ status: 'ok', stale: false }, { severity: 'critical', count: 2 });
    assert.equal(badge.tone, 'problem');
    assert.equal(badge.text, '2 critical alerts firing');
  });

  it('keeps the API status and adds the alerts when both say something', () => {
    assert.deepEqual(accountBadge({ status: 'unreachable', stale: true }, { severity: 'warning', count: 1 }), {
      tone: 'warning',
      text: 'unreachable · 1 alert firing',
      firing: 1,
    });
    assert.deepEqual(accountBadge({ status: 'auth_error', stale: false }, { severity: 'warning', count: 1 }).tone, 'problem');
  });

  it('stays green for info alerts and with none', () => {
    assert.equal(accountBadge({ status: 'ok', stale: false }, { severity: 'info', count: 1 }).tone, 'ok');
    assert.deepEqual(accountBadge({ status: 'ok', stale: false }, undefined), { tone: 'ok', text: 'ok', firing: 0 });
  });
});

describe('account order', () => {
  it('puts failing accounts and accounts with critical alerts first, healthy ones last, by label within each', () => {
    const accounts = [
      makeSummary({ id: 'a-ok', label: 'Alpha' }),
      makeSummary({ id: 'b-limited', label: 'Beta', status: 'permission_limited' }),
      makeSummary({ id: 'c-alert', label: 'Charlie' }),
      makeSummary({ id: 'd-down', label: 'Delta', status: 'auth_error' }),
      makeSummary({ id: 'e-stale', label: 'Echo', status: 'unreachable', stale: true }),
      makeSummary({ id: 'f-pending', label: 'Foxtrot', status: 'pending' }),
    ];
    const alerts = [makeActiveAlert({ key: 'k1', severity: 'critical', scope: { accountId: 'c-alert', accountLabel: 'Charlie', group: null, worker: null } })];
    assert.deepEqual(
      sortAccountsByAttention(accounts, alerts).map((account) => account.id),
      ['c-alert', 'd-down', 'e-stale', 'b-limited', 'f-pending', 'a-ok'],
    );
  });
});

describe('needs attention', () => {
  const accounts = [
    makeSummary({ id: 'ok', lastGoodAt: GOOD_AT }),
    makeSummary({ id: 'down', status: 'unreachable', stale: true, lastGoodAt: GOOD_AT }),
    makeSummary({ id: 'bad-key', status: 'auth_error' }),
  ];
  const scope = { accountId: 'ok', accountLabel: 'ok', group: 'g', worker: 'rig-1' };

  it('lists failing accounts and firing alerts, critical first, and leaves out pending and snoozed alerts', () => {
    const alerts = [
      makeActiveAlert({ key: 'warn', severity: 'warning', scope }),
      makeActiveAlert({ key: 'crit', severity: 'critical', scope }),
      makeActiveAlert({ key: 'pending', severity: 'critical', state: 'pending', scope }),
      makeActiveAlert({ key: 'snoozed', severity: 'critical', snoozed: true, scope }),
    ];
    assert.deepEqual(
      attentionItems(accounts, alerts).map((item) => item.key),
      ['failing:bad-key', 'alert:crit', 'failing:down', 'alert:warn'],
    );
  });

  it('lists stale data of an account that is not failing (a payload it could not read)', () => {
    const items = attentionItems([makeSummary({ id: 'odd', status: 'ok', stale: true, lastGoodAt: GOOD_AT })], []);
    assert.deepEqual(items.map((item) => [item.kind, item.severity]), [['stale', 'warning']]);
  });

  it('counts failing accounts', () => {
    assert.equal(failingCountText(accounts), '2 of 3 accounts failing');
    assert.equal(failingCountText([makeSummary({ id: 'x' })]), null);
  });
});

describe('fleet totals', () => {
  it('never adds hashes of different algorithms together', () => {
    const totals = fleetTotals([
      makeSummary({ id: 'sbi', lastGoodAt: GOOD_AT, groups: [group('btc', 'BTC', 100), group('eth', 'ETH', 7)], hashrate: { h10m: 107, h1h: null, h24h: null } }),
      makeSummary({ id: 'spider', pool: 'spider', lastGoodAt: GOOD_AT, groups: [group('ltc', 'LTC', 5)], hashrate: { h10m: 5, h1h: null, h24h: null } }),
      makeSummary({ id: 'wmp', pool: 'webminepool', lastGoodAt: GOOD_AT, groups: [group('site', 'WMC', 1)], hashrate: { h10m: 3, h1h: null, h24h: null } }),
      makeSummary({
        id: 'ss',
        pool: 'stratumsphere',
        lastGoodAt: GOOD_AT,
        groups: [group('sched', null, 40, { attributes: { algorithm: 'X11' } })],
        hashrate: { h10m: 40, h1h: null, h24h: null },
      }),
    ]);
    assert.deepEqual(
      totals.byAlgorithm.map((total) => [total.algorithm, total.hashrateHps]),
      [
        ['sha256', 100],
        ['scrypt', 5],
        ['x11', 40],
        ['ethash', 7],
        // WebMinePool's account rate counts miners without a user name too: the account figure is used.
        ['web', 3],
      ],
    );
  });

  it('counts a pool account read through several keys once, from the first fresh reading, and names the duplicates', () => {
    const shared = (h10m: number) => group('usonly', 'BTC', h10m, { identity: 'sbi:subaccount:usonly', workers: counts(10, 5) });
    const totals = fleetTotals([
      makeSummary({ id: 'obs', label: 'Observer', lastGoodAt: GOOD_AT, groups: [{ ...shared(99), coin: null }] }),
      makeSummary({ id: 'full', label: 'Full key', lastGoodAt: GOOD_AT, groups: [shared(100)] }),
      makeSummary({ id: 'ro', label: 'Read-only key', lastGoodAt: '2025-06-01T12:00:30.000Z', groups: [shared(101)] }),
    ]);
    // The observer does not say what its subaccount mines: the other keys' coin places it under SHA-256.
    assert.deepEqual(totals.byAlgorithm.map((total) => [total.algorithm, total.hashrateHps]), [['sha256', 99]]);
    assert.deepEqual(totals.workers, counts(10, 5));
    assert.deepEqual(totals.countedOnce, [
      { label: 'Full key', countedFrom: 'Observer' },
      { label: 'Read-only key', countedFrom: 'Observer' },
    ]);
  });

  it('counts a fresh reading rather than a stale one', () => {
    const shared = (h10m: number) => group('usonly', 'BTC', h10m, { identity: 'sbi:subaccount:usonly' });
    const totals = fleetTotals([
      makeSummary({ id: 'full', label: 'Full key', status: 'unreachable', stale: true, lastGoodAt: GOOD_AT, groups: [shared(100)] }),
      makeSummary({ id: 'ro', label: 'Read-only key', lastGoodAt: GOOD_AT, groups: [shared(120)] }),
    ]);
    assert.deepEqual(totals.byAlgorithm.map((total) => [total.algorithm, total.hashrateHps]), [['sha256', 120]]);
    assert.deepEqual(totals.countedOnce, [{ label: 'Full key', countedFrom: 'Read-only key' }]);
  });

  it('says which accounts are in by their last known figures and which are left out', () => {
    const totals = fleetTotals([
      makeSummary({ id: 'down', label: 'Down', status: 'unreachable', stale: true, lastGoodAt: GOOD_AT, hashrate: { h10m: 9, h1h: null, h24h: null } }),
      makeSummary({ id: 'never', label: 'Never read', status: 'auth_error', hashrate: { h10m: null, h1h: null, h24h: null } }),
    ]);
    assert.deepEqual(totals.lastKnown, ['Down']);
    assert.deepEqual(totals.leftOut, ['Never read']);
    assert.deepEqual(totals.byAlgorithm.map((total) => [total.algorithm, total.hashrateHps]), [['unknown', 9]]);
  });

  it('maps coins and pool keywords to algorithms in the shared model', () => {
    assert.equal(groupAlgorithm('spider', { coin: 'FB' }), 'sha256');
    assert.equal(groupAlgorithm('stratumsphere', { coin: null, attributes: { algorithm: 'scrypt' } }), 'scrypt');
    assert.equal(groupAlgorithm('stratumsphere', { coin: null, attributes: { algorithm: 'ethash' } }), 'ethash');
    assert.equal(groupAlgorithm('sbi', { coin: null }), 'unknown');
    assert.equal(groupAlgorithm('webminepool', { coin: null }), 'web');
  });
});

describe('routes to what needs attention', () => {
  it('opens an account form and an alert by address, and back', () => {
    assert.deepEqual(parseRoute('#/accounts/edit/main-farm'), { screen: 'accounts', adding: false, editId: 'main-farm' });
    assert.equal(routeHref({ screen: 'accounts', adding: false, editId: 'main-farm' }), '#/accounts/edit/main-farm');
    const key = 'worker-offline|farm|rack a|rig/7';
    assert.deepEqual(parseRoute(routeHref({ screen: 'alerts', view: 'list', alertKey: key })), { screen: 'alerts', view: 'list', alertKey: key });
    assert.deepEqual(parseRoute('#/alerts'), { screen: 'alerts', view: 'list' });
    assert.equal(parseRoute('#/accounts/edit/%').screen, 'not-found');
  });
});

describe('key expiry on the Accounts page', () => {
  const NOW = Date.UTC(2026, 10, 14, 12);
  it('says in how many days the key expires, amber within a week, red once expired', () => {
    assert.deepEqual(keyExpiryText('2027-01-11', NOW), { text: 'Key expires 2027-01-11 (in 57 days)', tone: null });
    assert.deepEqual(keyExpiryText('2026-11-20', NOW), { text: 'Key expires 2026-11-20 (in 5 days)', tone: 'warning' });
    assert.deepEqual(keyExpiryText('2026-11-11', NOW), { text: 'Key expired 2026-11-11 (3 days ago)', tone: 'problem' });
    assert.deepEqual(keyExpiryText('2026-11-14', NOW), { text: 'Key expired 2026-11-14 (today)', tone: 'problem' });
  });
});
