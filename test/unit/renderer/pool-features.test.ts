import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { POOL_FEATURES, POOL_IDS, poolHas, type PoolId } from '../../../shared/model';
import { unitSystemFor } from '../../../shared/units';
import { buildDraft, newAccountValues } from '../../../renderer/features/accounts/account-form-model';
import { POOL_TERMS } from '../../../renderer/features/pool-terms';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(join(root, full)).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

/** Runs `body` with one pool's feature switched, then puts it back. */
function withFeature(pool: PoolId, feature: 'subaccountSelection' | 'binaryHashrateUnits', value: boolean, body: () => void): void {
  const before = POOL_FEATURES[pool][feature];
  POOL_FEATURES[pool][feature] = value;
  try {
    body();
  } finally {
    POOL_FEATURES[pool][feature] = before;
  }
}

describe('pool features', () => {
  it('lists every pool, with what sets each apart', () => {
    assert.deepEqual(Object.keys(POOL_FEATURES).sort(), [...POOL_IDS].sort());
    assert.deepEqual(POOL_IDS.filter((pool) => poolHas(pool, 'subaccountSelection')), ['spider']);
    assert.deepEqual(POOL_IDS.filter((pool) => poolHas(pool, 'binaryHashrateUnits')), ['stratumsphere']);
  });

  it('the account form takes subaccounts for exactly the pools that have the feature', () => {
    const existingOptions = { subaccounts: [{ name: 'kept', coin: 'btc' }] };
    for (const pool of POOL_IDS) {
      const values = { ...newAccountValues(pool), label: 'Farm', subaccounts: 'typed:ltc' };
      const existing = { id: 'farm', options: existingOptions } as unknown as Parameters<typeof buildDraft>[1];
      const result = buildDraft(values, existing);
      assert.ok(result.ok, pool);
      const expected = poolHas(pool, 'subaccountSelection') ? [{ name: 'typed', coin: 'ltc' }] : existingOptions.subaccounts;
      assert.deepEqual(result.draft.options?.subaccounts, expected, pool);
    }
    // The feature, not the pool id, decides: switched on for SBI, its form reads the input too.
    withFeature('sbi', 'subaccountSelection', true, () => {
      const result = buildDraft({ ...newAccountValues('sbi'), label: 'Farm', subaccounts: 'typed:ltc' }, null);
      assert.ok(result.ok);
      assert.deepEqual(result.draft.options, { subaccounts: [{ name: 'typed', coin: 'ltc' }] });
    });
  });

  it('hashrate units and pool terms come from the features', () => {
    for (const pool of POOL_IDS) {
      assert.equal(unitSystemFor(pool), POOL_FEATURES[pool].binaryHashrateUnits ? 'binary' : 'si');
      assert.equal(POOL_TERMS[pool], POOL_FEATURES[pool].terms);
    }
    withFeature('sbi', 'binaryHashrateUnits', true, () => assert.equal(unitSystemFor('sbi'), 'binary'));
  });

  it('no screen or shared module checks a pool id to decide what to show', () => {
    const idCheck = new RegExp(`[!=]==\\s*'(${POOL_IDS.join('|')})'|'(${POOL_IDS.join('|')})'\\s*[!=]==`);
    const offenders = [...sourceFiles('renderer'), ...sourceFiles('shared')].filter((file) => idCheck.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
