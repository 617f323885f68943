import type { Notification } from '../notification-format';
import type { AttemptOutcome } from './send-attempt';

/** Waits before the 2nd..5th attempt; after the 5th failure the notification is given up. */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 10_000, 60_000, 300_000];
/** Notifications waiting per channel; beyond this the oldest is dropped (a channel down for hours must not grow memory). */
export const MAX_PENDING = 100;
/** A Retry-After longer than this is shortened: a misbehaving server must not park a channel for a day. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

export interface DeliveryQueueDeps {
  /** One delivery attempt; resolves, never throws. */
  attempt(notification: Notification, signal: AbortSignal): Promise<AttemptOutcome>;
  /** Waits ms; rejects or resolves early when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Log lines go through the owner, which redacts them. */
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

function seconds(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}

/** One channel's deliveries: in order, one at a time, retried with backoff, independent of every other channel. */
export class DeliveryQueue {
  private readonly pending: Notification[] = [];
  /** Set and cleared in the same synchronous step as the emptiness check, so a push never finds a finishing drain. */
  private active = false;
  private running: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(private readonly deps: DeliveryQueueDeps) {}

  get size(): number {
    return this.pending.length;
  }

  /** Something is waiting or in flight. */
  get busy(): boolean {
    return this.active;
  }

  push(notification: Notification): void {
    if (this.abort.signal.aborted) return;
    if (this.pending.length >= MAX_PENDING) {
      const dropped = this.pending.shift();
      this.deps.log('warn', `${MAX_PENDING} notifications are already waiting; dropped the oldest (${dropped?.id}: ${dropped?.title})`);
    }
    this.pending.push(notification);
    if (!this.active) {
      this.active = true;
      this.running = this.drain();
    }
  }

  /** Resolves when nothing is waiting or in flight. */
  async idle(): Promise<void> {
    while (this.active) await this.running;
  }

  /** Drops what waits and cancels the attempt or wait in progress; the queue accepts nothing more. */
  stop(): void {
    this.pending.length = 0;
    this.abort.abort();
  }

  private async drain(): Promise<void> {
    // Start on a later tick so dispatch() returns before any work is done.
    await Promise.resolve();
    for (;;) {
      const next = this.pending.shift();
      if (!next) {
        this.active = false;
        return;
      }
      try {
        await this.deliver(next);
      } catch (error) {
        this.deps.log('error', `delivery of ${next.id} failed unexpectedly: ${(error as Error).message}`);
      }
    }
  }

  private async deliver(notification: Notification): Promise<void> {
    const { signal } = this.abort;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.deps.attempt(notification, signal);
      if (signal.aborted) return;
      if (outcome.ok) {
        if (attempt > 1) this.deps.log('info', `delivered ${notification.id} on attempt ${attempt}`);
        return;
      }
      if (!outcome.retry) {
        this.deps.log('warn', `could not deliver ${notification.id}, not retrying: ${outcome.message}`);
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (delay === undefined) {
        this.deps.log('warn', `gave up delivering ${notification.id} after ${attempt} attempts: ${outcome.message}`);
        return;
      }
      const waitMs = outcome.retryAfterMs !== null ? Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS) : delay;
      this.deps.log('info', `attempt ${attempt} for ${notification.id} failed: ${outcome.message} Retrying in ${seconds(waitMs)}.`);
      try {
        await this.deps.sleep(waitMs, signal);
      } catch {
        return;
      }
      if (signal.aborted) return;
    }
  }
}
