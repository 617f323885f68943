import type { Clock } from '../../base/clock';
import type { Logger } from '../../base/logger';
import { MINUTE_MS } from '../../base/time';
import type { Notification } from '../../alerts/notification-format';
import type { ChannelConfig } from '../../store/config-schema';
import { latestDue, periodLengthMs, type DigestPeriod } from './digest-schedule';
import type { DigestRequest } from './digest-content';

export interface DigestSchedulerDeps {
  /** The channels as configured now (edits apply at the next minute). */
  channels(): readonly ChannelConfig[];
  clock: Clock;
  logger: Logger;
  build(request: DigestRequest): Notification;
  /** Queues the summary for that one channel; false when it is gone or off. */
  send(channelId: string, notification: Notification): boolean;
}

const PERIODS: readonly DigestPeriod[] = ['daily', 'weekly'];

/**
 * Sends each channel's daily and weekly summary once per period, at its local time. Checked every minute on the
 * injected clock. A summary that fell due before PoolWatch saw the channel (it was not running, or the channel is
 * new) is skipped, not sent late.
 */
export class DigestScheduler {
  /** channel id + period -> the due time last handled. */
  private readonly handled = new Map<string, number>();
  private timer: unknown = null;
  private running = false;

  constructor(private readonly deps: DigestSchedulerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.check();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sends what is due now; never throws. */
  check(): void {
    const now = this.deps.clock.now();
    const seen = new Set<string>();
    for (const channel of this.deps.channels()) {
      const digest = channel.digest;
      if (!channel.enabled || !digest) continue;
      for (const period of PERIODS) {
        if (!digest[period]) continue;
        const key = `${channel.id}\u0000${period}`;
        seen.add(key);
        const due = latestDue(now, digest, period);
        const last = this.handled.get(key);
        this.handled.set(key, Math.max(due, last ?? due));
        if (last === undefined || due <= last) continue;
        this.send(channel, period, due);
      }
    }
    // A summary switched off and on again starts afresh, like a new one.
    for (const key of [...this.handled.keys()]) if (!seen.has(key)) this.handled.delete(key);
  }

  private send(channel: ChannelConfig, period: DigestPeriod, due: number): void {
    try {
      const notification = this.deps.build({
        channelId: channel.id,
        period,
        fromMs: due - periodLengthMs(period),
        toMs: due,
        routes: channel.routes,
        timeZone: channel.digest?.timezone ?? null,
      });
      if (this.deps.send(channel.id, notification)) this.deps.logger.info(`channel ${channel.id}: ${period} summary queued`);
    } catch (error) {
      this.deps.logger.error(`channel ${channel.id}: the ${period} summary could not be made: ${(error as Error).message}`);
    }
  }

  private schedule(): void {
    if (!this.running) return;
    const now = this.deps.clock.now();
    this.timer = this.deps.clock.setTimeout(() => {
      this.check();
      this.schedule();
    }, MINUTE_MS - (now % MINUTE_MS));
  }
}
