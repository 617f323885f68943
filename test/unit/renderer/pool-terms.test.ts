import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOL_IDS } from '../../../shared/model';
import { credentialHelp } from '../../../renderer/features/accounts/credential-help';
import { capitalize, countText, GENERIC_TERMS, POOL_TERMS, termsFor } from '../../../renderer/features/pool-terms';

describe('pool terms', () => {
  it('names groups and workers in each pool\'s words', () => {
    const pairs = Object.fromEntries(POOL_IDS.map((pool) => [pool, `${POOL_TERMS[pool].group.many}/${POOL_TERMS[pool].worker.many}`]));
    assert.deepEqual(pairs, {
      sbi: 'subaccounts/workers',
      spider: 'subaccounts/workers',
      webminepool: 'sites/users',
      stratumsphere: 'schedulers/rentals',
    });
    assert.equal(POOL_TERMS.spider.groupsNote, 'one per coin');
  });

  it('falls back to generic terms when no single pool is in view', () => {
    assert.equal(termsFor(null), GENERIC_TERMS);
    assert.equal(termsFor(null).worker.many, 'workers');
    assert.equal(termsFor('stratumsphere').worker.one, 'rental');
  });

  it('counts in the singular or plural', () => {
    assert.equal(countText(40, POOL_TERMS.stratumsphere.worker), '40 rentals');
    assert.equal(countText(1, POOL_TERMS.stratumsphere.worker), '1 rental');
    assert.equal(countText(0, POOL_TERMS.webminepool.worker), '0 users');
    assert.equal(countText(30000, GENERIC_TERMS.worker), '30,000 workers');
  });

  it('capitalizes for headings', () => {
    assert.equal(capitalize('rentals'), 'Rentals');
    assert.equal(capitalize('Unstable rentals'), 'Unstable rentals');
    assert.equal(capitalize(''), '');
  });
});

describe('credential help', () => {
  it('has help for every pool and mode', () => {
    for (const pool of POOL_IDS) assert.ok(credentialHelp(pool, 'any-mode').length > 20, pool);
  });

  it('tells where each pool hands out its keys', () => {
    assert.match(credentialHelp('sbi', 'api-key'), /READ.*FINANCIALS/);
    assert.match(credentialHelp('sbi', 'observer'), /observer link/);
    assert.match(credentialHelp('spider', 'signed'), /API Key Retrieval Entrance/);
    assert.match(credentialHelp('spider', 'signed'), /PKCS#1/);
    assert.match(credentialHelp('webminepool', 'secret'), /Dashboard > Keys.*never shows or logs/);
    assert.match(credentialHelp('stratumsphere', 'api-key'), /Account → Integrations/);
  });
});
