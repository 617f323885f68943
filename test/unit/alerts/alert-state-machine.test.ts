import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertStateMachine } from '../../../main/alerts/alert-state-machine';
import { SettingsResolver, parseAlertSettings, type AlertSettingsInput } from '../../../main/alerts/alert-settings';
import { alertKey, type AlertScope, type AlertTransition, type RuleResult } from '../../../main/alerts/alert-types';
import { MINUTE, T0 } from './observation-builder';

const SCOPE: AlertScope = { accountId: 'acc-1', accountLabel: 'batchtest', group: 'main', worker: 'rig-01' };
const KEY = alertKey('worker-offline', SCOPE);

function machine(settings: AlertSettingsInput = {}): AlertStateMachine {
  return new AlertStateMachine(new SettingsResolver(parseAlertSettings(settings)));
}

/** One judged observation: the condition holds (true), is false, is unknown (null) or is not judged at all ('skip'). */
function step(target: AlertStateMachine, value: boolean | null | 'skip', atMs: number, scope = SCOPE): AlertTransition[] {
  const key = alertKey('worker-offline', scope);
  const result: RuleResult = { ruleId: 'worker-offline', judged: value !== 'skip', active: [], unknown: [] };
  if (value === true) result.active.push({ key, ruleId: 'worker-offline', scope, ref: null, message: 'rig-01 (main) stopped sending shares.', severity: 'warning' });
  if (value === null) result.unknown.push(key);
  return target.apply('acc-1', [result], atMs);
}

function run(target: AlertStateMachine, values: Array<boolean | null | 'skip'>): string[] {
  return values.flatMap((value, index) => step(target, value, T0 + index * MINUTE).map((t) => `${index}:${t.from}->${t.to}`));
}

describe('AlertStateMachine', () => {
  it('goes pending -> firing -> resolving -> resolved with the default 2-poll holds', () => {
    const m = machine();
    assert.deepEqual(run(m, [true, true, true, false, false]), ['1:pending->firing', '3:firing->resolving', '4:resolving->resolved']);
    assert.equal(m.has(KEY), false, 'a resolved alert leaves the machine');
  });

  it('is pending (and silent) after the first true poll', () => {
    const m = machine();
    assert.deepEqual(step(m, true, T0), []);
    assert.equal(m.get(KEY)?.state, 'pending');
    assert.equal(m.get(KEY)?.sinceMs, T0);
  });

  it('drops a pending alert that clears without any transition: nothing resolves that never fired', () => {
    const m = machine();
    assert.deepEqual(run(m, [true, false, true, false, true, false]), []);
    assert.equal(m.has(KEY), false);
  });

  it('honours forPolls and recoveryPolls from the settings of the scope', () => {
    const m = machine({ accounts: { 'acc-1': { groups: { main: { workers: { 'rig-01': { forPolls: 4, recoveryPolls: 3 } } } } } } });
    assert.deepEqual(run(m, [true, true, true, true, false, false, false]), ['3:pending->firing', '4:firing->resolving', '6:resolving->resolved']);
  });

  it('holds in minutes whatever the poll interval: 10 s polls and 5 min polls both fire after the same 2 minutes', () => {
    const settings = { defaults: { forMinutes: 2, recoveryMinutes: 3 } };
    const fast = machine(settings);
    const at = (seconds: number) => T0 + seconds * 1000;
    const fired: number[] = [];
    for (let s = 0; s <= 150; s += 10) if (step(fast, true, at(s)).some((t) => t.to === 'firing')) fired.push(s);
    assert.deepEqual(fired, [110], '108 s is 2 min less the 10 % poll jitter');
    const slow = machine(settings);
    assert.deepEqual(step(slow, true, T0), []);
    assert.deepEqual(step(slow, true, T0 + 5 * MINUTE).map((t) => t.to), ['firing'], 'one backoff step of 5 min covers the hold');
    assert.deepEqual(step(slow, false, T0 + 6 * MINUTE).map((t) => t.to), ['resolving']);
    assert.deepEqual(step(slow, false, T0 + 7 * MINUTE).map((t) => t.to), []);
    assert.deepEqual(step(slow, false, T0 + 9 * MINUTE).map((t) => t.to), ['resolved']);
  });

  it('reads the old holds in polls as minutes at the default 60 s interval', () => {
    const m = machine({ defaults: { forPolls: 3 } });
    assert.deepEqual(run(m, [true, true, true]), ['2:pending->firing']);
    const fast = machine({ defaults: { forPolls: 3 } });
    assert.deepEqual(step(fast, true, T0), []);
    assert.deepEqual(step(fast, true, T0 + 10_000), [], 'three 10 s polls are not the two minutes the setting meant');
    assert.deepEqual(step(fast, true, T0 + 20_000), []);
  });

  it('resolves at once with recoveryPolls 1 and fires at once with forPolls 1', () => {
    const m = machine({ defaults: { forPolls: 1, recoveryPolls: 1 } });
    assert.deepEqual(run(m, [true, false]), ['0:pending->firing', '1:firing->resolving', '1:resolving->resolved']);
  });

  it('goes back to firing when the condition returns while resolving, and restarts the recovery count', () => {
    const m = machine();
    assert.deepEqual(run(m, [true, true, false, true, false, false]), [
      '1:pending->firing',
      '2:firing->resolving',
      '3:resolving->firing',
      '4:firing->resolving',
      '5:resolving->resolved',
    ]);
  });

  it('freezes on unjudged observations and on unknown keys', () => {
    const m = machine();
    assert.deepEqual(run(m, [true, 'skip', null, 'skip', true]), ['4:pending->firing']);
    const firing = machine();
    assert.deepEqual(run(firing, [true, true, 'skip', 'skip', null, null]), ['1:pending->firing']);
    assert.equal(firing.get(KEY)?.state, 'firing');
  });

  it('never records a resolved without a firing before it, for any sequence', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values: Array<boolean | null | 'skip'> = [true, false, null, 'skip'];
    for (let trial = 0; trial < 200; trial += 1) {
      const m = machine({ defaults: { forPolls: 1 + Math.floor(random() * 3), recoveryPolls: 1 + Math.floor(random() * 3) } });
      const sequence = Array.from({ length: 30 }, () => values[Math.floor(random() * values.length)] ?? false);
      const transitions = sequence.flatMap((value, index) => step(m, value, T0 + index * MINUTE));
      let live: 'none' | 'firing' | 'resolving' = 'none';
      for (const t of transitions) {
        assert.notEqual(t.from, 'resolved');
        assert.notEqual(t.from, t.to);
        if (t.to === 'firing') assert.ok(t.from === 'pending' || (t.from === 'resolving' && live === 'resolving'), JSON.stringify(t));
        if (t.to === 'resolving') assert.equal(live, 'firing');
        if (t.to === 'resolved') assert.equal(live, 'resolving', `${JSON.stringify(sequence)}`);
        live = t.to === 'resolved' ? 'none' : t.to === 'firing' ? 'firing' : 'resolving';
      }
    }
  });

  it('carries time, rule, scope, states, message and severity on every transition', () => {
    const m = machine();
    step(m, true, T0);
    const [fired] = step(m, true, T0 + MINUTE);
    assert.deepEqual(fired, {
      key: KEY,
      atMs: T0 + MINUTE,
      ruleId: 'worker-offline',
      scope: SCOPE,
      ref: null,
      from: 'pending',
      to: 'firing',
      message: 'rig-01 (main) stopped sending shares.',
      severity: 'warning',
      urgent: false,
      cause: 'condition',
    });
    const [resolving] = step(m, false, T0 + 2 * MINUTE);
    assert.match(resolving?.message ?? '', /rig-01 \(main\): Worker offline no longer seen/);
    const [resolved] = step(m, false, T0 + 3 * MINUTE);
    assert.match(resolved?.message ?? '', /resolved/);
  });

  it('closes a firing alert when its rule is turned off for the scope', () => {
    const m = machine();
    run(m, [true, true]);
    m.setResolver(new SettingsResolver(parseAlertSettings({ accounts: { 'acc-1': { rules: { 'worker-offline': { enabled: false } } } } })));
    const [closed] = step(m, false, T0 + 5 * MINUTE);
    assert.equal(closed?.to, 'resolved');
    assert.equal(closed?.from, 'firing');
    assert.equal(closed?.cause, 'rule-disabled');
    assert.equal(m.has(KEY), false);
  });

  it('restarts pending counts after a gap, only for the rules given', () => {
    const m = machine();
    step(m, true, T0);
    m.resetPending('acc-1', new Set(['worker-dead']));
    assert.equal(m.get(KEY)?.state, 'pending');
    m.resetPending('acc-1', new Set(['worker-offline']));
    assert.equal(m.has(KEY), false);
    assert.deepEqual(step(m, true, T0 + MINUTE), [], 'counting starts over');
  });

  it('closes the alerts of a removed account for history, without a trace for pending ones', () => {
    const m = machine();
    run(m, [true, true]);
    const other = { ...SCOPE, worker: 'rig-02' };
    const both = [SCOPE, other].map((scope) => ({ key: alertKey('worker-offline', scope), ruleId: 'worker-offline' as const, scope, ref: null, message: 'x', severity: 'warning' as const }));
    m.apply('acc-1', [{ ruleId: 'worker-offline', judged: true, active: both, unknown: [] }], T0 + 2 * MINUTE);
    assert.equal(m.get(alertKey('worker-offline', other))?.state, 'pending');
    const closed = m.removeAccount('acc-1', T0 + HOUR_MS);
    assert.deepEqual(closed.map((t) => `${t.scope.worker}:${t.from}->${t.to}:${t.cause}`), ['rig-01:firing->resolved:account-removed']);
    assert.equal([...m.records()].length, 0);
  });
});

const HOUR_MS = 60 * MINUTE;
