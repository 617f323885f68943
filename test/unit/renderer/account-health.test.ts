import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountHealth } from '../../../renderer/features/accounts/account-health';
import { makeSummary } from './fixtures';

describe('an account\'s health on the Accounts page', () => {
  it('gives a failing account its last error with the time of the poll that failed, and when data last came', () => {
    const health = accountHealth(
      makeSummary({ id: 'farm', status: 'auth_error', message: 'The key was rejected.', lastPollAt: '2025-06-01T12:00:00.000Z', lastGoodAt: null }),
    );
    assert.deepEqual(health, {
      status: 'auth_error',
      error: { message: 'The key was rejected.', at: '2025-06-01T12:00:00.000Z' },
      note: null,
      lastPollAt: '2025-06-01T12:00:00.000Z',
      lastGoodAt: null,
    });
  });

  it('gives a working account no error, a limited one its note, and one not polled yet nothing', () => {
    assert.equal(accountHealth(makeSummary({ id: 'a', status: 'ok', lastPollAt: '2025-06-01T12:00:00.000Z' })).error, null);
    const limited = accountHealth(makeSummary({ id: 'b', status: 'permission_limited', message: 'Payouts are hidden.' }));
    assert.deepEqual([limited.error, limited.note], [null, 'Payouts are hidden.']);
    assert.equal(accountHealth(makeSummary({ id: 'c', status: 'unreachable', message: null })).error?.message, 'The last poll failed.');
    assert.equal(accountHealth(undefined).status, null);
  });
});
