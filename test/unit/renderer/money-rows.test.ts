import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Balance, RevenueEstimate } from '../../../shared/model';
import { balanceExtras, formatSatoshi, sortRevenue } from '../../../renderer/features/overview/money-rows';

const balance = (overrides: Partial<Balance>): Balance => ({ coin: 'BTC', unpaid: 1, unit: 'coin', group: null, ...overrides });
const estimate = (overrides: Partial<RevenueEstimate>): RevenueEstimate => ({
  day: '2025-01-01',
  coin: 'BTC',
  amount: 1,
  unit: 'coin',
  group: null,
  ...overrides,
});

describe('balances', () => {
  it('adds the total earned and satoshi columns only when some balance has them', () => {
    assert.deepEqual(balanceExtras([balance({})]), { totalEarned: false, valueSatoshi: false });
    assert.deepEqual(balanceExtras([balance({ totalEarned: null, valueSatoshi: null })]), { totalEarned: false, valueSatoshi: false });
    assert.deepEqual(balanceExtras([balance({}), balance({ totalEarned: 0 })]), { totalEarned: true, valueSatoshi: false });
    assert.deepEqual(balanceExtras([balance({ coin: 'WMC', valueSatoshi: 12 })]), { totalEarned: false, valueSatoshi: true });
  });

  it('shows the satoshi value as an approximation', () => {
    assert.equal(formatSatoshi(123456.7), '≈ 123,457 sat');
    assert.equal(formatSatoshi(0.256), '≈ 0.26 sat');
    assert.equal(formatSatoshi(null), '—');
    assert.equal(formatSatoshi(undefined), '—');
  });
});

describe('revenue estimates', () => {
  it('puts the newest day first, then orders by group and coin', () => {
    const sorted = sortRevenue([
      estimate({ day: '2025-01-01', group: 'b' }),
      estimate({ day: '2025-01-02', group: 'b', coin: 'LTC' }),
      estimate({ day: '2025-01-02', group: 'b', coin: 'BTC' }),
      estimate({ day: '2025-01-02', group: 'a' }),
    ]);
    assert.deepEqual(
      sorted.map((row) => `${row.day} ${row.group} ${row.coin}`),
      ['2025-01-02 a BTC', '2025-01-02 b BTC', '2025-01-02 b LTC', '2025-01-01 b BTC'],
    );
  });
});
