import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_HASHRATE, type Group } from '../../../shared/model';
import { SharedPoolAccounts } from '../../../main/alerts/shared-pool-accounts';

function group(name: string, identity?: string): Group {
  return { name, coin: 'BTC', hashrate: NO_HASHRATE, workers: { online: 1, offline: 0, dead: 0, unknown: 0, total: 1 }, ...(identity ? { identity } : {}) };
}

describe('SharedPoolAccounts: one key judges each pool account', () => {
  it('leaves a pool account read by two keys to the first by id, and hands it over while that key fails', () => {
    const shared = new SharedPoolAccounts();
    const groups = [group('east', 'sbi:subaccount:east'), group('west', 'sbi:subaccount:west')];
    assert.deepEqual([...shared.observe('b-read', groups, true)], []);
    assert.deepEqual([...shared.observe('a-full', groups, true)], []);
    assert.deepEqual([...shared.observe('b-read', groups, true)], ['east', 'west'], 'a-full reads them too and comes first');
    assert.deepEqual([...shared.observe('a-full', groups, false)], [], 'a failed poll judges nothing and hands over');
    assert.deepEqual([...shared.observe('b-read', groups, true)], []);
    shared.forget('b-read');
    assert.deepEqual([...shared.observe('a-full', groups, true)], []);
  });

  it('shares only the groups both keys read, and never groups without an identity', () => {
    const shared = new SharedPoolAccounts();
    shared.observe('a', [group('east', 'sbi:subaccount:east'), group('local')], true);
    assert.deepEqual([...shared.observe('b', [group('east', 'sbi:subaccount:east'), group('west', 'sbi:subaccount:west'), group('local')], true)], ['east']);
  });
});
