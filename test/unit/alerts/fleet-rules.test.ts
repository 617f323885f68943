import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertKey } from '../../../main/alerts/alert-types';
import { HOUR, MINUTE, PollScript, evaluatorWith, fleet, withState } from './observation-builder';

function twoGroups() {
  return [...fleet(10, 'online', { prefix: 'main-' }), ...fleet(10, 'online', { group: 'east', prefix: 'east-' })];
}

function warmed(settings: Parameters<typeof evaluatorWith>[0], workers: ReturnType<typeof fleet>): PollScript {
  const script = new PollScript(evaluatorWith(settings));
  script.poll(workers);
  script.poll(workers);
  script.clear();
  return script;
}

describe('fleet-offline', () => {
  it('fires one warning naming the workers for a group where at least 30% and 3 workers stopped, folding its workers into one notification', () => {
    const all = twoGroups();
    const script = warmed({}, all);
    const down = withState(all, ['main-01', 'main-02', 'main-03', 'main-04'], 'offline');
    script.poll(down);
    const fired = script.poll(down);
    const fleetKey = alertKey('fleet-offline', { accountId: 'acc-1', group: 'main', worker: null });
    assert.deepEqual(script.steps('fleet-offline'), ['pending->firing']);
    assert.equal(script.steps('worker-offline').length, 4, 'each worker keeps its own alert for the list in the app');
    assert.equal(fired.notifications.length, 1);
    const [note] = fired.notifications;
    assert.equal(note?.title, 'Many workers offline in batchtest');
    assert.match(note?.body ?? '', /^4 workers of 10 \(40%\) stopped in subaccount main of batchtest \(SBI Crypto Pool\) since \d\d:\d\d UTC: main-01, main-02, main-03, main-04\.$/);
    assert.equal(note?.severity, 'warning', 'under half of the fleet: a warning');
    assert.equal(note?.alertKeys[0], fleetKey);
    assert.equal(note?.alertKeys.length, 5);
  });

  it('is critical from half of the fleet, and names the first five then "+N more"', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const down = withState(all, ['rig-01', 'rig-02', 'rig-03', 'rig-04', 'rig-05', 'rig-06', 'rig-07'], 'dead');
    script.poll(down);
    const fired = script.poll(down);
    const fleetAlert = script.evaluator.activeAlerts().find((a) => a.ruleId === 'fleet-offline');
    assert.equal(fleetAlert?.severity, 'critical');
    assert.match(fleetAlert?.message ?? '', /: rig-01, rig-02, rig-03, rig-04, rig-05 \+2 more\.$/);
    assert.equal(fired.notifications.filter((n) => n.items.some((i) => i.ruleId === 'fleet-offline')).length, 1);
  });

  it('judges the account as a whole, 30% counts, and the account alert covers its groups', () => {
    const all = twoGroups();
    const script = warmed({}, all);
    const split = withState(all, ['main-01', 'main-02', 'east-01', 'east-02', 'east-03'], 'offline');
    script.poll(split);
    script.poll(split);
    assert.deepEqual(
      script.transitions().filter((t) => t.ruleId === 'fleet-offline').map((t) => t.scope.group),
      ['east'],
      '5 of 20 overall is under 30%: east alone (3 of 10) speaks',
    );
    const more = withState(split, ['main-03'], 'offline');
    script.poll(more);
    script.poll(more);
    const live = script.evaluator.activeAlerts().filter((a) => a.ruleId === 'fleet-offline' && a.state === 'firing');
    assert.deepEqual(live.map((a) => a.scope.group), [null], '6 of 20 is 30%: one account alert, not one per group');
  });

  it('never counts workers already offline or dead when first seen, however many', () => {
    const all = [...fleet(3, 'online'), ...fleet(50, 'dead', { prefix: 'old-' }), ...fleet(20, 'offline', { prefix: 'gone-' })];
    const script = new PollScript(evaluatorWith({}));
    for (let i = 0; i < 5; i += 1) script.poll(all);
    assert.deepEqual(script.evaluator.activeAlerts(), []);
    assert.deepEqual(script.transitions(), []);
  });

  it('one of three workers stopping is one worker warning naming it, not a fleet alert', () => {
    const all = fleet(3);
    const script = warmed({}, all);
    const down = withState(all, ['rig-02'], 'offline');
    script.poll(down);
    const fired = script.poll(down);
    assert.deepEqual(script.steps('fleet-offline'), []);
    assert.deepEqual(fired.notifications.map((n) => [n.severity, n.title]), [['warning', 'Worker offline in batchtest']]);
    assert.match(fired.notifications[0]?.body ?? '', /^Worker rig-02 \(subaccount main\) of batchtest \(SBI Crypto Pool\) stopped sending shares/);
  });

  it('a worker silent longer than longDeadHours is retired: its alert resolves and it counts nowhere', () => {
    const all = fleet(10);
    const script = warmed({ defaults: { longDeadHours: 1 } }, all);
    const at = new Date(script.nowMs).toISOString();
    const down = all.map((w, i) => (i < 4 ? { ...w, state: 'dead' as const, lastShareAt: at, hashrate: { ...w.hashrate, h10m: 0, h1h: 0 } } : w));
    script.poll(down);
    script.poll(down);
    assert.deepEqual(script.steps('fleet-offline'), ['pending->firing']);
    script.nowMs += 2 * HOUR;
    for (let i = 0; i < 5; i += 1) script.poll(down); // after the gap: a settle poll, then resolving, resolved
    assert.deepEqual(script.evaluator.activeAlerts().map((a) => a.ruleId), [], 'older than an hour: retired, nothing fires');
  });

  it('gives one alert, not two, for an account with a single group', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const down = withState(all, ['rig-01', 'rig-02', 'rig-03', 'rig-04'], 'offline');
    script.poll(down);
    const fired = script.poll(down);
    assert.deepEqual(script.transitions().filter((t) => t.ruleId === 'fleet-offline').map((t) => t.scope.group), [null]);
    assert.equal(fired.notifications.length, 1);
  });

  it('leaves tiny fleets to the worker rule', () => {
    const all = fleet(2);
    const script = warmed({}, all);
    const down = withState(all, ['rig-01'], 'offline');
    script.poll(down);
    const fired = script.poll(down);
    assert.deepEqual(script.steps('fleet-offline'), []);
    assert.deepEqual(fired.notifications.map((n) => n.title), ['Worker offline in batchtest']);
  });

  it('covers later workers of the same group while it fires, and resolves once', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    let down = withState(all, ['rig-01', 'rig-02', 'rig-03', 'rig-04'], 'offline');
    script.poll(down);
    script.poll(down);
    down = withState(down, ['rig-05'], 'offline');
    script.poll(down);
    assert.deepEqual(script.poll(down).notifications, [], 'rig-05 is part of the fleet alert already told');
    script.poll(all);
    const back = script.poll(all);
    assert.deepEqual(script.steps('fleet-offline'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(back.notifications.map((n) => n.title).sort(), ['5 workers back online in batchtest', 'Resolved: Many workers offline in batchtest']);
  });

  it('uses the pool\'s group counts where it gives no worker list, and a per-account threshold', () => {
    const script = new PollScript(evaluatorWith({ accounts: { 'acc-1': { fleetOfflinePercent: 50 } } }));
    const counts = (offline: number) => ({ online: 10 - offline, offline, dead: 0, unknown: 0, total: 10 });
    const poll = (offline: number) => {
      const obs = {
        atMs: script.nowMs,
        pollIntervalMs: MINUTE,
        workers: [],
        account: { ...baseSummary(script.nowMs), workers: counts(offline), groups: [{ name: 'g', coin: 'BTC', hashrate: { h10m: null, h1h: null, h24h: null }, workers: counts(offline) }] },
      };
      script.nowMs += MINUTE;
      return script.evaluator.observe(obs);
    };
    poll(0);
    poll(4);
    poll(4);
    assert.equal(script.evaluator.activeAlerts().length, 0, '40% is under this account\'s 50%');
    poll(6);
    poll(6);
    assert.deepEqual(script.evaluator.activeAlerts().map((a) => [a.ruleId, a.state]), [['fleet-offline', 'firing']]);
  });
});

describe('expected-workers', () => {
  it('fires when fewer workers are online than the user expects, per account and per group', () => {
    const settings = { accounts: { 'acc-1': { expectedWorkers: 20, groups: { east: { expectedWorkers: 10 }, north: { expectedWorkers: 2 } } } } };
    const all = twoGroups();
    const script = warmed(settings, all);
    assert.deepEqual(script.evaluator.activeAlerts().map((a) => a.scope.group), ['north'], 'a group with no worker listed is pending');
    const missing = all.filter((w) => w.name !== 'east-10');
    script.poll(missing);
    const fired = script.poll(missing);
    assert.deepEqual(
      script.transitions().filter((t) => t.ruleId === 'expected-workers').map((t) => [t.scope.group, t.to]),
      [
        ['north', 'firing'],
        [null, 'firing'],
        ['east', 'firing'],
      ],
    );
    assert.deepEqual(fired.notifications.map((n) => [n.title, n.body]), [
      ['Fewer workers than expected in batchtest', '19 of the 20 expected workers are online in batchtest.'],
      ['Fewer workers than expected in batchtest', '9 of the 10 expected workers are online in group east of batchtest.'],
    ]);
    assert.ok(script.transitions().some((t) => t.message === '0 of the 2 expected workers are online in group north of batchtest.'));
    assert.ok(script.transitions().some((t) => t.message === '19 of the 20 expected workers are online in batchtest.'));
  });

  it('counts online workers, not listed ones', () => {
    const all = fleet(5);
    const script = warmed({ accounts: { 'acc-1': { expectedWorkers: 5 } } }, all);
    const oneOff = withState(all, ['rig-05'], 'offline');
    script.poll(oneOff);
    script.poll(oneOff);
    assert.deepEqual(script.steps('expected-workers'), ['pending->firing']);
    assert.equal(script.steps('worker-offline').length, 1);
  });
});

function baseSummary(atMs: number) {
  return {
    id: 'acc-1',
    pool: 'sbi' as const,
    label: 'batchtest',
    status: 'ok' as const,
    message: null,
    limitations: [],
    stale: false,
    lastGoodAt: new Date(atMs).toISOString(),
    lastPollAt: new Date(atMs).toISOString(),
    nextPollAt: null,
    poolAccountName: null,
    hashrate: { h10m: null, h1h: null, h24h: null },
    workers: { online: 0, offline: 0, dead: 0, unknown: 0, total: 0 },
    groups: [],
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
  };
}

