import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRequest } from '../../shared/contract';
import { poolActionPreview } from '../../shared/model';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import type { PoolWatch } from '../../main/core/pool-watch';
import { PERMISSION_PROBE_SUBACCOUNT } from '../../main/pools/sbi/sbi-actions';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';

// SBI's UPDATE endpoints from the request table to the simulator: offered only to a key the pool lets make changes,
// refused (before any request) for a read-only or observer key, and every answer kept in the alert history.
describe('SBI actions behind a confirmation', () => {
  let sim: SbiSim;
  let poolWatch: PoolWatch;
  const logger = captureLogger();

  const run = (accountId: string, action: unknown) => dispatchRequest(poolWatch.requests, 'actions:run', { accountId, action }, (message) => logger.error(message));
  const updateRequests = () => sim.requestLog.filter((entry) => entry.path.endsWith('/clear-inactive-workers') || (entry.method === 'PATCH' && entry.path.endsWith('/subaccount')));
  const group = (accountId: string, name: string) => poolWatch.summaries().find((summary) => summary.id === accountId)?.groups.find((candidate) => candidate.name === name);

  before(async () => {
    sim = await startSbiSim({
      seed: 61,
      subaccounts: [
        { name: 'usonly', coin: 'BTC', workers: 30, deadShare: 0.3, offlineShare: 0 },
        { name: 'backup', coin: 'BTC', workers: 4, deadShare: 0, offlineShare: 0 },
      ],
    });
    const readOnly = sim.addKey({ permissions: ['READ', 'FINANCIALS'] });
    const observer = sim.observerKeys.find((key) => key.subaccount === 'usonly')!;
    const dir = await mkdtemp(join(tmpdir(), 'pw-sbi-actions-'));
    const configFile = join(dir, 'config.json');
    const account = (id: string, credentials: Record<string, { env: string }>) => ({ id, pool: 'sbi', label: id, baseUrl: sim.url, credentials });
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: [
          account('full', { apiKey: { env: 'FULL_KEY' }, apiSecret: { env: 'FULL_SECRET' } }),
          account('read-only', { apiKey: { env: 'RO_KEY' }, apiSecret: { env: 'RO_SECRET' } }),
          account('observer', { observerKey: { env: 'OBS_KEY' } }),
        ],
      }),
    );
    ({ poolWatch } = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: dir,
      secrets: memorySecrets(),
      logger,
      clock: new FakeClock(Date.now()),
      env: {
        FULL_KEY: sim.fullKey.apiKey,
        FULL_SECRET: sim.fullKey.apiSecret,
        RO_KEY: readOnly.apiKey,
        RO_SECRET: readOnly.apiSecret,
        OBS_KEY: observer.key,
      },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    }));
    await poolWatch.engine.load();
    poolWatch.alerts.start();
    await poolWatch.engine.pollAll();
  });

  after(async () => {
    poolWatch.stop();
    await sim.close();
  });

  it('offers both actions to a key with UPDATE, asking the pool without changing anything', async () => {
    const before = group('full', 'usonly')!.workers.dead;
    assert.ok(before > 0, 'the simulator starts with dead workers');
    const offer = await poolWatch.handle('actions:offer', { accountId: 'full' });
    assert.equal(offer.allowed, true, offer.reason ?? '');
    const usonly = offer.groups.find((candidate) => candidate.name === 'usonly')!;
    assert.equal(usonly.coin, 'BTC');
    assert.deepEqual(usonly.coins, ['BCH', 'BSV', 'BTC', 'ETH']);
    assert.equal(usonly.deadWorkers, before);
    assert.equal(usonly.deadWorkerNames.length, Math.min(20, before));
    // The only request so far is the probe for a subaccount that does not exist.
    assert.deepEqual(
      updateRequests().map((entry) => [entry.query.subaccountName, entry.status]),
      [[PERMISSION_PROBE_SUBACCOUNT, 404]],
    );
    await poolWatch.engine.pollAll(['full']);
    assert.equal(group('full', 'usonly')!.workers.dead, before, 'the probe removed nothing');
    // Asked again within ten minutes, the answer is remembered.
    await poolWatch.handle('actions:offer', { accountId: 'full' });
    assert.equal(updateRequests().length, 1);
  });

  it('offers nothing to a read-only key, and refuses its request before sending it', async () => {
    const offer = await poolWatch.handle('actions:offer', { accountId: 'read-only' });
    assert.equal(offer.allowed, false);
    assert.match(offer.reason ?? '', /lacks SBI Crypto Pool's UPDATE permission/);
    assert.deepEqual(offer.groups, []);
    const sent = updateRequests().length;
    const answer = await run('read-only', { kind: 'clear-inactive-workers', group: 'usonly' });
    assert.equal(answer.ok, false);
    assert.match(JSON.stringify(answer), /Nothing was sent for read-only: This key lacks/);
    assert.equal(updateRequests().length, sent, 'no change was sent');
  });

  it('offers nothing to an observer key and sends nothing for it', async () => {
    const sent = updateRequests().length;
    const offer = await poolWatch.handle('actions:offer', { accountId: 'observer' });
    assert.equal(offer.allowed, false);
    assert.match(offer.reason ?? '', /Observer keys are read-only/);
    assert.equal((await run('observer', { kind: 'switch-coin', group: 'usonly', coin: 'BCH' })).ok, false);
    assert.equal(updateRequests().length, sent);
  });

  it('clears inactive workers: previews exactly which, reports the pool answer, records it in the alert history', async () => {
    const offer = await poolWatch.handle('actions:offer', { accountId: 'full' });
    const usonly = offer.groups.find((candidate) => candidate.name === 'usonly')!;
    const preview = poolActionPreview({ kind: 'clear-inactive-workers', group: 'usonly' }, usonly);
    assert.match(preview[0]!, new RegExp(`Removes the ${usonly.deadWorkers} inactive \\(dead\\) workers of usonly`));
    assert.ok(preview[0]!.includes(usonly.deadWorkerNames[0]!));

    const result = await poolWatch.handle('actions:run', { accountId: 'full', action: { kind: 'clear-inactive-workers', group: 'usonly' } });
    assert.deepEqual(result, { ok: true, httpStatus: 204, message: 'SBI Crypto Pool cleared the inactive workers of usonly (HTTP 204).' });
    await poolWatch.engine.pollAll(['full']);
    assert.equal(group('full', 'usonly')!.workers.dead, 0);
    assert.equal(group('full', 'usonly')!.workers.total, 30 - usonly.deadWorkers);

    const [event] = await poolWatch.handle('alerts:history', { ruleId: 'pool-action' });
    assert.equal(event?.kind, 'event');
    assert.equal(event?.severity, 'info');
    assert.deepEqual(event?.scope, { accountId: 'full', accountLabel: 'full', group: 'usonly', worker: null });
    assert.equal(event?.message, 'Clear inactive workers of usonly: SBI Crypto Pool cleared the inactive workers of usonly (HTTP 204).');
  });

  it("switches a subaccount's coin, and reports the pool's refusal when no payout address is set", async () => {
    const switched = await poolWatch.handle('actions:run', { accountId: 'full', action: { kind: 'switch-coin', group: 'backup', coin: 'BCH' } });
    assert.equal(switched.ok, true);
    assert.equal(switched.httpStatus, 202);
    assert.match(switched.message, /switched backup to BCH \(HTTP 202\)\. Payouts go to \S+/);
    await poolWatch.engine.pollAll(['full']);
    assert.equal(group('full', 'backup')?.coin, 'BCH');

    const refused = await poolWatch.handle('actions:run', { accountId: 'full', action: { kind: 'switch-coin', group: 'backup', coin: 'BSV' } });
    assert.equal(refused.ok, false);
    assert.equal(refused.httpStatus, 422);
    assert.match(refused.message, /backup has no payout address for BSV/);
    const history = await poolWatch.handle('alerts:history', { ruleId: 'pool-action' });
    assert.equal(history[0]?.severity, 'warning');
    assert.match(history[0]?.message ?? '', /^Switch backup to BSV: SBI Crypto Pool refused/);
    assert.equal(history.length, 3);
  });

  it('refuses a coin or subaccount the offer does not name, before sending', async () => {
    const sent = updateRequests().length;
    assert.match(JSON.stringify(await run('full', { kind: 'switch-coin', group: 'backup', coin: 'DOGE' })), /cannot switch to \\"DOGE\\"/);
    assert.match(JSON.stringify(await run('full', { kind: 'clear-inactive-workers', group: 'nope' })), /has no subaccount \\"nope\\"/);
    assert.equal((await run('full', { kind: 'switch-coin', group: 'backup', coin: 'bch; drop' })).ok, false);
    assert.equal(updateRequests().length, sent);
  });

  it('keeps the keys out of every answer and log line', () => {
    const text = JSON.stringify(logger.lines);
    for (const secret of [sim.fullKey.apiKey, sim.fullKey.apiSecret]) assert.ok(!text.includes(secret));
  });
});
