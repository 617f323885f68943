import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertEvaluator } from '../../../main/alerts/alert-evaluator';
import { parseAlertSettings } from '../../../main/alerts/alert-settings';
import type { AlertEvent, AlertTransition } from '../../../main/alerts/alert-types';
import type { Notification } from '../../../main/alerts/notification-format';
import { NO_HASHRATE, type Payout, type RevenueEstimate } from '../../../shared/model';
import { HOUR, MINUTE, T0, TH, evaluatorWith, fleet, observation, payout } from './observation-builder';

const DAY = 24 * HOUR;

interface Poll {
  atMs: number;
  /** The account's total (10-minute) hashrate. */
  hps?: number | null;
  /** Per group totals; two or more groups are judged on their own too. */
  groups?: Record<string, number>;
  payouts?: Payout[];
  balances?: Parameters<typeof observation>[0]['balances'];
  revenue?: RevenueEstimate[];
  online?: number;
}

/** Feeds one poll to the evaluator with the account's and groups' totals set as a pool would report them. */
function feed(evaluator: AlertEvaluator, poll: Poll): { transitions: AlertTransition[]; events: AlertEvent[]; notifications: Notification[] } {
  const judged = observation({ atMs: poll.atMs, workers: fleet(poll.online ?? 3), payouts: poll.payouts ?? [], balances: poll.balances ?? [] });
  judged.account.hashrate = { ...NO_HASHRATE, h10m: poll.hps === undefined ? 300 * TH : poll.hps };
  if (poll.groups) {
    judged.account.groups = Object.entries(poll.groups).map(([name, hps]) => ({
      name,
      coin: 'BTC',
      hashrate: { ...NO_HASHRATE, h10m: hps },
      workers: { online: 1, offline: 0, dead: 0, unknown: 0, total: 1 },
    }));
  }
  judged.account.revenue = poll.revenue ?? [];
  const result = evaluator.observe(judged);
  return { transitions: result.transitions, events: result.events, notifications: result.notifications };
}

/** Polls every `stepMs` from `fromMs` while `until` holds, collecting every transition and event. */
function run(evaluator: AlertEvaluator, fromMs: number, toMs: number, stepMs: number, poll: (atMs: number) => Omit<Poll, 'atMs'>) {
  const transitions: AlertTransition[] = [];
  const events: AlertEvent[] = [];
  const notifications: Notification[] = [];
  for (let atMs = fromMs; atMs < toMs; atMs += stepMs) {
    const out = feed(evaluator, { atMs, ...poll(atMs) });
    transitions.push(...out.transitions);
    events.push(...out.events);
    notifications.push(...out.notifications);
  }
  return { transitions, events, notifications };
}

function steps(transitions: readonly AlertTransition[], ruleId: string): string[] {
  return transitions.filter((t) => t.ruleId === ruleId).map((t) => `${t.scope.group ?? '-'}:${t.from}->${t.to}`);
}

describe('total-hashrate-low', () => {
  it('fires below the floor, holds inside the 10 % margin, resolves above it with one recovered event', () => {
    const evaluator = evaluatorWith({ rules: { 'total-hashrate-low': { totalHashrateFloorHps: 200 * TH, totalHashrateMedianPercent: 0 } } });
    const first = run(evaluator, T0, T0 + 5 * MINUTE, MINUTE, () => ({ hps: 150 * TH }));
    assert.deepEqual(steps(first.transitions, 'total-hashrate-low'), ['-:pending->firing']);
    assert.match(first.transitions[0]!.message, /Total hashrate of batchtest is 150 TH\/s, below the floor of 200 TH\/s/);

    // 210 TH/s is above the floor but inside floor x 1.1: still firing.
    const band = run(evaluator, T0 + 5 * MINUTE, T0 + 10 * MINUTE, MINUTE, () => ({ hps: 210 * TH }));
    assert.deepEqual(steps(band.transitions, 'total-hashrate-low'), []);
    assert.deepEqual(band.events, []);

    const back = run(evaluator, T0 + 10 * MINUTE, T0 + 15 * MINUTE, MINUTE, () => ({ hps: 230 * TH }));
    assert.deepEqual(steps(back.transitions, 'total-hashrate-low'), ['-:firing->resolving', '-:resolving->resolved']);
    assert.deepEqual(back.events.map((e) => `${e.ruleId}:${e.ref}`), ['fleet-recovered:total-hashrate-low']);
    assert.match(back.events[0]!.message, /batchtest recovered \(hashrate below floor\)\. Total hashrate is 230 TH\/s\./);
  });

  it('learns a 24 h median and fires below X % of it, never in the first two hours', () => {
    const evaluator = evaluatorWith();
    // A fresh start at a low figure has no median to fall below.
    const start = run(evaluator, T0, T0 + 90 * MINUTE, MINUTE, (atMs) => ({ hps: atMs < T0 + 10 * MINUTE ? 10 * TH : 300 * TH }));
    assert.deepEqual(steps(start.transitions, 'total-hashrate-low'), []);
    run(evaluator, T0 + 90 * MINUTE, T0 + 6 * HOUR, MINUTE, () => ({ hps: 300 * TH }));
    const drop = run(evaluator, T0 + 6 * HOUR, T0 + 6 * HOUR + 5 * MINUTE, MINUTE, () => ({ hps: 140 * TH }));
    assert.deepEqual(steps(drop.transitions, 'total-hashrate-low'), ['-:pending->firing']);
    assert.match(drop.transitions[0]!.message, /below 50% of its 24 h median \(300 TH\/s\)/);
    // 170 TH/s is above 50 % + 10 % of 50 % but below 50 + 10 = 60 % of 300: the margin is in percentage points.
    const band = run(evaluator, T0 + 6 * HOUR + 5 * MINUTE, T0 + 7 * HOUR, MINUTE, () => ({ hps: 170 * TH }));
    assert.deepEqual(steps(band.transitions, 'total-hashrate-low'), []);
    const back = run(evaluator, T0 + 7 * HOUR, T0 + 7 * HOUR + 5 * MINUTE, MINUTE, () => ({ hps: 290 * TH }));
    assert.deepEqual(steps(back.transitions, 'total-hashrate-low'), ['-:firing->resolving', '-:resolving->resolved']);
    assert.equal(back.events.filter((e) => e.ruleId === 'fleet-recovered').length, 1);
  });

  it('keeps a median alert as it is after a restart, until the median is known again (no false "recovered")', () => {
    const evaluator = evaluatorWith();
    run(evaluator, T0, T0 + 3 * HOUR, MINUTE, () => ({ hps: 300 * TH }));
    const drop = run(evaluator, T0 + 3 * HOUR, T0 + 3 * HOUR + 5 * MINUTE, MINUTE, () => ({ hps: 100 * TH }));
    assert.deepEqual(steps(drop.transitions, 'total-hashrate-low'), ['-:pending->firing']);
    const restarted = new AlertEvaluator(parseAlertSettings({}), { snapshot: evaluator.snapshot() });
    const after = run(restarted, T0 + 3 * HOUR + 5 * MINUTE, T0 + 4 * HOUR, MINUTE, () => ({ hps: 100 * TH }));
    assert.deepEqual(steps(after.transitions, 'total-hashrate-low'), []);
    assert.deepEqual(after.events, []);
  });

  it('judges each group of a multi-group account against its own floor (a per-group override)', () => {
    const evaluator = evaluatorWith({
      rules: { 'total-hashrate-low': { totalHashrateMedianPercent: 0 } },
      accounts: { 'acc-1': { groups: { east: { totalHashrateFloorHps: 100 * TH } } } },
    });
    const out = run(evaluator, T0, T0 + 5 * MINUTE, MINUTE, () => ({ hps: 130 * TH, groups: { east: 50 * TH, west: 80 * TH } }));
    assert.deepEqual(steps(out.transitions, 'total-hashrate-low'), ['east:pending->firing']);
  });

  it('says nothing when the pool gives no total', () => {
    const evaluator = evaluatorWith({ rules: { 'total-hashrate-low': { totalHashrateFloorHps: 1 } } });
    const out = run(evaluator, T0, T0 + 5 * MINUTE, MINUTE, () => ({ hps: null }));
    assert.deepEqual(steps(out.transitions, 'total-hashrate-low'), []);
  });
});

describe('expected-workers recovery', () => {
  it('tells the recovery once, with the count that came back, and does not notify "resolved" again', () => {
    const evaluator = evaluatorWith({ accounts: { 'acc-1': { expectedWorkers: 3 } } });
    const all = run(evaluator, T0, T0 + 10 * MINUTE, MINUTE, (atMs) => ({ online: atMs < T0 + 5 * MINUTE ? 2 : 3 }));
    assert.deepEqual(steps(all.transitions, 'expected-workers'), ['-:pending->firing', '-:firing->resolving', '-:resolving->resolved']);
    assert.deepEqual(all.events.map((e) => e.message), ['batchtest recovered (fewer workers than expected). 3 workers are online.']);
    assert.deepEqual(
      all.notifications.map((n) => n.items.map((item) => `${item.ruleId}:${item.change}`).join(',')),
      ['expected-workers:firing', 'fleet-recovered:event'],
    );
  });

  it('tells no recovery of an alert whose start nobody was told about (muted while it fired)', () => {
    const evaluator = evaluatorWith({ accounts: { 'acc-1': { expectedWorkers: 3 } } });
    evaluator.mute({ ruleId: 'expected-workers' });
    const fired = run(evaluator, T0, T0 + 5 * MINUTE, MINUTE, () => ({ online: 2 }));
    assert.deepEqual(steps(fired.transitions, 'expected-workers'), ['-:pending->firing']);
    evaluator.unsnooze({ ruleId: 'expected-workers' });
    const back = run(evaluator, T0 + 5 * MINUTE, T0 + 10 * MINUTE, MINUTE, () => ({ online: 3 }));
    assert.equal(back.events.length, 1, 'the event is in the history');
    assert.deepEqual(back.notifications, [], 'but not notified');
  });
});

function paid(id: string, atMs: number, status: Payout['status'] = 'confirmed', group: string | null = null): Payout {
  return { ...payout(id, status, 0.01, group), at: new Date(atMs).toISOString() };
}

describe('payout-overdue', () => {
  const history = [paid('p1', T0 - 3 * DAY), paid('p2', T0 - 2 * DAY), paid('p3', T0 - DAY)];
  const unpaid = [{ coin: 'BTC', unpaid: 0.004, unit: 'coin' as const, group: null }];

  it('fires when the last payout is older than 1.5 learned cadences with a balance unpaid, and resolves with the next payout', () => {
    const evaluator = evaluatorWith();
    const early = run(evaluator, T0, T0 + 12 * HOUR, HOUR, () => ({ payouts: history, balances: unpaid }));
    assert.deepEqual(steps(early.transitions, 'payout-overdue'), []);
    const late = run(evaluator, T0 + 12 * HOUR, T0 + 14 * HOUR, HOUR, () => ({ payouts: history, balances: unpaid }));
    assert.deepEqual(steps(late.transitions, 'payout-overdue'), ['-:pending->firing']);
    assert.match(late.transitions[0]!.message, /No payout for 37 h \(the longest recent gap was 24 h\), with 0\.004 BTC unpaid\./);
    const next = [...history, paid('p4', T0 + 14 * HOUR, 'posted')];
    const fixed = run(evaluator, T0 + 14 * HOUR, T0 + 16 * HOUR, HOUR, () => ({ payouts: next, balances: unpaid }));
    assert.deepEqual(steps(fixed.transitions, 'payout-overdue'), ['-:firing->resolving', '-:resolving->resolved']);
  });

  it('learns the longest recent gap: a pool paying at its minimum every 1 or 2 days is not overdue after 1.5 days', () => {
    // Gaps of 1, 1, 2 and 1 days (the median is 1 day), the last payout 16 h before T0.
    const days = [-6, -5, -4, -2, -1].map((d, i) => paid(`m${i}`, T0 - 16 * HOUR + (d + 1) * DAY));
    const evaluator = evaluatorWith();
    // Up to 66 h since the last payout: within 1.5 x the longest gap (72 h), though far past 1.5 x the median.
    const out = run(evaluator, T0, T0 + 50 * HOUR, HOUR, () => ({ payouts: days, balances: unpaid }));
    assert.deepEqual(steps(out.transitions, 'payout-overdue'), []);
    const late = run(evaluator, T0 + 50 * HOUR, T0 + 60 * HOUR, HOUR, () => ({ payouts: days, balances: unpaid }));
    assert.deepEqual(steps(late.transitions, 'payout-overdue'), ['-:pending->firing']);
    assert.match(late.transitions[0]!.message, /No payout for 3 d \(the longest recent gap was 48 h\)/);
  });

  it('uses a cadence set per account, and says nothing without a balance, below the pool minimum or with too little history', () => {
    const weekly = evaluatorWith({ accounts: { 'acc-1': { payoutIntervalHours: 24 * 7 } } });
    assert.deepEqual(steps(run(weekly, T0, T0 + 14 * HOUR, HOUR, () => ({ payouts: history, balances: unpaid })).transitions, 'payout-overdue'), []);
    const noBalance = evaluatorWith();
    assert.deepEqual(steps(run(noBalance, T0, T0 + 20 * HOUR, HOUR, () => ({ payouts: history })).transitions, 'payout-overdue'), []);
    const belowMinimum = evaluatorWith({ accounts: { 'acc-1': { payoutMinimum: 0.005 } } });
    assert.deepEqual(steps(run(belowMinimum, T0, T0 + 20 * HOUR, HOUR, () => ({ payouts: history, balances: unpaid })).transitions, 'payout-overdue'), []);
    const short = evaluatorWith();
    assert.deepEqual(steps(run(short, T0, T0 + 2 * DAY, HOUR, () => ({ payouts: history.slice(1), balances: unpaid })).transitions, 'payout-overdue'), []);
  });
});

describe('payout-stuck', () => {
  it('fires per payout posted but not confirmed after 24 h, and resolves when it is confirmed', () => {
    const evaluator = evaluatorWith();
    const posted = [paid('tx-9', T0, 'posted', 'east'), paid('tx-8', T0 - 3 * DAY, 'confirmed', 'east')];
    const waiting = run(evaluator, T0, T0 + 23 * HOUR, HOUR, () => ({ payouts: posted }));
    assert.deepEqual(steps(waiting.transitions, 'payout-stuck'), []);
    const stuck = run(evaluator, T0 + 23 * HOUR, T0 + 26 * HOUR, HOUR, () => ({ payouts: posted }));
    assert.deepEqual(steps(stuck.transitions, 'payout-stuck'), ['east:pending->firing']);
    assert.equal(stuck.transitions[0]!.ref, 'tx-9');
    assert.match(stuck.transitions[0]!.message, /The payout of 0\.01 BTC of east is still posted, 24 h after it was made\./);
    const confirmed = [paid('tx-9', T0, 'confirmed', 'east'), posted[1]!];
    const fixed = run(evaluator, T0 + 26 * HOUR, T0 + 28 * HOUR, HOUR, () => ({ payouts: confirmed }));
    assert.deepEqual(steps(fixed.transitions, 'payout-stuck'), ['east:firing->resolving', 'east:resolving->resolved']);
  });
});

describe('earnings-stopped', () => {
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const midnight = T0 - (T0 % DAY);
  const earning = (dayMs: number): RevenueEstimate => ({ day: dayOf(dayMs), coin: 'BTC', amount: 0.001, unit: 'coin', group: null });

  it('fires when a hashing account has no earning for yesterday 6 h after it closed, and resolves when one arrives', () => {
    const evaluator = evaluatorWith();
    // Newest earning: the day before T0's day. Today's earning is due at tomorrow 06:00 UTC.
    const revenue = [earning(midnight - DAY)];
    const due = midnight + DAY + 6 * HOUR;
    const before = run(evaluator, T0, due, HOUR, () => ({ revenue }));
    assert.deepEqual(steps(before.transitions, 'earnings-stopped'), []);
    const after = run(evaluator, due, due + 2 * HOUR, HOUR, () => ({ revenue }));
    assert.deepEqual(steps(after.transitions, 'earnings-stopped'), ['-:pending->firing']);
    assert.match(after.transitions[0]!.message, new RegExp(`batchtest is hashing, but its newest daily earning is for ${dayOf(midnight - DAY)}`));
    const fixed = run(evaluator, due + 2 * HOUR, due + 4 * HOUR, HOUR, () => ({ revenue: [...revenue, earning(midnight)] }));
    assert.deepEqual(steps(fixed.transitions, 'earnings-stopped'), ['-:firing->resolving', '-:resolving->resolved']);
  });

  it('without settled days, counts a new payout id as yesterday\'s earning (SBI lists one per day)', () => {
    const daily = evaluatorWith();
    // A new earning id every day keeps it quiet for a week.
    const week = run(daily, T0, T0 + 7 * DAY, HOUR, (atMs) => ({ payouts: [paid(`e-${Math.floor(atMs / DAY)}`, atMs - (atMs % DAY), 'new')] }));
    assert.deepEqual(steps(week.transitions, 'earnings-stopped'), []);
    // The same list polled again for two days: the day after the last new one closed 6 h ago.
    const stopped = evaluatorWith();
    const list = [paid('e-1', midnight, 'new')];
    const out = run(stopped, T0, midnight + 2 * DAY + 7 * HOUR, HOUR, () => ({ payouts: list }));
    assert.deepEqual(steps(out.transitions, 'earnings-stopped'), ['-:pending->firing']);
    assert.equal(out.transitions[0]!.atMs, midnight + 2 * DAY + 6 * HOUR);
  });

  it('keeps its alert after a restart until the pool shows a new earning', () => {
    const evaluator = evaluatorWith();
    const list = [paid('e-1', midnight, 'new')];
    const fired = run(evaluator, T0, midnight + 2 * DAY + 7 * HOUR, HOUR, () => ({ payouts: list }));
    assert.deepEqual(steps(fired.transitions, 'earnings-stopped'), ['-:pending->firing']);
    const restarted = new AlertEvaluator(parseAlertSettings({}), { snapshot: evaluator.snapshot() });
    const start = midnight + 2 * DAY + 7 * HOUR;
    const still = run(restarted, start, start + 6 * HOUR, HOUR, () => ({ payouts: list }));
    assert.deepEqual(steps(still.transitions, 'earnings-stopped'), []);
    const news = run(restarted, start + 6 * HOUR, start + 9 * HOUR, HOUR, () => ({ payouts: [...list, paid('e-2', midnight + 2 * DAY, 'new')] }));
    assert.deepEqual(steps(news.transitions, 'earnings-stopped'), ['-:firing->resolving', '-:resolving->resolved']);
  });

  it('ignores estimates, accounts that are not hashing, and pools that show no earnings', () => {
    const estimateOnly = evaluatorWith();
    const estimates = [{ ...earning(midnight - 3 * DAY), estimate: true }];
    assert.deepEqual(steps(run(estimateOnly, T0, T0 + 3 * DAY, 2 * HOUR, () => ({ revenue: estimates })).transitions, 'earnings-stopped'), []);
    const idle = evaluatorWith();
    const old = [earning(midnight - 3 * DAY)];
    assert.deepEqual(steps(run(idle, T0, T0 + 6 * HOUR, HOUR, () => ({ revenue: old, hps: 0, online: 0 })).transitions, 'earnings-stopped'), []);
  });
});
