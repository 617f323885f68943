import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertEvaluator } from '../../../main/alerts/alert-evaluator';
import { parseAlertSettings } from '../../../main/alerts/alert-settings';
import { parseAlertSnapshot } from '../../../main/alerts/alert-snapshot';
import { alertKey } from '../../../main/alerts/alert-types';
import { HOUR, MINUTE, PollScript, T0, TH, evaluatorWith, fleet, observation, withState, worker } from './observation-builder';

const WORKER_RULES = new Set(['worker-offline', 'worker-dead', 'worker-not-producing', 'hashrate-drop', 'fleet-offline', 'expected-workers', 'reject-rate']);
const names = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `rig-${String(from + i).padStart(4, '0')}`);

describe('flapping worker', () => {
  it('online/offline every poll for 20 polls: no alert, no notification, no history', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    for (let i = 0; i < 20; i += 1) script.poll(i % 2 === 0 ? withState(all, ['rig-01'], 'offline') : all);
    assert.deepEqual(script.notifications(), []);
    assert.deepEqual(script.transitions(), []);
  });

  it('a worker already firing that flaps stays one alert: no new notification, no back-online storm', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    assert.equal(script.notifications().length, 1);
    for (let i = 0; i < 20; i += 1) script.poll(i % 2 === 0 ? all : withState(all, ['rig-01'], 'offline'));
    assert.equal(script.notifications().length, 1);
    assert.deepEqual(script.results.flatMap((r) => r.events), []);
  });
});

describe('pool API outage of 30 minutes with 5,000 workers', () => {
  it('gives exactly one data-source alert, zero worker alerts, and no storm after recovery', () => {
    const all = fleet(5000);
    const script = new PollScript(evaluatorWith());
    for (let i = 0; i < 5; i += 1) script.poll(all);
    // One worker is already down and alerting before the outage: it must freeze, not resolve.
    const before = withState(all, ['rig-5000'], 'offline');
    script.poll(before);
    script.poll(before);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing']);
    script.clear();

    // 30 minutes of failed polls, with the runner's backoff (1, 2, 4, 8, 15 min).
    for (const waitMin of [1, 2, 4, 8, 15]) {
      script.fail();
      script.wait(waitMin * MINUTE - script.intervalMs);
    }
    const outage = script.transitions();
    assert.deepEqual(outage.map((t) => `${t.ruleId}:${t.from}->${t.to}`), ['source-failing:pending->firing']);
    assert.equal(outage.filter((t) => WORKER_RULES.has(t.ruleId)).length, 0);
    assert.deepEqual(script.notifications().map((n) => n.title), ['Pool unreachable in batchtest']);
    assert.deepEqual(script.evaluator.activeAlerts().map((a) => `${a.ruleId}:${a.state}`).sort(), ['source-failing:firing', 'worker-offline:firing']);

    // Back: 40 more workers went offline during the outage and stay offline.
    script.clear();
    const after = withState(before, names(1, 40), 'offline');
    const settle = script.poll(after);
    assert.deepEqual(settle.notifications, [], 'the first fresh poll is only a baseline');
    assert.deepEqual(settle.transitions.map((t) => `${t.ruleId}:${t.to}`), ['source-failing:resolving']);
    script.poll(after);
    const confirmed = script.poll(after);
    assert.deepEqual(script.steps('source-failing'), ['firing->resolving', 'resolving->resolved']);
    assert.equal(script.steps('worker-offline').length, 40, 'the workers that really stayed offline alert, after fresh data confirms them');
    assert.deepEqual(confirmed.notifications.map((n) => [n.title, n.items.length]), [['40 workers offline in batchtest', 40]]);
    assert.equal(script.notifications().length, 2, 'one resolved notice for the pool and one grouped worker notice');
  });

  it('evaluates 5,000 workers per poll quickly enough to run on every poll', () => {
    const all = fleet(5000, 'online', { h24h: 100 * TH });
    const script = new PollScript(evaluatorWith());
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) script.poll(i % 2 ? all : withState(all, names(1, 2500), 'offline'));
    const perPollMs = (performance.now() - started) / 20;
    assert.ok(perPollMs < 250, `${perPollMs.toFixed(1)} ms per poll`);
  });

  it('still judges a flaky pool that fails every other poll, without a pool alert', () => {
    const all = fleet(10);
    const down = withState(all, ['rig-01'], 'offline');
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    for (let i = 0; i < 4; i += 1) {
      script.fail();
      script.poll(down);
    }
    assert.deepEqual(script.transitions().map((t) => `${t.ruleId}:${t.from}->${t.to}`), ['worker-offline:pending->firing']);
  });
});

describe('laptop sleep and resume', () => {
  it('a 2-hour gap produces no false alerts', () => {
    const all = fleet(50);
    const script = new PollScript(evaluatorWith());
    for (let i = 0; i < 5; i += 1) script.poll(all);
    // Going to sleep: one poll sees two workers briefly offline (pending), then nothing for 2 hours.
    script.poll(withState(all, ['rig-01', 'rig-02'], 'offline'));
    script.wait(2 * HOUR);
    // On resume the network is not up yet: two failed polls, then the pool answers again.
    script.fail();
    script.fail();
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(all);
    for (let i = 0; i < 5; i += 1) script.poll(all);
    assert.deepEqual(script.transitions(), []);
    assert.deepEqual(script.notifications(), []);
  });

  it('does not count polls across the gap as "in a row", but still alerts on what stays wrong', () => {
    const all = fleet(50);
    const script = new PollScript(evaluatorWith());
    for (let i = 0; i < 3; i += 1) script.poll(all);
    const down = withState(all, ['rig-07'], 'offline');
    script.poll(down);
    script.wait(2 * HOUR);
    script.poll(down); // baseline after the gap: pending was reset, nothing judged
    assert.deepEqual(script.transitions(), []);
    script.poll(down);
    assert.deepEqual(script.transitions(), []);
    script.poll(down);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing']);
  });

  it('says nothing about the pool while this machine is offline: one machine-offline alert speaks instead', () => {
    const script = new PollScript(evaluatorWith());
    script.poll(fleet(10));
    script.poll(fleet(10));
    for (let i = 0; i < 30; i += 1) script.fail({ hostOffline: true });
    script.poll(fleet(10));
    script.poll(fleet(10));
    // Issue 8: the headless server and the app say "this machine is offline" once, and resolve it once.
    assert.deepEqual(
      script.transitions().map((step) => [step.ruleId, step.scope.accountId, step.to]),
      [
        ['machine-offline', '', 'firing'],
        ['machine-offline', '', 'resolving'],
        ['machine-offline', '', 'resolved'],
      ],
    );
  });

  it('a short loss of the network (under the source-failing minutes) raises nothing', () => {
    const script = new PollScript(evaluatorWith());
    script.poll(fleet(10));
    script.poll(fleet(10));
    for (let i = 0; i < 3; i += 1) script.fail({ hostOffline: true });
    script.poll(fleet(10));
    script.poll(fleet(10));
    assert.deepEqual(script.transitions(), []);
  });

  it('sends reminders once after a long sleep, not one per missed interval', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.wait(13 * HOUR);
    assert.equal(script.tick().notifications.length, 1);
    assert.equal(script.tick().notifications.length, 0);
  });
});

describe('grouping', () => {
  it('12 workers going offline at once become one notification listing 12', () => {
    const all = fleet(100, 'online');
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    const down = withState(all, names(1, 12).map((n) => n.replace('rig-0', 'rig-')), 'offline');
    script.poll(down);
    const fired = script.poll(down);
    assert.equal(fired.notifications.length, 1);
    const [note] = fired.notifications;
    assert.equal(note?.title, '12 workers offline in batchtest');
    assert.equal(
      note?.body,
      'rig-001, rig-002, rig-003, rig-004, rig-005 +7 more (main)\nFirst: Worker rig-001 (subaccount main) of batchtest (SBI Crypto Pool) stopped sending shares.',
    );
    assert.equal(note?.items.length, 12);
    assert.equal(note?.alertKeys.length, 12);
    assert.equal(note?.accountId, 'acc-1');
    assert.deepEqual(script.evaluator.activeAlerts().filter((a) => a.state === 'firing').length, 12);
  });

  it('two at once stay two notifications (below the grouping threshold of 3)', () => {
    const all = fleet(100);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-001', 'rig-002'], 'offline'));
    const fired = script.poll(withState(all, ['rig-001', 'rig-002'], 'offline'));
    assert.deepEqual(fired.notifications.map((n) => n.title), ['Worker offline in batchtest', 'Worker offline in batchtest']);
  });

  it('collapses more than five notifications of one evaluation into one digest', () => {
    const evaluator = evaluatorWith();
    const accounts = ['a', 'b', 'c', 'd', 'e', 'f'];
    let atMs = T0;
    const round = (workers: (id: string) => ReturnType<typeof fleet>) => {
      const results = accounts.map((id) => evaluator.observe(observation({ atMs, id, label: `acct-${id}`, workers: workers(id) })));
      atMs += MINUTE;
      return results.flatMap((r) => r.notifications);
    };
    round(() => fleet(20));
    round(() => fleet(20));
    round(() => withState(fleet(20), ['rig-01'], 'offline'));
    // Each account fires on its own observe(); the cap is per evaluation, so six singles here.
    assert.equal(round(() => withState(fleet(20), ['rig-01'], 'offline')).length, 6);

    const big = evaluatorWith({ maxNotificationsPerEvaluation: 2 });
    const one = (at: number, workers: ReturnType<typeof fleet>, extra = {}) => big.observe(observation({ atMs: at, workers, ...extra }));
    one(T0, fleet(20, 'online', { rejectRate: 0 }));
    one(T0 + MINUTE, fleet(20, 'online', { rejectRate: 0 }));
    const bad = [worker('rig-01', 'offline'), worker('rig-02', 'online', { hps: 0 }), worker('rig-03', 'online', { rejectRate: 0.5 }), ...fleet(20).slice(3)];
    one(T0 + 2 * MINUTE, bad);
    const digest = one(T0 + 3 * MINUTE, bad).notifications;
    assert.deepEqual(digest.map((n) => [n.kind, n.title, n.body]), [['digest', '3 alerts in 1 account', 'batchtest: Worker offline, Worker not producing, High reject rate']]);
  });
});

describe('quiet hours', () => {
  const settings = { quietHours: { enabled: true, start: '22:00', end: '07:00', timezone: 'UTC' } };
  const NIGHT = Date.UTC(2026, 10, 21, 23, 0);

  it('hold non-urgent alerts and release one summary when they end, while urgent ones pass', () => {
    const all = fleet(20);
    const script = new PollScript(evaluatorWith(settings), MINUTE, {}, NIGHT);
    script.poll(all, { payouts: [] });
    script.poll(all, { payouts: [] });
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'), { payouts: [{ id: 'p1', coin: 'BTC', amount: 0.1, unit: 'coin', status: 'pending', txId: null, at: null, group: null }] });
    assert.deepEqual(script.notifications(), [], 'held');
    for (let i = 0; i < 6; i += 1) script.fail();
    assert.deepEqual(script.notifications().map((n) => [n.title, n.urgent]), [['Pool unreachable in batchtest', true]]);

    script.nowMs = Date.UTC(2026, 10, 22, 6, 59);
    // Still quiet at 06:59: only the urgent alert's reminder (due after 4 h) gets through.
    assert.deepEqual(script.tick().notifications.map((n) => [n.kind, n.title]), [['reminder', 'Still firing: Pool unreachable in batchtest']]);
    script.nowMs = Date.UTC(2026, 10, 22, 7, 0);
    const released = script.tick().notifications;
    assert.equal(released.length, 1);
    assert.equal(released[0]?.kind, 'quiet-summary');
    assert.equal(released[0]?.title, 'While quiet hours: 2 notifications');
    assert.equal(released[0]?.body, 'batchtest: Worker offline, New payout');
    assert.deepEqual(script.tick().notifications, [], 'released once');
  });

  it('use the configured time zone', () => {
    // 23:00 UTC is 18:00 in New York: not quiet there.
    const script = new PollScript(evaluatorWith({ quietHours: { ...settings.quietHours, timezone: 'America/New_York' } }), MINUTE, {}, NIGHT);
    const all = fleet(20);
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    assert.equal(script.poll(withState(all, ['rig-01'], 'offline')).notifications.length, 1);
  });

  it('let the user choose which rules are urgent', () => {
    const script = new PollScript(evaluatorWith({ ...settings, urgentRules: ['worker-offline'] }), MINUTE, {}, NIGHT);
    const all = fleet(20);
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    assert.equal(script.poll(withState(all, ['rig-01'], 'offline')).notifications[0]?.urgent, true);
    for (let i = 0; i < 6; i += 1) script.fail();
    assert.equal(script.notifications().length, 1, 'source-failing is no longer urgent: held');
  });
});

describe('reminders', () => {
  it('repeat a still-firing alert every 4 hours, never more often', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    const firedAt = script.nowMs;
    script.poll(withState(all, ['rig-01'], 'offline'));
    const reminders: number[] = [];
    // Polls every minute and ticks in between for 13 hours.
    for (let i = 0; i < 13 * 60; i += 1) {
      const result = i % 2 === 0 ? script.poll(withState(all, ['rig-01'], 'offline')) : script.tick();
      if (i % 2 === 1) script.wait(MINUTE);
      for (const n of result.notifications) {
        assert.equal(n.kind, 'reminder');
        assert.equal(n.title, 'Still firing: Worker offline in batchtest');
        reminders.push(n.atMs - firedAt);
      }
    }
    assert.equal(reminders.length, 3);
    for (let i = 1; i < reminders.length; i += 1) assert.ok((reminders[i] ?? 0) - (reminders[i - 1] ?? 0) >= 4 * HOUR);
    assert.ok((reminders[0] ?? 0) >= 4 * HOUR && (reminders[0] ?? 0) <= 4 * HOUR + 2 * MINUTE);
  });

  it('follow a per-rule interval, and stop when it resolves', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith({ rules: { 'worker-offline': { reminderHours: 1 } } }));
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.wait(HOUR);
    assert.equal(script.tick().notifications.length, 1);
    script.poll(all);
    script.poll(all);
    script.wait(5 * HOUR);
    assert.deepEqual(script.tick().notifications, []);
  });

  it('are off with reminderHours 0', () => {
    const script = new PollScript(evaluatorWith({ defaults: { reminderHours: 0 } }));
    const all = fleet(10);
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.wait(48 * HOUR);
    assert.deepEqual(script.tick().notifications, []);
  });
});

describe('snooze and mute', () => {
  const all = fleet(10);
  const down = withState(all, ['rig-01'], 'offline');
  const RIG = { accountId: 'acc-1', group: 'main', worker: 'rig-01' };

  function firingWhile(target: Parameters<AlertEvaluator['snooze']>[0], untilMs: number | null) {
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.evaluator.snooze(target, untilMs);
    script.poll(down);
    script.poll(down);
    return script;
  }

  for (const [level, target] of [
    ['worker', { accountId: 'acc-1', group: 'main', worker: 'rig-01' }],
    ['group', { accountId: 'acc-1', group: 'main' }],
    ['account', { accountId: 'acc-1' }],
    ['rule', { ruleId: 'worker-offline' as const }],
  ] as const) {
    it(`silences by ${level} for a duration, then tells what still fires`, () => {
      const script = firingWhile(target, T0 + HOUR);
      assert.deepEqual(script.notifications(), []);
      assert.equal(script.evaluator.activeAlerts()[0]?.snoozed, true, 'the app still lists it, marked snoozed');
      script.nowMs = T0 + HOUR - 1;
      assert.deepEqual(script.tick().notifications, []);
      script.nowMs = T0 + HOUR;
      assert.deepEqual(script.tick().notifications.map((n) => [n.kind, n.title]), [['reminder', 'Still firing: Worker offline in batchtest']]);
    });

    it(`mutes by ${level} until resumed`, () => {
      const script = firingWhile(target, null);
      script.wait(100 * HOUR);
      assert.deepEqual(script.tick().notifications, []);
      assert.equal(script.evaluator.snoozes().length, 1);
      assert.equal(script.evaluator.unsnooze(target), true);
      assert.equal(script.tick().notifications.length, 1);
    });
  }

  it('does not silence other workers, groups or rules', () => {
    const script = firingWhile({ accountId: 'acc-1', group: 'main', worker: 'rig-02' }, null);
    assert.equal(script.notifications().length, 1);
    const byRule = firingWhile({ ruleId: 'hashrate-drop' }, null);
    assert.equal(byRule.notifications().length, 1);
  });

  it('snoozes one alert by key (the notification\'s snooze-1h action), and the back-online notice with it', () => {
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(down);
    const [note] = script.poll(down).notifications;
    for (const key of note?.alertKeys ?? []) script.evaluator.snooze({ key }, script.nowMs + HOUR);
    script.wait(30 * MINUTE);
    assert.deepEqual(script.tick().notifications, []);
    assert.deepEqual(script.evaluator.activeAlerts().map((a) => [a.key, a.snoozed]), [[alertKey('worker-offline', RIG), true]]);
  });

  it('does not announce the end of an alert nobody was told about', () => {
    const script = firingWhile({ accountId: 'acc-1' }, T0 + 10 * HOUR);
    script.poll(all);
    script.poll(all);
    assert.deepEqual(script.steps('worker-offline'), ['pending->firing', 'firing->resolving', 'resolving->resolved']);
    script.nowMs = T0 + 11 * HOUR;
    script.tick();
    assert.deepEqual(script.notifications(), [], 'no resolved, no back-online, no late reminder');
  });

  it('suppresses events of a muted account', () => {
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.evaluator.mute({ accountId: 'acc-1' });
    script.poll(all, { payouts: [{ id: 'x', coin: 'BTC', amount: 1, unit: 'coin', status: 'pending', txId: null, at: null, group: null }] });
    assert.equal(script.results.flatMap((r) => r.events).length, 1, 'the event is still recorded for history');
    assert.deepEqual(script.notifications(), []);
  });
});

describe('history, restart and removal', () => {
  it('survives a restart: a firing alert stays firing and is not told again', () => {
    const all = fleet(10);
    const down = withState(all, ['rig-01'], 'offline');
    const first = new PollScript(evaluatorWith());
    first.poll(all);
    first.poll(all);
    first.poll(down);
    first.poll(down);
    const saved = JSON.parse(JSON.stringify(first.evaluator.snapshot())) as unknown;

    const restarted = new AlertEvaluator(parseAlertSettings({}), { snapshot: parseAlertSnapshot(saved) });
    const second = new PollScript(restarted, MINUTE, {}, first.nowMs + 10 * MINUTE);
    for (let i = 0; i < 4; i += 1) second.poll(down);
    assert.deepEqual(second.notifications(), []);
    assert.deepEqual(restarted.activeAlerts().map((a) => [a.ruleId, a.state]), [['worker-offline', 'firing']]);
    second.poll(all);
    const back = second.poll(all);
    assert.deepEqual(back.notifications.map((n) => n.title), ['Worker back online in batchtest']);
  });

  it('rejects a snapshot that does not fit', () => {
    assert.throws(() => parseAlertSnapshot({ version: 2 }));
    assert.throws(() => parseAlertSnapshot({ version: 1, alerts: [{ key: 1 }], snoozes: [], router: { delivered: [], held: [], heldDropped: 0, seq: 0 } }));
  });

  it('closes the alerts of a removed account for history and forgets it', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    const closed = script.evaluator.removeAccount('acc-1', script.nowMs);
    assert.deepEqual(closed.map((t) => [t.ruleId, t.from, t.to, t.cause]), [['worker-offline', 'firing', 'resolved', 'account-removed']]);
    assert.deepEqual(script.evaluator.activeAlerts(), []);
    script.wait(10 * HOUR);
    assert.deepEqual(script.tick().notifications, []);
  });

  it('records every transition with time, rule, scope names, states and message', () => {
    const all = fleet(10);
    const script = new PollScript(evaluatorWith());
    script.poll(all);
    script.poll(all);
    script.poll(withState(all, ['rig-01'], 'offline'));
    script.poll(withState(all, ['rig-01'], 'offline'));
    const [fired] = script.transitions();
    assert.deepEqual(
      { atMs: fired?.atMs, ruleId: fired?.ruleId, scope: fired?.scope, from: fired?.from, to: fired?.to, message: fired?.message },
      {
        atMs: T0 + 3 * MINUTE,
        ruleId: 'worker-offline',
        scope: { accountId: 'acc-1', accountLabel: 'batchtest', group: 'main', worker: 'rig-01' },
        from: 'pending',
        to: 'firing',
        message: 'Worker rig-01 (subaccount main) of batchtest (SBI Crypto Pool) stopped sending shares.',
      },
    );
  });

  it('ignores summaries of accounts not polled yet', () => {
    const evaluator = evaluatorWith();
    assert.deepEqual(evaluator.observe(observation({ atMs: T0, workers: null, status: 'pending' })), { transitions: [], events: [], notifications: [] });
  });
});
