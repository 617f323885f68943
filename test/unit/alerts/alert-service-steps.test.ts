import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertService } from '../../../main/alerts/alert-service';
import { silentLogger } from '../../../main/base/logger';
import { sqliteAlertHistory } from '../../../main/store/alert-history';
import { MEMORY_DB, openHistoryDb } from '../../../main/store/history-db';
import { SettingsStore } from '../../../main/store/settings-store';
import type { Worker } from '../../../shared/model';
import { FakeClock } from '../../support/fake-clock';
import { memoryConfig } from '../../support/memory-config';
import { HOUR, MINUTE, T0, evaluatorWith, fleet, observation, withState, worker } from './observation-builder';

// A 100,000-worker poll is judged a pass at a time (each rule's loop in its own turn of the event loop), so the API,
// tray and windows answer in between; the judgement itself must be the one the evaluator makes at once.

const COUNT = 6_000;

async function alertService(): Promise<AlertService> {
  const settings = new SettingsStore(memoryConfig());
  await settings.load();
  return new AlertService({ settings, history: sqliteAlertHistory(openHistoryDb(MEMORY_DB)), clock: new FakeClock(T0), logger: silentLogger });
}

/** Two steady polls, then a third of the fleet offline for two polls: a fleet alert and many worker alerts. */
function polls(): Array<{ atMs: number; workers: Worker[] }> {
  const all = fleet(COUNT);
  const down = withState(all, all.slice(0, COUNT / 3).map((w) => w.name), 'offline');
  return [all, all, down, down].map((workers, index) => ({ atMs: T0 + index * MINUTE, workers }));
}

/** Counts turns of the event loop until stopped. */
function turnCounter(): { stop(): number } {
  let turns = 0;
  let running = true;
  const next = () => {
    if (!running) return;
    turns += 1;
    setImmediate(next);
  };
  setImmediate(next);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('alert service: long worker lists judged in steps', () => {
  it('lets the event loop turn while it judges, and reaches the same alerts as judging at once', async () => {
    const service = await alertService();
    const evaluator = evaluatorWith();
    const turnsPerPoll: number[] = [];
    for (const poll of polls()) {
      const counter = turnCounter();
      await service.observe(observation(poll));
      turnsPerPoll.push(counter.stop());
      evaluator.observe(observation(poll));
    }
    assert.ok(turnsPerPoll.every((turns) => turns >= 3), `turns of the event loop during each judgement: ${turnsPerPoll.join(', ')}`);
    const inSteps = service.active().map((alert) => `${alert.ruleId} ${alert.state} ${alert.scope.group ?? ''}/${alert.scope.worker ?? ''}`);
    const atOnce = evaluator.activeAlerts().map((alert) => `${alert.ruleId} ${alert.state} ${alert.scope.group ?? ''}/${alert.scope.worker ?? ''}`);
    assert.ok(inSteps.some((line) => line.startsWith('fleet-offline firing')), 'the fleet alert fired');
    assert.equal(inSteps.filter((line) => line.startsWith('worker-offline')).length, COUNT / 3);
    assert.deepEqual([...inSteps].sort(), [...atOnce].sort());
  });

  it('an account removed while its list is judged gets none of its alerts back', async () => {
    const service = await alertService();
    const [first, second, third, fourth] = polls();
    for (const poll of [first!, second!, third!]) await service.observe(observation(poll));
    assert.ok(service.active().length > 0, 'worker alerts pending before the removal');
    const judging = service.observe(observation(fourth!));
    service.removeAccount('acc-1');
    await judging;
    assert.deepEqual(service.active(), []);
  });

  it('a short poll arriving meanwhile waits behind the long one', async () => {
    const service = await alertService();
    const [first] = polls();
    const order: string[] = [];
    const long = Promise.resolve(service.observe(observation(first!))).then(() => order.push('long'));
    const short = service.observe(observation({ atMs: first!.atMs, workers: fleet(3), id: 'acc-2' }));
    assert.ok(short instanceof Promise, 'the short poll is queued, not judged before the long one');
    await Promise.all([long, short.then(() => order.push('short'))]);
    assert.deepEqual(order, ['long', 'short']);
  });

  it('the retired workers are answered after the judgement under way, and counted alone when no name is asked for', async () => {
    const service = await alertService();
    const longDead = new Date(T0 - 48 * HOUR).toISOString();
    const workers = [...fleet(COUNT), ...Array.from({ length: 250 }, (_, index) => worker(`old-${index}`, 'dead', { lastShareAt: longDead }))];
    await service.observe(observation({ atMs: T0, workers })); // the first poll is a baseline only
    const judging = service.observe(observation({ atMs: T0 + MINUTE, workers }));
    assert.ok(judging instanceof Promise, 'a long list is judged in steps');
    // Asked while the poll that finds them is still being judged (as the Overview asks when the poll's data arrives).
    const [counted] = await service.retired({ limit: 0 });
    assert.deepEqual(counted, { accountId: 'acc-1', accountLabel: 'batchtest', count: 250, workers: [] });
    const [listed] = await service.retired();
    assert.equal(listed?.count, 250);
    assert.equal(listed?.workers.length, 200, 'the Alerts screen gets the first 200 named');
    await judging;
  });
});
