import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardMessage } from '../../../renderer/features/overview/card-message';

describe('account card message', () => {
  it('is left out when it only repeats the limitations listed below it', () => {
    const limitations = ['Earnings are hidden: the key lacks FINANCIALS.', 'Payouts are hidden.'];
    assert.equal(cardMessage({ message: limitations.join(' '), limitations }), null);
  });

  it('is shown when it says something else, or when there are no limitations', () => {
    assert.equal(cardMessage({ message: 'Could not reach SBI Crypto Pool.', limitations: ['Payouts are hidden.'] }), 'Could not reach SBI Crypto Pool.');
    assert.equal(cardMessage({ message: 'The key was rejected (401).', limitations: [] }), 'The key was rejected (401).');
    assert.equal(cardMessage({ message: null, limitations: [] }), null);
  });
});
