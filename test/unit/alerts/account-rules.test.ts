import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Balance } from '../../../shared/model';
import { HOUR, MINUTE, PollScript, evaluatorWith, fleet, payout, withState, worker } from './observation-builder';

const DAY = 24 * HOUR;

function warmed(settings: Parameters<typeof evaluatorWith>[0] = {}, extra: Parameters<PollScript['poll']>[1] = {}): PollScript {
  const script = new PollScript(evaluatorWith(settings));
  script.poll(fleet(10), extra);
  script.poll(fleet(10), extra);
  script.clear();
  return script;
}

function ruleIds(script: PollScript): string[] {
  return [...new Set(script.transitions().map((t) => t.ruleId))];
}

describe('payouts', () => {
  it('tells new, confirmed and failed once each, never for what was listed at the start', () => {
    const script = new PollScript(evaluatorWith());
    const history = [payout('old-1', 'confirmed'), payout('old-2', 'pending')];
    script.poll(fleet(3), { payouts: history });
    script.poll(fleet(3), { payouts: history });
    assert.deepEqual(script.results.flatMap((r) => r.events), []);

    const events = () => script.results.flatMap((r) => r.events).map((e) => `${e.ruleId}:${e.ref}`);
    const withP1 = (status: 'pending' | 'posted' | 'confirmed') => [...history, payout('p1', status, 0.02)];
    for (let i = 0; i < 3; i += 1) script.poll(fleet(3), { payouts: withP1('pending') });
    script.poll(fleet(3), { payouts: withP1('posted') });
    for (let i = 0; i < 3; i += 1) script.poll(fleet(3), { payouts: withP1('confirmed') });
    script.poll(fleet(3), { payouts: [...withP1('confirmed'), payout('p2', 'failed')] });
    script.poll(fleet(3), { payouts: [...withP1('confirmed'), payout('p2', 'failed')] });
    script.poll(fleet(3), { payouts: [payout('old-1', 'confirmed'), payout('old-2', 'confirmed')] });
    assert.deepEqual(events(), ['payout-new:p1', 'payout-confirmed:p1', 'payout-failed:p2', 'payout-confirmed:old-2']);
    const bodies = script.notifications().map((n) => `${n.title} | ${n.body}`);
    assert.deepEqual(bodies, [
      'New payout in batchtest | A payout of 0.02 BTC is on its way.',
      'Payout confirmed in batchtest | The payout of 0.02 BTC is confirmed (tx tx-p1).',
      'Payout failed in batchtest | The payout of 0.01 BTC failed.',
      'Payout confirmed in batchtest | The payout of 0.01 BTC is confirmed (tx tx-old-2).',
    ]);
    assert.equal(script.notifications()[2]?.severity, 'critical');
  });

  it('says only "confirmed" for a payout first seen confirmed, and nothing on failed polls', () => {
    const script = warmed();
    script.fail({ payouts: [payout('p9', 'confirmed')] });
    script.poll(fleet(10), { payouts: [payout('p9', 'confirmed')] });
    assert.deepEqual(script.results.flatMap((r) => r.events).map((e) => e.ruleId), ['payout-confirmed']);
  });

  it('scopes payouts to their group, so a group can switch them off', () => {
    const script = warmed({ accounts: { 'acc-1': { groups: { dust: { rules: { 'payout-new': { enabled: false } } } } } } });
    script.poll(fleet(10), { payouts: [payout('a', 'pending', 1, 'dust'), payout('b', 'pending', 1, 'main')] });
    assert.deepEqual(script.results.flatMap((r) => r.events).map((e) => [e.ref, e.scope.group]), [['b', 'main']]);
  });
});

describe('balance-threshold', () => {
  const balance = (unpaid: number, unit: Balance['unit'] = 'coin'): Balance[] => [{ coin: 'btc', unpaid, unit, group: null }];
  const settings = { defaults: { balanceThresholds: { BTC: { amount: 0.01 } } } };

  it('fires once when the balance crosses up, stays quiet while above, and can fire again after a payout', () => {
    const script = warmed(settings, { balances: balance(0.005) });
    script.poll(fleet(10), { balances: balance(0.009) });
    const crossed = script.poll(fleet(10), { balances: balance(0.012) });
    assert.deepEqual(crossed.notifications.map((n) => [n.title, n.body]), [['Balance above threshold in batchtest', 'Unpaid BTC is 0.012, at or above 0.01.']]);
    for (let i = 0; i < 10; i += 1) script.poll(fleet(10), { balances: balance(0.013 + i / 1000) });
    script.wait(6 * HOUR);
    script.tick();
    script.poll(fleet(10), { balances: balance(0.001) });
    script.poll(fleet(10), { balances: balance(0.001) });
    assert.equal(script.notifications().length, 1, 'no reminder, no "resolved" notice: the payout says it');
    assert.deepEqual(script.steps('balance-threshold'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    script.poll(fleet(10), { balances: balance(0.02) });
    assert.equal(script.notifications().length, 2);
  });

  it('compares only balances in the threshold\'s unit', () => {
    const script = warmed(settings, { balances: balance(5_000_000, 'base-unit') });
    script.poll(fleet(10), { balances: balance(5_000_000, 'base-unit') });
    assert.deepEqual(script.transitions(), []);
    const baseUnits = warmed({ defaults: { balanceThresholds: { BTC: { amount: 1_000_000, unit: 'base-unit' } } } }, { balances: balance(5_000_000, 'base-unit') });
    assert.equal(baseUnits.evaluator.activeAlerts()[0]?.message, 'Unpaid BTC base units is 5000000, at or above 1000000.');
  });
});

describe('key-rejected', () => {
  it('fires after two 401 polls as the only alert, and resolves when the key works again', () => {
    const script = warmed();
    const rejected = { status: 'auth_error' as const, message: 'The pool rejected the API key.' };
    script.fail(rejected);
    const fired = script.fail(rejected);
    for (let i = 0; i < 10; i += 1) script.fail(rejected);
    assert.deepEqual(fired.notifications.map((n) => [n.title, n.body, n.severity]), [['API key rejected in batchtest', 'The pool rejected the API key.', 'critical']]);
    assert.deepEqual(ruleIds(script), ['key-rejected'], 'no pool-unreachable alert on top, no worker alerts');
    script.poll(fleet(10));
    const resolved = script.poll(fleet(10));
    assert.deepEqual(script.steps('key-rejected'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(resolved.notifications.map((n) => n.title), ['Resolved: API key rejected in batchtest']);
  });

  it('is neither confirmed nor cleared while the pool is unreachable', () => {
    const script = warmed();
    script.fail({ status: 'auth_error' });
    script.fail({ status: 'auth_error' });
    for (let i = 0; i < 3; i += 1) script.fail({ status: 'unreachable' });
    assert.deepEqual(script.steps('key-rejected'), ['pending->firing']);
  });
});

describe('permission-lost', () => {
  it('fires when a fully permitted key gets new limitations, and resolves when they go', () => {
    const script = warmed();
    const limited = { limitations: ['This key may not read payouts.'] };
    script.poll(fleet(10), limited);
    const fired = script.poll(fleet(10), limited);
    assert.deepEqual(fired.notifications.map((n) => n.body), ['The key can no longer read everything it could: This key may not read payouts.']);
    script.poll(fleet(10));
    script.poll(fleet(10));
    assert.deepEqual(script.steps('permission-lost'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
  });

  it('never fires for a key limited from the start, only for what it loses later', () => {
    const from = { limitations: ['This key may not read payouts.'] };
    const script = warmed({}, from);
    for (let i = 0; i < 3; i += 1) script.poll(fleet(10), from);
    assert.deepEqual(script.transitions(), []);
    const more = { limitations: ['This key may not read payouts.', 'This key may not read workers.'] };
    script.poll(fleet(10), more);
    script.poll(fleet(10), more);
    assert.equal(script.evaluator.activeAlerts()[0]?.message, 'The key can no longer read everything it could: This key may not read workers.');
  });

  it('fires on a 403 for the whole poll after it used to work', () => {
    const script = warmed();
    const refused = { status: 'permission_limited' as const, message: 'The key may no longer read this account (403).' };
    script.fail(refused);
    script.fail(refused);
    assert.deepEqual(ruleIds(script), ['permission-lost']);
    const fresh = new PollScript(evaluatorWith());
    fresh.fail(refused);
    fresh.fail(refused);
    assert.deepEqual(fresh.transitions(), [], 'never worked: nothing was lost');
  });
});

describe('key-expiry', () => {
  it('fires once the pool\'s expiry date is within 7 days, critical on the last day', () => {
    const script = warmed();
    const expires = script.nowMs + 8 * DAY;
    script.poll(fleet(10), { keyExpiresAtMs: expires });
    assert.deepEqual(script.transitions(), []);
    script.wait(1 * DAY + HOUR);
    const fired = script.poll(fleet(10), { keyExpiresAtMs: expires });
    assert.deepEqual(fired.notifications.map((n) => [n.title, n.body]), [['API key expiring in batchtest', 'The API key expires in 7 day(s), on 2026-11-29.']]);
    script.wait(6 * DAY + 30 * MINUTE);
    script.poll(fleet(10), { keyExpiresAtMs: expires });
    assert.deepEqual(
      script.evaluator.activeAlerts().map((a) => [a.message, a.severity]),
      [['The API key expires in 1 day(s), on 2026-11-29.', 'critical']],
    );
  });

  it('stays silent where the pool does not tell, and resolves when a new key has no expiry', () => {
    const script = warmed();
    script.poll(fleet(10), { keyExpiresAtMs: script.nowMs + DAY });
    for (let i = 0; i < 3; i += 1) script.poll(fleet(10));
    assert.deepEqual(script.steps('key-expiry'), ['pending->firing'], 'undefined: not judged');
    script.poll(fleet(10), { keyExpiresAtMs: null });
    script.poll(fleet(10), { keyExpiresAtMs: null });
    assert.deepEqual(script.steps('key-expiry'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
  });
});

describe('source-failing', () => {
  it('fires after 5 minutes of failed polls, once, and resolves after fresh data', () => {
    const script = warmed();
    for (let i = 0; i < 5; i += 1) assert.deepEqual(script.fail().notifications, [], `minute ${i}`);
    const fired = script.fail();
    assert.deepEqual(fired.notifications.map((n) => [n.title, n.urgent]), [['Pool unreachable in batchtest', true]]);
    assert.match(fired.notifications[0]?.body ?? '', /^batchtest has failed to poll for 5 min: The pool did not answer within 30 s\.$/);
    for (let i = 0; i < 5; i += 1) script.fail();
    script.poll(fleet(10));
    const resolved = script.poll(fleet(10));
    assert.deepEqual(script.steps('source-failing'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(resolved.notifications.map((n) => n.title), ['Resolved: Pool unreachable in batchtest']);
  });

  it('follows sourceFailingMinutes per account, and forgives short blips', () => {
    const script = warmed({ accounts: { 'acc-1': { sourceFailingMinutes: 2 } } });
    script.fail();
    script.fail();
    script.poll(fleet(10));
    script.fail();
    script.fail();
    assert.deepEqual(script.transitions(), []);
    script.fail();
    assert.deepEqual(script.steps('source-failing'), ['pending->firing']);
  });
});

describe('data-stale', () => {
  it('fires when the pool answers with shares older than 30 minutes, instead of worker alerts', () => {
    const script = warmed();
    const stuckSince = new Date(script.nowMs - 31 * MINUTE).toISOString();
    const stuck = withState(fleet(10), ['rig-01', 'rig-02', 'rig-03', 'rig-04'], 'offline').map((w) => ({ ...w, lastShareAt: stuckSince }));
    const fired = script.poll(stuck);
    for (let i = 0; i < 4; i += 1) script.poll(stuck.map((w) => ({ ...w })));
    assert.deepEqual(ruleIds(script), ['data-stale']);
    assert.deepEqual(fired.notifications.map((n) => n.title), ['Pool data stale in batchtest']);
  });

  it('can be turned off for a pool whose share times lag', () => {
    const script = warmed({ rules: { 'data-stale': { enabled: false } } });
    const old = new Date(script.nowMs - 2 * HOUR).toISOString();
    for (let i = 0; i < 3; i += 1) script.poll([worker('rig-01', 'online', { lastShareAt: old })]);
    assert.deepEqual(script.transitions(), []);
  });
});
