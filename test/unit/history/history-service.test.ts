import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UiEvent } from '../../../main/base/ui-events';
import { HistoryService, MAINTENANCE_FIRST_DELAY_MS, MAINTENANCE_INTERVAL_MS } from '../../../main/history/history-service';
import { openMemoryHistoryStores } from '../../../main/store/history-stores';
import type { SampleStore } from '../../../main/store/sample-store';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, T0, TH, pollOf, worker } from '../../support/sample-fixtures';

/** A real store (SQLite in memory) whose writes fail while the "disk" is full (fault injection, like the simulators' knobs). */
function storeWithDisk(): { store: SampleStore; disk: { full: boolean }; maintained: number[] } {
  const inner = openMemoryHistoryStores().samples;
  const disk = { full: false };
  const maintained: number[] = [];
  const store: SampleStore = {
    ...inner,
    *recordPollSteps(poll) {
      if (disk.full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      yield* inner.recordPollSteps(poll);
    },
    maintenanceSteps(nowMs) {
      maintained.push(nowMs);
      return inner.maintenanceSteps(nowMs);
    },
  };
  return { store, disk, maintained };
}

function serviceWith(store: SampleStore, clock: FakeClock) {
  const logger = captureLogger();
  const service = new HistoryService({ store, clock, logger, summaries: () => [], workersOf: () => [] });
  const events: UiEvent[] = [];
  service.subscribe((event) => events.push(event));
  return { service, logger, events };
}

describe('history service', () => {
  it('tells the UI after three failed writes in a row, logs sparingly, and clears when saving works again', () => {
    const clock = new FakeClock(T0);
    const { store, disk } = storeWithDisk();
    const { service, logger, events } = serviceWith(store, clock);
    const poll = (i: number) => service.record(pollOf('farm', T0 + i * MINUTE, [worker('a', 'rig', TH)]));

    poll(0);
    disk.full = true;
    poll(1);
    poll(2);
    assert.equal(service.problem, null, 'one or two failures are a hiccup');
    assert.deepEqual(events, []);
    poll(3);
    assert.match(service.problem ?? '', /could not be saved \(database or disk is full\).*Monitoring and alerts go on.*free disk space/s);
    assert.match(service.problem ?? '', new RegExp(`^Polls since ${new Date(T0 + MINUTE).toISOString()}`), 'since the first failed write');
    assert.deepEqual(events, [{ channel: 'state:history', payload: { problem: service.problem } }]);
    for (let i = 4; i < 20; i += 1) poll(i);
    assert.equal(events.length, 1, 'told once, not every poll');
    assert.equal(logger.lines.filter((line) => line.startsWith('error')).length, 1, 'logged at most every 10 minutes');
    assert.match(logger.lines[0]!, /account farm could not be saved/);

    disk.full = false;
    poll(20);
    assert.equal(service.problem, null);
    assert.deepEqual(events.at(-1), { channel: 'state:history', payload: { problem: null } });
    const saved = store.hashrate({ accountId: 'farm' }, T0, T0 + 21 * MINUTE, 100).points.map((p) => p.at);
    assert.deepEqual(saved, [T0, T0 + 20 * MINUTE].map((ms) => new Date(ms).toISOString()), 'the polls that could be saved');
  });

  it('runs maintenance 2 minutes after start and then hourly, and stops with the app', async () => {
    const clock = new FakeClock(T0);
    const { store, maintained } = storeWithDisk();
    const { service } = serviceWith(store, clock);
    service.start();
    await clock.advance(MAINTENANCE_FIRST_DELAY_MS - 1);
    assert.deepEqual(maintained, []);
    await clock.advance(1);
    await clock.advance(MAINTENANCE_INTERVAL_MS);
    await clock.advance(MAINTENANCE_INTERVAL_MS);
    assert.deepEqual(maintained, [T0 + MAINTENANCE_FIRST_DELAY_MS, T0 + MAINTENANCE_FIRST_DELAY_MS + MAINTENANCE_INTERVAL_MS, T0 + MAINTENANCE_FIRST_DELAY_MS + 2 * MAINTENANCE_INTERVAL_MS]);
    service.stop();
    await clock.advance(3 * MAINTENANCE_INTERVAL_MS);
    assert.equal(maintained.length, 3);
  });

  it('a maintenance run under way stops between steps when the app stops, quietly', async () => {
    const clock = new FakeClock(T0);
    const inner = openMemoryHistoryStores().samples;
    const steps: number[] = [];
    let service: HistoryService | null = null;
    const store: SampleStore = {
      ...inner,
      *maintenanceSteps() {
        for (let step = 1; step <= 5; step += 1) {
          steps.push(step);
          if (step === 2) service!.stop(); // the app quits while step 2 runs
          yield { rolledUp: 1, deleted: 0 };
        }
      },
    };
    const logger = captureLogger();
    service = new HistoryService({ store, clock, logger, summaries: () => [], workersOf: () => [] });
    await service.maintain();
    assert.deepEqual(steps, [1, 2], 'no step after the stop');
    assert.deepEqual(logger.lines, [], 'stopping is not an error');
  });
});
