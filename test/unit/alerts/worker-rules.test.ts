import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertKey } from '../../../main/alerts/alert-types';
import { parseAlertSettings } from '../../../main/alerts/alert-settings';
import { MINUTE, PollScript, TH, evaluatorWith, fleet, withState, worker } from './observation-builder';

const RIG = { accountId: 'acc-1', group: 'main', worker: 'rig-01' };

/** Two good polls: the first is the baseline, the second is the first one judged. */
function warmed(settings: Parameters<typeof evaluatorWith>[0] = {}, workers = fleet(10)): PollScript {
  const script = new PollScript(evaluatorWith(settings));
  script.poll(workers);
  script.poll(workers);
  script.clear();
  return script;
}

function stateOf(script: PollScript, key: string): string | undefined {
  return script.evaluator.activeAlerts().find((alert) => alert.key === key)?.state;
}

describe('worker-offline and worker-back-online', () => {
  it('goes pending, firing, resolving, resolved, and tells "back online" once', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const key = alertKey('worker-offline', RIG);
    const down = withState(all, ['rig-01'], 'offline');

    assert.deepEqual(script.poll(down).notifications, []);
    assert.equal(stateOf(script, key), 'pending');
    const fired = script.poll(down);
    assert.equal(stateOf(script, key), 'firing');
    assert.deepEqual(fired.notifications.map((n) => [n.kind, n.title, n.body, n.severity, n.alertKeys]), [
      ['alert', 'Worker offline in batchtest', 'Worker rig-01 (subaccount main) of batchtest (SBI Crypto Pool) stopped sending shares.', 'warning', [key]],
    ]);
    assert.deepEqual(fired.notifications[0]?.actions, ['snooze-1h', 'open']);

    script.poll(down);
    assert.deepEqual(script.poll(all).notifications, []);
    assert.equal(stateOf(script, key), 'resolving');
    const back = script.poll(all);
    assert.equal(stateOf(script, key), undefined);
    assert.deepEqual(back.events.map((e) => [e.ruleId, e.message]), [['worker-back-online', 'rig-01 (main) is sending shares again.']]);
    assert.deepEqual(back.notifications.map((n) => [n.kind, n.title]), [['event', 'Worker back online in batchtest']]);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(script.poll(all).notifications, []);
  });

  it('says how long ago the last share was, where the pool reports it', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const lastShareAt = new Date(script.nowMs - 12 * 60_000).toISOString();
    const down = all.map((w) => (w.name === 'rig-01' ? worker('rig-01', 'offline', { lastShareAt }) : w));
    script.poll(down);
    const fired = script.poll(down);
    assert.equal(fired.notifications[0]?.body, 'Worker rig-01 (subaccount main) of batchtest (SBI Crypto Pool) stopped sending shares since 11:50 UTC (last share 13 min ago).');
  });

  it('speaks the pool\'s own words: a WebMinePool user on a site, a Stratumsphere rental of a scheduler', () => {
    for (const [pool, text] of [
      ['webminepool', /^User rig-01 \(site main\) of batchtest \(WebMinePool\) stopped sending shares/],
      ['stratumsphere', /^Rental rig-01 \(scheduler main\) of batchtest \(Stratumsphere\) stopped sending shares/],
    ] as const) {
      const all = fleet(5);
      const script = new PollScript(evaluatorWith({}), MINUTE, { pool });
      script.poll(all);
      script.poll(all);
      const down = withState(all, ['rig-01'], 'offline');
      script.poll(down);
      const fired = script.poll(down);
      assert.match(fired.notifications[0]?.body ?? '', text);
    }
  });

  it('ignores workers never seen online (a restart must not alert on long-gone rigs)', () => {
    const script = new PollScript(evaluatorWith());
    const workers = [...fleet(5), worker('gone', 'offline'), worker('buried', 'dead')];
    for (let i = 0; i < 6; i += 1) script.poll(workers);
    assert.deepEqual(script.transitions(), []);
  });

  it('freezes a worker whose state the pool does not report', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const key = alertKey('worker-offline', RIG);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    for (let i = 0; i < 5; i += 1) script.poll(withState(all, ['rig-01'], 'unknown'));
    assert.equal(stateOf(script, key), 'firing');
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing']);
  });

  it('resolves without a "back online" when the pool stops listing the worker', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(all.slice(1));
    const result = script.poll(all.slice(1));
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(result.events, []);
    assert.deepEqual(result.notifications, []);
  });
});

describe('worker-dead', () => {
  it('fires with worker-offline in one notification; back online says it once', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const dead = withState(all, ['rig-01'], 'dead');
    script.poll(dead);
    const fired = script.poll(dead);
    assert.deepEqual(script.steps('worker-dead'), ['pending->firing']);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing']);
    assert.equal(fired.notifications.length, 1);
    assert.equal(fired.notifications[0]?.title, 'Worker dead in batchtest');
    assert.equal(fired.notifications[0]?.severity, 'critical');
    assert.deepEqual(new Set(fired.notifications[0]?.alertKeys), new Set([alertKey('worker-dead', RIG), alertKey('worker-offline', RIG)]));
    script.poll(all);
    const back = script.poll(all);
    assert.deepEqual(script.steps('worker-dead'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(back.notifications.map((n) => n.title), ['Worker back online in batchtest']);
  });

  it('escalates an offline worker that the pool later calls dead', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'dead'));
    const escalated = script.poll(withState(all, ['rig-01'], 'dead'));
    assert.deepEqual(escalated.notifications.map((n) => n.title), ['Worker dead in batchtest']);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing'], 'offline stays firing, no resolve in between');
  });
});

describe('worker-not-producing and hashrate-drop', () => {
  it('fires for an online worker at zero hashrate, and resolves when it hashes again', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const zero = all.map((w) => (w.name === 'rig-01' ? worker('rig-01', 'online', { hps: 0 }) : w));
    script.poll(zero);
    const fired = script.poll(zero);
    assert.deepEqual(fired.notifications.map((n) => [n.title, n.body]), [['Worker not producing in batchtest', 'rig-01 (main) is reported online but hashes at 0 H/s.']]);
    script.poll(all);
    const resolved = script.poll(all);
    assert.deepEqual(script.steps('worker-not-producing'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    assert.deepEqual(resolved.notifications.map((n) => [n.kind, n.title]), [['resolved', 'Resolved: Worker not producing in batchtest']]);
    assert.deepEqual(script.steps('hashrate-drop'), [], 'no reference yet: no drop alert');
  });

  it('counts near zero against the worker\'s own average, and says it instead of the drop', () => {
    const all = fleet(10, 'online', { h24h: 100 * TH });
    const script = warmed({}, all);
    const trickle = all.map((w) => (w.name === 'rig-01' ? worker('rig-01', 'online', { hps: 0.5 * TH, h24h: 100 * TH }) : w));
    script.poll(trickle);
    const fired = script.poll(trickle);
    assert.deepEqual(script.steps('worker-not-producing'), ['pending->firing']);
    assert.deepEqual(script.steps('hashrate-drop'), ['pending->firing']);
    assert.deepEqual(fired.notifications.map((n) => n.title), ['Worker not producing in batchtest']);
    assert.ok(fired.notifications[0]?.alertKeys.includes(alertKey('hashrate-drop', RIG)));
  });

  it('fires below 70% of the trailing average it built itself, not at 75%', () => {
    const all = fleet(3);
    const script = new PollScript(evaluatorWith());
    for (let i = 0; i < 70; i += 1) script.poll(all); // 70 minutes of 100 TH/s
    const at = (hps: number) => all.map((w) => (w.name === 'rig-01' ? worker('rig-01', 'online', { hps }) : w));
    for (let i = 0; i < 4; i += 1) script.poll(at(75 * TH));
    assert.deepEqual(script.steps('hashrate-drop'), []);
    script.poll(at(60 * TH));
    const fired = script.poll(at(60 * TH));
    assert.deepEqual(fired.notifications.map((n) => n.body), ['rig-01 (main) hashes at 60.0 TH/s, 61% of its 24 h average 98.6 TH/s.']);
    // Two hours at the lower rate: the baseline does not learn the drop while the alert is up.
    for (let i = 0; i < 120; i += 1) script.poll(at(60 * TH));
    assert.equal(stateOf(script, alertKey('hashrate-drop', RIG)), 'firing');
    script.poll(all);
    script.poll(all);
    assert.deepEqual(script.steps('hashrate-drop'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
  });

  it('uses the pool\'s 24 h figure until it has an hour of its own', () => {
    const script = warmed({}, [worker('rig-01', 'online', { hps: 100 * TH, h24h: 100 * TH })]);
    const low = [worker('rig-01', 'online', { hps: 50 * TH, h24h: 100 * TH })];
    script.poll(low);
    script.poll(low);
    assert.deepEqual(script.steps('hashrate-drop'), ['pending->firing']);
  });

  it('fires below an absolute floor set for a group, without any history', () => {
    const settings = { accounts: { 'acc-1': { groups: { main: { hashrateFloorHps: 80 * TH } } } } };
    const script = warmed(settings, [worker('rig-01'), worker('rig-09', 'online', { group: 'other' })]);
    const low = [worker('rig-01', 'online', { hps: 79 * TH }), worker('rig-09', 'online', { group: 'other', hps: 10 * TH })];
    script.poll(low);
    const fired = script.poll(low);
    assert.deepEqual(fired.notifications.map((n) => n.body), ['rig-01 (main) hashes at 79.0 TH/s, below the floor of 80.0 TH/s.']);
  });

  it('does not judge the hashrate of an offline worker', () => {
    const all = fleet(10, 'online', { h24h: 100 * TH });
    const script = warmed({}, all);
    for (let i = 0; i < 4; i += 1) script.poll(withState(all, ['rig-01'], 'offline'));
    assert.deepEqual(script.steps('hashrate-drop'), []);
    assert.deepEqual(script.steps('worker-not-producing'), []);
  });
});

describe('reject-rate', () => {
  it('fires above the threshold where the pool reports it, resolves below, freezes while offline', () => {
    const script = warmed({}, [worker('rig-01', 'online', { rejectRate: 0.01 }), worker('rig-02')]);
    const high = [worker('rig-01', 'online', { rejectRate: 0.08 }), worker('rig-02')];
    script.poll(high);
    const fired = script.poll(high);
    assert.deepEqual(fired.notifications.map((n) => n.body), ['rig-01 (main) rejects 8.0% of its shares (threshold 5%).']);
    for (let i = 0; i < 3; i += 1) script.poll([worker('rig-01', 'offline', { rejectRate: 0.01 }), worker('rig-02')]);
    assert.deepEqual(script.steps('reject-rate'), ['pending->firing']);
    script.poll([worker('rig-01', 'online', { rejectRate: 0.02 }), worker('rig-02')]);
    script.poll([worker('rig-01', 'online', { rejectRate: 0.02 }), worker('rig-02')]);
    assert.deepEqual(script.steps('reject-rate'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
  });

  it('follows a per-worker threshold', () => {
    const settings = { accounts: { 'acc-1': { groups: { main: { workers: { 'rig-01': { rejectRatePercent: 10 } } } } } } };
    const script = warmed(settings, [worker('rig-01', 'online', { rejectRate: 0.08 }), worker('rig-02', 'online', { rejectRate: 0.08 })]);
    script.poll([worker('rig-01', 'online', { rejectRate: 0.08 }), worker('rig-02', 'online', { rejectRate: 0.08 })]);
    assert.deepEqual(
      script.transitions().map((t) => t.scope.worker),
      ['rig-02'],
    );
  });
});

describe('settings overrides through the evaluator', () => {
  it('turns a rule off for one group and lengthens the hold for one worker', () => {
    const settings = {
      accounts: {
        'acc-1': {
          groups: {
            quiet: { rules: { 'worker-offline': { enabled: false } } },
            main: { workers: { 'rig-01': { forPolls: 4 } } },
          },
        },
      },
    };
    const all = [...fleet(10), worker('q-1', 'online', { group: 'quiet' }), worker('q-2', 'online', { group: 'quiet' })];
    const script = warmed({ ...settings, defaults: { fleetMinWorkers: 100 } }, all);
    const down = withState(all, ['rig-01', 'rig-02', 'q-1'], 'offline');
    script.poll(down);
    script.poll(down);
    assert.deepEqual(script.transitions().map((t) => t.scope.worker), ['rig-02']);
    script.poll(down);
    script.poll(down);
    assert.deepEqual(script.transitions().map((t) => t.scope.worker), ['rig-02', 'rig-01']);
  });

  it('closes firing alerts quietly when their rule is turned off', () => {
    const all = fleet(10);
    const script = warmed({}, all);
    const down = withState(all, ['rig-01'], 'offline');
    script.poll(down);
    script.poll(down);
    script.evaluator.updateSettings(parseAlertSettings({ rules: { 'worker-offline': { enabled: false } } }));
    const closed = script.poll(down);
    assert.deepEqual(closed.transitions.map((t) => [t.ruleId, t.to, t.cause]), [['worker-offline', 'resolved', 'rule-disabled']]);
    assert.deepEqual(closed.notifications, []);
    assert.deepEqual(closed.events, []);
  });
});
