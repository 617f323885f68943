import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryQueue, MAX_PENDING, MAX_RETRY_AFTER_MS, RETRY_DELAYS_MS } from '../../../../main/alerts/channels/delivery-queue';
import type { AttemptOutcome } from '../../../../main/alerts/channels/send-attempt';
import type { Notification } from '../../../../main/alerts/notification-format';
import { makeNotification } from './make-notification';

const fail = (retry: boolean, retryAfterMs: number | null = null): AttemptOutcome => ({ ok: false, retry, retryAfterMs, message: 'boom.' });
const ok: AttemptOutcome = { ok: true, status: 200 };

function harness(outcomes: AttemptOutcome[], options: { blockFirst?: boolean } = {}) {
  const attempts: string[] = [];
  const waits: number[] = [];
  const lines: string[] = [];
  let release: () => void = () => {};
  const blocker = new Promise<void>((resolve) => (release = resolve));
  const queue = new DeliveryQueue({
    attempt: async (notification: Notification) => {
      attempts.push(notification.id);
      if (options.blockFirst && attempts.length === 1) await blocker;
      return outcomes.shift() ?? ok;
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    log: (level, message) => lines.push(`${level} ${message}`),
  });
  return { queue, attempts, waits, lines, release };
}

describe('DeliveryQueue', () => {
  it('retries with 2 s, 10 s, 60 s, 5 min, then gives up with a warning', async () => {
    const { queue, attempts, waits, lines } = harness([fail(true), fail(true), fail(true), fail(true), fail(true)]);
    queue.push(makeNotification());
    await queue.idle();
    assert.equal(attempts.length, 5);
    assert.deepEqual(waits, [...RETRY_DELAYS_MS]);
    assert.deepEqual(waits, [2_000, 10_000, 60_000, 300_000]);
    assert.match(lines.at(-1) ?? '', /^warn gave up delivering n-1 after 5 attempts: boom\.$/);
  });

  it('stops retrying once delivered, and uses Retry-After instead of the step (capped)', async () => {
    const { queue, attempts, waits, lines } = harness([fail(true, 1000), fail(true, 24 * 3_600_000), ok]);
    queue.push(makeNotification());
    await queue.idle();
    assert.equal(attempts.length, 3);
    assert.deepEqual(waits, [1000, MAX_RETRY_AFTER_MS]);
    assert.match(lines.at(-1) ?? '', /^info delivered n-1 on attempt 3$/);
  });

  it('does not retry a permanent failure', async () => {
    const { queue, attempts, waits, lines } = harness([fail(false)]);
    queue.push(makeNotification());
    await queue.idle();
    assert.equal(attempts.length, 1);
    assert.deepEqual(waits, []);
    assert.match(lines[0] ?? '', /^warn could not deliver n-1, not retrying: boom\./);
  });

  it('delivers in order and drops the oldest waiting notification beyond the bound', async () => {
    const { queue, attempts, lines, release } = harness([], { blockFirst: true });
    queue.push(makeNotification({ id: 'n-0' }));
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 1; i <= MAX_PENDING + 3; i += 1) queue.push(makeNotification({ id: `n-${i}` }));
    assert.equal(queue.size, MAX_PENDING);
    release();
    await queue.idle();
    assert.deepEqual(attempts.slice(0, 3), ['n-0', 'n-4', 'n-5']);
    assert.equal(attempts.length, MAX_PENDING + 1);
    assert.deepEqual(
      lines.filter((line) => line.includes('dropped')).map((line) => /dropped the oldest \((n-\d+)/.exec(line)?.[1]),
      ['n-1', 'n-2', 'n-3'],
    );
  });

  it('stop() drops what waits, ends the wait in progress and refuses new work', async () => {
    const attempts: string[] = [];
    const queue = new DeliveryQueue({
      attempt: async (notification) => {
        attempts.push(notification.id);
        return fail(true);
      },
      sleep: (_ms, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('stopped')))),
      log: () => {},
    });
    queue.push(makeNotification({ id: 'a' }));
    queue.push(makeNotification({ id: 'b' }));
    await new Promise((resolve) => setImmediate(resolve));
    queue.stop();
    await queue.idle();
    queue.push(makeNotification({ id: 'c' }));
    await queue.idle();
    assert.deepEqual(attempts, ['a']);
  });
});
