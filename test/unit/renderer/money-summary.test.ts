import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedPayoutMs, moneySummary } from '../../../renderer/features/overview/money-summary';
import type { Payout } from '../../../shared/model';
import { makeSummary } from './fixtures';

const NOW = Date.parse('2025-06-10T12:00:00Z');

function paid(id: string, at: string, amount = 0.01, status: Payout['status'] = 'confirmed'): Payout {
  return { id, coin: 'BTC', amount, unit: 'coin', status, txId: null, at, group: null };
}

describe('the Overview money summary', () => {
  it('sums today\'s and yesterday\'s earnings and the unpaid balance per coin across accounts, marking estimates', () => {
    const accounts = [
      makeSummary({
        id: 'sbi',
        revenue: [
          { day: '2025-06-10', coin: 'BTC', amount: 0.002, unit: 'coin', raw: { amount: 200000, unit: 'satoshi' }, group: 'rigs', estimate: true },
          { day: '2025-06-09', coin: 'BTC', amount: 0.004, unit: 'coin', raw: { amount: 400000, unit: 'satoshi' }, group: 'rigs', estimate: true },
          { day: '2025-06-09', coin: 'ETH', amount: 301979, unit: 'base-unit', group: 'eth', estimate: true },
        ],
        balances: [{ coin: 'BTC', unpaid: 0.01, unit: 'coin', group: 'rigs' }],
      }),
      makeSummary({
        id: 'spider',
        pool: 'spider',
        revenue: [
          { day: '2025-06-09', coin: 'BTC', amount: 0.001, unit: 'coin', group: 'main (BTC)' },
          { day: '2025-06-08', coin: 'BTC', amount: 5, unit: 'coin', group: 'main (BTC)' },
        ],
        balances: [{ coin: 'BTC', unpaid: 0.02, unit: 'coin', group: 'main (BTC)' }],
      }),
    ];
    const [btc, eth] = moneySummary(accounts, NOW);
    assert.equal(btc?.coin, 'BTC');
    assert.deepEqual(btc?.today, { amount: 0.002, estimate: true });
    assert.equal(btc?.yesterday?.estimate, true);
    assert.ok(Math.abs((btc?.yesterday?.amount ?? 0) - 0.005) < 1e-12);
    assert.ok(Math.abs((btc?.unpaid ?? 0) - 0.03) < 1e-12);
    assert.deepEqual([eth?.coin, eth?.unit, eth?.today, eth?.yesterday?.amount, eth?.unpaid], ['ETH', 'base-unit', null, 301979, null]);
  });

  it('says a payout under way is the next one, and otherwise expects one at the usual rhythm', () => {
    const daily = [paid('a', '2025-06-07T02:00:00Z'), paid('b', '2025-06-08T02:00:00Z'), paid('c', '2025-06-09T02:00:00Z'), paid('x', '2025-06-09T05:00:00Z', 1, 'failed')];
    assert.equal(expectedPayoutMs(daily), Date.parse('2025-06-10T02:00:00Z'));
    assert.equal(expectedPayoutMs(daily.slice(0, 2)), null, 'two payouts are no rhythm');

    const [expected] = moneySummary([makeSummary({ id: 'farm', label: 'Farm', payouts: daily })], NOW);
    assert.deepEqual(expected?.next, { kind: 'expected', atMs: Date.parse('2025-06-10T02:00:00Z'), accountLabel: 'Farm' });

    const underWay = [...daily, paid('d', '2025-06-10T02:00:00Z', 0.03, 'posted')];
    const [pending] = moneySummary([makeSummary({ id: 'farm', payouts: underWay })], NOW);
    assert.deepEqual(pending?.next, { kind: 'pending', amount: 0.03, at: '2025-06-10T02:00:00Z' });
  });

  it('has nothing to say without money figures', () => {
    assert.deepEqual(moneySummary([makeSummary({ id: 'stratum', pool: 'stratumsphere' })], NOW), []);
  });
});
