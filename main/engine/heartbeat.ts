import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { PollObservation } from '../base/poll-observation';
import { errorCode } from '../base/error-code';
import { redactSecrets } from '../base/redaction';
import { MINUTE_MS } from '../base/time';
import type { Environment } from '../secrets/credential-resolver';
import type { WatchdogConfig } from '../store/config-schema';

/** At most one ping a minute, however short the poll interval. */
export const HEARTBEAT_MIN_INTERVAL_MS = MINUTE_MS;
const PING_TIMEOUT_MS = 10_000;

export interface HeartbeatDeps {
  /** The watchdog settings as they are now (the config may change while running); undefined = none. */
  watchdog(): WatchdogConfig | undefined;
  /** Every account the engine polls. */
  accountIds(): readonly string[];
  clock: Clock;
  logger: Logger;
  env?: Environment;
  fetchImpl?: typeof fetch;
}

/** A URL as it may be logged: scheme and host, never the path or query that carry the check's token. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '[invalid URL]';
  }
}

/**
 * Pings the watchdog URL after each poll round (every account polled at least once since the last ping), so a
 * service outside this machine notices when PoolWatch or its box stops. A round counts whatever the pools
 * answered: a pool being down is PoolWatch's own alert; the heartbeat says the monitor itself is working.
 * A failed ping is logged and nothing else: it never touches polling.
 */
export class Heartbeat {
  private readonly polledSince = new Set<string>();
  private lastPingMs: number | null = null;
  private inFlight: Promise<void> | null = null;
  private failing = false;
  private stopped = false;

  constructor(private readonly deps: HeartbeatDeps) {}

  /** Called for every finished poll; never throws. */
  record(observation: Pick<PollObservation, 'account'>): void {
    if (this.stopped) return;
    try {
      this.polledSince.add(observation.account.id);
      this.maybePing();
    } catch (error) {
      this.deps.logger.error(`watchdog: ${(error as Error).message}`);
    }
  }

  /** Resolves when no ping is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  stop(): void {
    this.stopped = true;
  }

  private maybePing(): void {
    const watchdog = this.deps.watchdog();
    if (!watchdog || this.inFlight) return;
    const ids = this.deps.accountIds();
    if (ids.length === 0 || !ids.every((id) => this.polledSince.has(id))) return;
    const now = this.deps.clock.now();
    if (this.lastPingMs !== null && now - this.lastPingMs < HEARTBEAT_MIN_INTERVAL_MS) return;
    const url = this.resolveUrl(watchdog);
    if (url === null) return;
    this.lastPingMs = now;
    this.polledSince.clear();
    this.inFlight = this.ping(url, watchdog.method, ids.length).finally(() => {
      this.inFlight = null;
    });
  }

  private resolveUrl(watchdog: WatchdogConfig): string | null {
    if (typeof watchdog.url === 'string') return watchdog.url;
    const value = (this.deps.env ?? process.env)[watchdog.url.env];
    if (!value) {
      this.warnOnce(`watchdog: the environment variable ${watchdog.url.env} (the heartbeat URL) is not set; no heartbeat is sent.`);
      return null;
    }
    if (!/^https?:\/\//i.test(value)) {
      this.warnOnce(`watchdog: the environment variable ${watchdog.url.env} does not hold an http(s) URL; no heartbeat is sent.`);
      return null;
    }
    return value;
  }

  private async ping(url: string, method: 'GET' | 'POST', accounts: number): Promise<void> {
    const where = safeUrl(url);
    try {
      const response = await (this.deps.fetchImpl ?? fetch)(url, {
        method,
        headers: { 'User-Agent': 'PoolWatch' },
        ...(method === 'POST' ? { body: `PoolWatch polled ${accounts} account${accounts === 1 ? '' : 's'}.` } : {}),
        signal: AbortSignal.timeout(PING_TIMEOUT_MS),
        redirect: 'manual',
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) {
        this.fail(`watchdog: the heartbeat to ${where} was answered with HTTP ${response.status}; check the ping URL.`, url);
        return;
      }
      if (this.failing) this.deps.logger.info(`watchdog: heartbeats to ${where} work again.`);
      this.failing = false;
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${PING_TIMEOUT_MS / 1000} s` : (errorCode(error) ?? 'network error');
      this.fail(`watchdog: could not send the heartbeat to ${where} (${reason}).`, url);
    }
  }

  private fail(message: string, url: string): void {
    this.failing = true;
    this.deps.logger.warn(redactSecrets(message, [url]));
  }

  private warnedAbout = '';
  private warnOnce(message: string): void {
    if (this.warnedAbout === message) return;
    this.warnedAbout = message;
    this.deps.logger.warn(message);
  }
}
