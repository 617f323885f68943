import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from '../../../main/base/event-bus';
import { createPoolWatch } from '../../../main/core/create-pool-watch';
import type { UiEvent } from '../../../main/base/ui-events';
import { HistoryService } from '../../../main/history/history-service';
import { openMemoryHistoryStores } from '../../../main/store/history-stores';
import type { SampleStore } from '../../../main/store/sample-store';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';
import { memoryConfig } from '../../support/memory-config';
import { memorySecrets } from '../../support/memory-secrets';
import { MINUTE, T0, TH, pollOf, worker } from '../../support/sample-fixtures';
import { SettingsStore } from '../../../main/store/settings-store';
import type { AppConfig } from '../../../main/store/config-schema';

/** Subscribes a listener that throws, then one that records: the second must get every event. */
function throwingThenRecording(subscribe: (listener: (event: UiEvent) => void) => () => void): UiEvent[] {
  const received: UiEvent[] = [];
  subscribe((event) => {
    throw new Error(`tray broke on ${event.channel}`);
  });
  subscribe((event) => received.push(event));
  return received;
}

const failures = (lines: string[]): string[] => lines.filter((line) => line.startsWith('error event listener failed'));

describe('event bus', () => {
  it('catches and logs a throwing listener once per event, and still calls the others', () => {
    const logger = captureLogger();
    const bus = new EventBus<{ channel: string }>(logger, (event) => `event listener failed on ${event.channel}`);
    const received: string[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    const stop = bus.subscribe((event) => received.push(event.channel));
    bus.emit({ channel: 'a' });
    bus.emit({ channel: 'b' });
    assert.deepEqual(received, ['a', 'b']);
    assert.deepEqual(logger.lines, ['error event listener failed on a: boom', 'error event listener failed on b: boom']);
    stop();
    bus.emit({ channel: 'c' });
    assert.deepEqual(received, ['a', 'b'], 'a stopped listener gets nothing more');
  });

  it('engine and alert events: a throwing listener of the monitor is logged once, the request still succeeds, the others still hear it', async () => {
    const logger = captureLogger();
    const { poolWatch } = createPoolWatch({ config: memoryConfig(), dataDir: null, secrets: memorySecrets(), logger, env: {} });
    try {
      await poolWatch.engine.load();
      const received = throwingThenRecording((listener) => poolWatch.subscribe(listener));

      assert.deepEqual(await poolWatch.handle('engine:set-paused', { paused: true }), { paused: true });
      assert.deepEqual(received, [{ channel: 'state:paused', payload: { paused: true } }]);
      assert.deepEqual(failures(logger.lines), ['error event listener failed on state:paused: tray broke on state:paused']);

      const snoozes = await poolWatch.handle('alerts:snooze', { target: { accountId: 'farm' }, minutes: 30 });
      assert.equal(snoozes.length, 1, 'the snooze is answered although a listener of alerts:changed threw');
      assert.deepEqual(received.at(-1), { channel: 'alerts:changed', payload: { active: 0, firing: 0 } });
      assert.deepEqual(failures(logger.lines).slice(1), ['error event listener failed on alerts:changed: tray broke on alerts:changed']);
    } finally {
      poolWatch.stop();
    }
  });

  it('history events: a throwing listener is logged once and does not count as a failed write', () => {
    const inner = openMemoryHistoryStores().samples;
    const disk = { full: false };
    const store: SampleStore = {
      ...inner,
      *recordPollSteps(poll) {
        if (disk.full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        yield* inner.recordPollSteps(poll);
      },
    };
    const logger = captureLogger();
    const service = new HistoryService({ store, clock: new FakeClock(T0), logger, summaries: () => [], workersOf: () => [] });
    const received = throwingThenRecording((listener) => service.subscribe(listener));
    const poll = (i: number) => service.record(pollOf('farm', T0 + i * MINUTE, [worker('a', 'rig', TH)]));

    disk.full = true;
    for (let i = 0; i < 3; i += 1) poll(i);
    assert.equal(received.length, 1);
    assert.equal(received[0]?.channel, 'state:history');
    assert.deepEqual(failures(logger.lines), ['error event listener failed on state:history: tray broke on state:history']);

    disk.full = false;
    poll(3);
    assert.deepEqual(received.at(-1), { channel: 'state:history', payload: { problem: null } }, 'saving works again: the others hear it');
    assert.equal(service.problem, null, 'the throwing listener is not mistaken for a failed write');
    assert.equal(failures(logger.lines).length, 2);
  });

  it('settings reloads: a throwing listener is logged once, the other listeners follow the hand edit and the save goes on', async () => {
    const edited: AppConfig = { accounts: [{ id: 'farm', pool: 'sbi', label: 'Added by hand', credentials: {} }], channels: [] };
    let pending: AppConfig | null = null;
    const saved: AppConfig[] = [];
    const logger = captureLogger();
    const settings = new SettingsStore(
      {
        location: 'poolwatch.json',
        load: async () => ({ accounts: [], channels: [] }),
        save: async (config) => void saved.push(config),
        loadIfChanged: async () => {
          const next = pending;
          pending = null;
          return next;
        },
      },
      logger,
    );
    await settings.load();
    const heard: AppConfig[] = [];
    settings.onReloaded(() => {
      throw new Error('alerts broke on the reload');
    });
    settings.onReloaded((_previous, next) => heard.push(next));

    pending = edited;
    const result = await settings.update((config) => ({ ...config, channels: [] }));
    assert.deepEqual(heard, [edited], 'the other listener follows the hand edit');
    assert.equal(saved.length, 1, 'the save that found the hand edit goes on');
    assert.deepEqual(result, { ...edited, channels: [] });
    assert.deepEqual(logger.lines, ['error a listener of the reload of poolwatch.json failed: alerts broke on the reload']);
  });
});

describe('EventBus.emitInTurns', () => {
  it('runs listeners in order, each in its own turn of the event loop, waits for each, and survives a failing one', async () => {
    const logger = captureLogger();
    const bus = new EventBus<string>(logger, (event) => `handling ${event}`);
    const order: string[] = [];
    bus.subscribe((event) => {
      order.push(`first ${event}`);
      setImmediate(() => order.push('other work'));
    });
    bus.subscribe(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('history broke');
    });
    bus.subscribe((event) => order.push(`third ${event}`));
    await bus.emitInTurns('poll');
    assert.deepEqual(order, ['first poll', 'other work', 'third poll'], 'work queued by the first listener ran before the next listener');
    assert.deepEqual(logger.lines, ['error handling poll: history broke']);
  });
});
