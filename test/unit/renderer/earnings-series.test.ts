import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EarningsHistory } from '../../../shared/contract';
import { earningsPanels, panelTitle, utcDaysOf } from '../../../renderer/features/charts/earnings-series';

const WINDOW = { fromMs: Date.parse('2025-03-01T12:00:00.000Z'), toMs: Date.parse('2025-03-03T12:00:00.000Z') };

function payout(id: string, at: string, amount: number, overrides: Partial<EarningsHistory['payouts'][number]> = {}) {
  return { id, accountId: 'acc-1', at, coin: 'BTC', amount, unit: 'coin' as const, status: 'confirmed', txId: null, rawAmount: null, rawUnit: null, ...overrides };
}

describe('earnings panels', () => {
  it('lists every UTC day the window touches', () => {
    assert.deepEqual(utcDaysOf(WINDOW), ['2025-03-01', '2025-03-02', '2025-03-03']);
  });

  it('makes one panel per coin and unit, summing accounts, with payouts per day', () => {
    const history: EarningsHistory = {
      days: [
        { day: '2025-03-01', accountId: 'acc-1', coin: 'BTC', amount: 0.001, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
        { day: '2025-03-01', accountId: 'acc-2', coin: 'BTC', amount: 0.002, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
        { day: '2025-03-02', accountId: 'acc-3', coin: 'BTC', amount: 150_000, unit: 'base-unit', rawAmount: null, rawUnit: null, estimate: false },
        { day: '2025-03-02', accountId: 'acc-1', coin: 'LTC', amount: 0.5, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
        { day: '2025-02-01', accountId: 'acc-1', coin: 'LTC', amount: 9, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
      ],
      payouts: [
        payout('p1', '2025-03-02T10:00:00.000Z', 0.01),
        payout('p2', '2025-03-02T23:59:00.000Z', 0.02),
        payout('p3', '2025-03-03T01:00:00.000Z', 0.5, { status: 'failed' }),
      ],
    };
    const panels = earningsPanels(history, WINDOW, 100);
    assert.deepEqual(
      panels.map((panel) => [panel.key, panelTitle(panel)]),
      [
        ['BTC|base-unit', 'BTC (base units)'],
        ['BTC|coin', 'BTC'],
        ['LTC|coin', 'LTC'],
      ],
    );
    const btc = panels[1];
    assert.ok(btc !== undefined);
    assert.equal(btc.days.length, 3);
    assert.ok(Math.abs((btc.days[0]?.earned ?? 0) - 0.003) < 1e-12);
    assert.deepEqual(btc.days[1], { day: '2025-03-02', earned: 0, paid: 0.03, payouts: 2, estimate: false });
    assert.deepEqual(btc.days[2], { day: '2025-03-03', earned: 0, paid: 0, payouts: 0, estimate: false });
    assert.equal(btc.payoutCount, 2);
    // Days outside the window are not drawn nor counted.
    assert.equal(panels[2]?.totalEarned, 0.5);
  });

  it('merges days beyond the budget without losing amounts', () => {
    const year = { fromMs: Date.parse('2024-01-01T00:00:00.000Z'), toMs: Date.parse('2024-12-31T00:00:00.000Z') };
    const days = utcDaysOf(year).map((day) => ({ day, accountId: 'a', coin: 'BTC', amount: 1, unit: 'coin' as const, rawAmount: null, rawUnit: null, estimate: false }));
    const [panel] = earningsPanels({ days, payouts: [] }, year, 100);
    assert.equal(panel?.days.length, 100);
    assert.equal(panel?.days.reduce((sum, day) => sum + day.earned, 0), 366);
    assert.equal(panel?.totalEarned, 366);
  });

  it('puts converted SBI coins and another pool\'s coins in one panel, and marks the days that are estimates', () => {
    const history: EarningsHistory = {
      days: [
        { day: '2025-03-01', accountId: 'sbi', coin: 'BTC', amount: 0.00448685, unit: 'coin', rawAmount: 448685, rawUnit: 'satoshi', estimate: true },
        { day: '2025-03-01', accountId: 'spider', coin: 'BTC', amount: 0.001, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
        { day: '2025-03-02', accountId: 'spider', coin: 'BTC', amount: 0.002, unit: 'coin', rawAmount: null, rawUnit: null, estimate: false },
      ],
      payouts: [],
    };
    const panels = earningsPanels(history, WINDOW, 100);
    assert.deepEqual(panels.map((panel) => panelTitle(panel)), ['BTC']);
    assert.equal(panels[0]?.hasEstimates, true);
    assert.deepEqual(panels[0]?.days.map((day) => day.estimate), [true, false, false]);
    assert.ok(Math.abs((panels[0]?.days[0]?.earned ?? 0) - 0.00548685) < 1e-12);
  });

  it('has no panels without earnings or payouts', () => {
    assert.deepEqual(earningsPanels({ days: [], payouts: [] }, WINDOW, 100), []);
  });
});
