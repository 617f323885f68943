// "Online, not hashing" is PoolWatch's judgement over polls: a worker the pool calls online whose 10-minute hashrate
// stays 0 for the set minutes. Real HTTP to the SBI simulator, fake time for both.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { WorkersDelta } from '../../../shared/contract';
import { Engine } from '../../../main/engine/engine';
import { buildSnapshotJson } from '../../../main/engine/snapshot-json';
import { startSbiSim } from '../../sim/sbi';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';
import { memoryConfig } from '../../support/memory-config';
import { memorySecrets } from '../../support/memory-secrets';
import { FAST_HTTP } from '../../support/pool-harness';

const MINUTE = 60_000;

describe('workers online but not hashing', () => {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  const simReady = startSbiSim({ now: () => clock.now(), seed: 11, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6, deadShare: 0, offlineShare: 0 }] });
  after(async () => (await simReady).close());

  async function engineFor(settings: { notHashingAfterMin?: number } = {}) {
    const sim = await simReady;
    const account = {
      id: 'farm',
      pool: 'sbi' as const,
      label: 'Farm',
      baseUrl: sim.url,
      pollIntervalSec: 60,
      credentials: { apiKey: { keychain: true as const }, apiSecret: { keychain: true as const } },
    };
    const secrets = memorySecrets({ 'farm/apiKey': sim.fullKey.apiKey, 'farm/apiSecret': sim.fullKey.apiSecret });
    const engine = new Engine({ config: memoryConfig({ accounts: [account], settings }), secrets, logger: captureLogger(), httpLimits: FAST_HTTP, clock });
    await engine.load();
    const deltas: WorkersDelta[] = [];
    engine.subscribe((event) => {
      if (event.channel === 'state:workers-delta') deltas.push(event.payload);
    });
    const poll = async (afterMs: number) => {
      await clock.advance(afterMs);
      deltas.length = 0;
      await engine.pollAll();
    };
    const worker = (name: string) => engine.workersOf('farm').find((candidate) => candidate.name === name)!;
    return { sim, engine, deltas, poll, worker, summary: () => engine.summaries()[0]! };
  }

  it('marks a worker online with 0 H/s after 10 minutes by default, and clears it when it hashes again', async () => {
    const { sim, engine, deltas, poll, worker, summary } = await engineFor();
    const [idle, healthy] = sim.workerNames('rigs');
    sim.setWorkerIdle('rigs', idle!, true);
    const idleFromMs = clock.now();

    await poll(0);
    assert.equal(worker(idle!).state, 'online', "the pool's own state stays");
    assert.equal(worker(idle!).hashrate.h10m, 0);
    assert.equal(worker(idle!).notHashingSince, undefined, 'not at the first sight');
    assert.equal(summary().workers.notHashing, 0);

    await poll(9 * MINUTE);
    assert.equal(worker(idle!).notHashingSince, undefined, 'not before 10 minutes');
    assert.equal(summary().workers.notHashing, 0);

    await poll(1 * MINUTE);
    assert.equal(worker(idle!).state, 'online');
    assert.equal(worker(idle!).notHashingSince, new Date(idleFromMs).toISOString(), 'since the first poll that saw it idle');
    assert.equal(worker(healthy!).notHashingSince, undefined);
    assert.equal(summary().workers.notHashing, 1);
    assert.equal(summary().workers.online, 6, 'still counted online');
    assert.equal(summary().groups.find((group) => group.name === 'rigs')?.workers.notHashing, 1);
    const marked = deltas.flatMap((delta) => delta.upserted).find((candidate) => candidate.name === idle);
    assert.equal(marked?.notHashingSince, new Date(idleFromMs).toISOString(), 'the UI hears of it in a delta');

    const snapshot = buildSnapshotJson(clock.now(), engine.summaries(), (id) => engine.workersOf(id));
    assert.equal(snapshot.accounts[0]!.workers.notHashing, 1);
    assert.equal(snapshot.accounts[0]!.groups[0]!.workers.notHashing, 1);
    assert.equal(snapshot.accounts[0]!.workerList?.find((row) => row.name === idle)?.notHashingSince, new Date(idleFromMs).toISOString());
    assert.equal(snapshot.accounts[0]!.workerList?.find((row) => row.name === healthy)?.notHashingSince, null);

    await poll(MINUTE);
    assert.equal(worker(idle!).notHashingSince, new Date(idleFromMs).toISOString(), 'the start does not move while it stays idle');

    // A worker joins at the top of the list: the idle one moved, its start did not.
    sim.addWorker('rigs', '000-new-rig');
    await poll(MINUTE);
    assert.equal(engine.workersOf('farm')[0]!.name, '000-new-rig', 'the list shifted');
    assert.equal(worker(idle!).notHashingSince, new Date(idleFromMs).toISOString(), 'found again by name after the list shifted');
    assert.equal(summary().workers.notHashing, 1);

    sim.setWorkerIdle('rigs', idle!, false);
    await poll(MINUTE);
    assert.ok(worker(idle!).hashrate.h10m! > 0);
    assert.equal(worker(idle!).notHashingSince, undefined, 'cleared once it hashes');
    assert.equal(summary().workers.notHashing, 0);
    assert.equal(summary().groups.find((group) => group.name === 'rigs')?.workers.notHashing, 0);
    const cleared = deltas.flatMap((delta) => delta.upserted).find((candidate) => candidate.name === idle);
    assert.ok(cleared !== undefined && !('notHashingSince' in cleared), 'the UI hears it cleared');

    // Idle again: the minutes count from the new start, not the old one.
    sim.setWorkerIdle('rigs', idle!, true);
    await poll(MINUTE);
    await poll(5 * MINUTE);
    assert.equal(worker(idle!).notHashingSince, undefined);
    sim.setWorkerIdle('rigs', idle!, false);
    engine.stop();
  });

  it('follows the "not hashing" minutes of the settings', async () => {
    const { sim, engine, poll, worker, summary } = await engineFor({ notHashingAfterMin: 3 });
    const idle = sim.workerNames('rigs')[2]!;
    sim.setWorkerIdle('rigs', idle, true);
    await poll(0);
    await poll(2 * MINUTE);
    assert.equal(worker(idle).notHashingSince, undefined);
    await poll(MINUTE);
    assert.equal(typeof worker(idle).notHashingSince, 'string');
    assert.equal(summary().workers.notHashing, 1);
    sim.setWorkerIdle('rigs', idle, false);
    engine.stop();
  });

  it('never marks an offline worker, whatever its hashrate', async () => {
    const { sim, engine, poll, worker, summary } = await engineFor({ notHashingAfterMin: 1 });
    const stopped = sim.workerNames('rigs')[3]!;
    sim.stopWorker('rigs', stopped);
    sim.setWorkerIdle('rigs', stopped, true);
    await poll(3 * MINUTE);
    await poll(3 * MINUTE);
    assert.notEqual(worker(stopped).state, 'online');
    assert.equal(worker(stopped).hashrate.h10m, 0);
    assert.equal(worker(stopped).notHashingSince, undefined);
    assert.equal(summary().workers.notHashing, 0);
    sim.startWorker('rigs', stopped);
    sim.setWorkerIdle('rigs', stopped, false);
    engine.stop();
  });
});
