import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PoolId } from '../../../shared/model';
import { parseAlertSnapshot } from '../../../main/alerts/alert-snapshot';
import { notificationForChannel } from '../../../main/alerts/channel-routing';
import { formatEmail } from '../../../main/alerts/channels/email-format';
import { HOUR, MINUTE, PollScript, evaluatorWith, fleet, withState } from './observation-builder';

/** Each pool's word for what it lists, as its notification bodies already say it. */
const WORDS: Array<[PoolId, string, string]> = [
  ['sbi', 'Worker', 'workers'],
  ['spider', 'Worker', 'workers'],
  ['webminepool', 'User', 'users'],
  ['stratumsphere', 'Rental', 'rentals'],
];

function warmed(pool: PoolId, workers: ReturnType<typeof fleet>): PollScript {
  const script = new PollScript(evaluatorWith(), MINUTE, { pool });
  script.poll(workers);
  script.poll(workers);
  script.clear();
  return script;
}

describe('notification titles speak the pool\'s word for its units', () => {
  for (const [pool, One, many] of WORDS) {
    it(`${pool}: "${One} offline", its reminder and "${One} back online"`, () => {
      const all = fleet(10);
      const script = warmed(pool, all);
      const down = withState(all, ['rig-01'], 'offline');
      script.poll(down);
      assert.deepEqual(script.poll(down).notifications.map((n) => n.title), [`${One} offline in batchtest`]);
      // Polled every minute for 4 h, the alert is repeated once.
      const reminders = Array.from({ length: (4 * HOUR) / MINUTE }, () => script.poll(down)).flatMap((result) => result.notifications);
      assert.deepEqual(reminders.map((n) => n.title), [`Still firing: ${One} offline in batchtest`]);
      script.poll(all);
      assert.deepEqual(script.poll(all).notifications.map((n) => n.title), [`${One} back online in batchtest`]);
    });

    it(`${pool}: "12 ${many} offline" and "Many ${many} offline", also as a routed channel gets them`, () => {
      const all = fleet(100);
      const script = warmed(pool, all);
      const twelve = withState(all, all.slice(0, 12).map((w) => w.name), 'offline');
      script.poll(twelve);
      const [grouped] = script.poll(twelve).notifications;
      assert.equal(grouped?.title, `12 ${many} offline in batchtest`);
      // A channel limited to some of the items gets the title written again from them: in the same word.
      const routed = notificationForChannel({ ...grouped!, items: [...grouped!.items, { ...grouped!.items[0]!, key: 'other', scope: { ...grouped!.items[0]!.scope, accountId: 'acc-2' } }] }, { accounts: ['acc-1'], groups: [], rules: [] });
      assert.equal(routed?.title, `12 ${many} offline in batchtest`);

      const small = fleet(10);
      const fleetScript = warmed(pool, small);
      const most = withState(small, small.slice(0, 4).map((w) => w.name), 'offline');
      fleetScript.poll(most);
      assert.deepEqual(fleetScript.poll(most).notifications.map((n) => n.title), [`Many ${many} offline in batchtest`]);
    });
  }

  it('a reminder listing several rules counts in the pool\'s word', () => {
    const all = fleet(100);
    const script = warmed('stratumsphere', all);
    const down = withState(all, ['rig-001', 'rig-002'], 'offline');
    script.poll(down);
    script.poll(down);
    script.wait(4 * HOUR);
    const [reminder] = script.tick().notifications;
    assert.equal(reminder?.title, 'Still firing in batchtest: 2 alerts');
    assert.equal(reminder?.body, '2 rentals offline.');
  });

  it('an e-mail says it too: subject, the list of units and each line', () => {
    const all = fleet(100);
    const script = warmed('webminepool', all);
    const down = withState(all, ['rig-001', 'rig-002', 'rig-003'], 'offline');
    script.poll(down);
    const [note] = script.poll(down).notifications;
    const email = formatEmail(note!, () => 'WebMinePool');
    assert.equal(email.subject, '[PoolWatch] WARNING: 3 users offline in batchtest');
    assert.match(email.text, /^Users: rig-001, rig-002, rig-003$/m);
    assert.match(email.text, /^- \[warning\] User offline \(main \/ rig-001\): User rig-001 \(site main\)/m);
    assert.doesNotMatch(email.text, /worker/i);
  });

  it('items held over quiet hours keep their pool across a restart; ones saved before it had none say "worker"', () => {
    const item = { key: 'k', ruleId: 'worker-offline', scope: { accountId: 'a', accountLabel: 'A', group: 'g', worker: 'w' }, ref: null, change: 'firing', atMs: 0, message: 'm', severity: 'warning', urgent: false };
    const saved = (held: unknown[]) => ({ version: 1, alerts: [], snoozes: [], router: { delivered: [], held, heldDropped: 0, seq: 0 } });
    assert.deepEqual(parseAlertSnapshot(saved([{ ...item, pool: 'stratumsphere' }])).router.held.map((h) => h.pool), ['stratumsphere']);
    assert.deepEqual(parseAlertSnapshot(saved([item])).router.held.map((h) => h.pool), [null]);
  });
});
