import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../../main/engine/engine';
import { buildSnapshotJson } from '../../main/engine/snapshot-json';
import type { AccountConfig } from '../../main/store/config-schema';
import { fleetTotals } from '../../renderer/features/overview/fleet-totals';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { memoryConfig } from '../support/memory-config';
import { memorySecrets } from '../support/memory-secrets';

const FAST_HTTP = { timeoutMs: 2_000, maxRetries: 1, maxRetryWaitMs: 50 };

// One SBI pool account watched through three keys (the demo's set-up): the full key, a read-only key and an
// observer key of one subaccount. Each reading names the subaccounts it sees the same way, so the totals count
// each subaccount once, and never add SHA-256 and Ethash hashes together.
describe('one SBI pool account read through three keys', () => {
  let sim: SbiSim;
  let engine: Engine;

  before(async () => {
    sim = await startSbiSim({
      seed: 31,
      subaccounts: [
        { name: 'usonly', coin: 'BTC', workers: 12, deadShare: 0, offlineShare: 0 },
        { name: 'ethrigs', coin: 'ETH', workers: 5, deadShare: 0, offlineShare: 0 },
      ],
    });
    const readOnly = sim.addKey({ permissions: ['READ'] });
    const observer = sim.observerKeys.find((key) => key.subaccount === 'usonly')!;
    const account = (id: string, credentials: AccountConfig['credentials']): AccountConfig => ({ id, pool: 'sbi', label: id, baseUrl: sim.url, credentials });
    engine = new Engine({
      config: memoryConfig({
        accounts: [
          account('full', { apiKey: { env: 'FULL_KEY' }, apiSecret: { env: 'FULL_SECRET' } }),
          account('read-only', { apiKey: { env: 'RO_KEY' }, apiSecret: { env: 'RO_SECRET' } }),
          account('observer', { observerKey: { env: 'OBS_KEY' } }),
        ],
      }),
      secrets: memorySecrets(),
      env: {
        FULL_KEY: sim.fullKey.apiKey,
        FULL_SECRET: sim.fullKey.apiSecret,
        RO_KEY: readOnly.apiKey,
        RO_SECRET: readOnly.apiSecret,
        OBS_KEY: observer.key,
      },
      logger: captureLogger(),
      httpLimits: FAST_HTTP,
    });
    await engine.load();
    await engine.pollAll();
  });

  after(async () => {
    engine.stop();
    await sim.close();
  });

  it('gives the same identity to a subaccount whichever key reads it', () => {
    const identities = (id: string) => engine.summaries().find((summary) => summary.id === id)?.groups.map((group) => group.identity);
    assert.deepEqual(new Set(identities('full')), new Set(['sbi:subaccount:usonly', 'sbi:subaccount:ethrigs']));
    assert.deepEqual(new Set(identities('read-only')), new Set(identities('full')));
    assert.deepEqual(identities('observer'), ['sbi:subaccount:usonly']);
    // Scripts see it too: /api/snapshot and `poolwatch poll --json`.
    const snapshot = buildSnapshotJson(Date.now(), engine.summaries());
    assert.deepEqual(snapshot.accounts.find((account) => account.id === 'observer')?.groups.map((group) => group.identity), ['sbi:subaccount:usonly']);
  });

  it('counts each subaccount once and keeps SHA-256 and Ethash apart', () => {
    const summaries = engine.summaries();
    const full = summaries.find((summary) => summary.id === 'full')!;
    const totals = fleetTotals(summaries);
    const group = (name: string) => full.groups.find((candidate) => candidate.name === name)!;
    assert.deepEqual(
      totals.byAlgorithm.map((total) => total.algorithm),
      ['sha256', 'ethash'],
    );
    const sha = totals.byAlgorithm.find((total) => total.algorithm === 'sha256')!;
    const ethash = totals.byAlgorithm.find((total) => total.algorithm === 'ethash')!;
    // Three keys read usonly; it is in the SHA-256 total once.
    assert.ok(sha.hashrateHps !== null && sha.hashrateHps > 0);
    assert.ok(Math.abs(sha.hashrateHps - (group('usonly').hashrate.h10m ?? 0)) <= sha.hashrateHps * 0.05, `${sha.hashrateHps} vs ${group('usonly').hashrate.h10m}`);
    assert.ok(Math.abs((ethash.hashrateHps ?? 0) - (group('ethrigs').hashrate.h10m ?? 0)) <= (ethash.hashrateHps ?? 0) * 0.05);
    assert.equal(totals.workers.total, 17);
    assert.deepEqual(
      totals.countedOnce.map((entry) => entry.label).sort(),
      ['observer', 'read-only'],
    );
  });
});
