import type { AccountSummary } from '../../../../shared/model';
import type { Clock } from '../../../base/clock';
import type { Logger } from '../../../base/logger';
import { redactSecrets } from '../../../base/redaction';
import type { ChannelConfig } from '../../../store/config-schema';
import type { SnoozeTarget } from '../../snoozes';
import type { ActionTokens } from '../phone-actions';
import { accountsForRoutes, payoutsAnswer, statusAnswer } from './bot-answers';
import { DEFAULT_LISTEN_LOOP, keepListening, type AbortableSleep, type ListenLoopOptions } from './listen-loop';
import { readNtfyReplies, ReplyConnectionError } from './ntfy-replies';
import { TelegramBot } from './telegram-bot';

/** Channels added, edited or removed are followed this often (and at once on start). */
export const REPLY_SYNC_MS = 30_000;

export interface ReplyListenersDeps {
  /** The channels as configured now. */
  channels(): readonly ChannelConfig[];
  /** A channel's settings and secrets (keychain or environment), read just before a listener starts. */
  resolve(channel: ChannelConfig): Promise<Record<string, string>>;
  /** Also every secret value of the channel to redact, typed or made by PoolWatch. */
  secretValues(channel: ChannelConfig, values: Readonly<Record<string, string>>): string[];
  tokens: ActionTokens;
  /** The alert service's snooze (minutes; null = mute until resumed). */
  snooze(target: SnoozeTarget, minutes: number | null): void;
  /** The accounts now, for /status and /payouts. */
  accounts(): AccountSummary[];
  fetchImpl: typeof fetch;
  clock: Clock;
  logger: Logger;
  telegramApiBase: string;
  sleep: AbortableSleep;
  loop?: Partial<Omit<ListenLoopOptions, 'sleep'>>;
  /** Telegram's long-poll wait (tests shorten it). */
  telegramPollSeconds?: number;
}

interface Running {
  key: string;
  abort: AbortController;
  done: Promise<void>;
}

/** What decides a listener: a change to any of these restarts it (routes are read at answer time instead). */
function listenerKey(channel: ChannelConfig): string {
  return JSON.stringify([channel.kind, channel.settings, channel.secrets]);
}

function wantsListener(channel: ChannelConfig): boolean {
  if (!channel.enabled) return false;
  if (channel.kind === 'telegram') return true;
  return channel.kind === 'ntfy' && channel.secrets.replyTopic !== undefined;
}

/**
 * The outbound connections that bring button presses and bot commands back, one per enabled Telegram channel
 * (getUpdates) and ntfy channel with a reply topic (its JSON stream). No port is opened on this machine. Each
 * listener reconnects with a growing wait and never stops PoolWatch; its log lines are redacted against its secrets.
 */
export class ReplyListeners {
  private readonly running = new Map<string, Running>();
  private timer: unknown = null;
  private syncing: Promise<void> | null = null;
  /** Nothing listens before start() (a CLI command building the monitor opens no connection). */
  private stopped = true;

  constructor(private readonly deps: ReplyListenersDeps) {}

  start(): void {
    this.stopped = false;
    void this.sync();
    this.schedule();
  }

  /** Starts listeners for new or changed channels and stops those of removed, disabled or changed ones. */
  sync(): Promise<void> {
    this.syncing ??= this.syncNow().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Ends every listener; resolves when their connections are closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const all = [...this.running.values()];
    this.running.clear();
    for (const listener of all) listener.abort.abort();
    await Promise.all(all.map((listener) => listener.done));
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      if (this.stopped) return;
      void this.sync();
      this.schedule();
    }, REPLY_SYNC_MS);
  }

  private async syncNow(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map(this.deps.channels().filter(wantsListener).map((channel) => [channel.id, channel]));
    for (const [id, listener] of this.running) {
      const channel = wanted.get(id);
      if (channel && listenerKey(channel) === listener.key) continue;
      listener.abort.abort();
      this.running.delete(id);
    }
    for (const channel of wanted.values()) {
      if (this.running.has(channel.id) || this.stopped) continue;
      let values: Record<string, string>;
      try {
        values = await this.deps.resolve(channel);
      } catch (error) {
        // Its secrets cannot be read now (locked keychain, variable unset): tried again at the next sync.
        this.deps.logger.warn(`channel ${channel.id}: replies not received: ${(error as Error).message}`);
        continue;
      }
      if (this.stopped || this.running.has(channel.id)) continue;
      const abort = new AbortController();
      const done = this.listen(channel, values, abort.signal);
      this.running.set(channel.id, { key: listenerKey(channel), abort, done });
    }
  }

  private listen(channel: ChannelConfig, values: Record<string, string>, signal: AbortSignal): Promise<void> {
    const secrets = this.deps.secretValues(channel, values);
    const log = (level: 'info' | 'warn', message: string): void => this.deps.logger[level](redactSecrets(`channel ${channel.id}: ${message}`, secrets));
    const onFailure = (error: unknown): void => {
      const reason = error instanceof ReplyConnectionError ? error.message : `unexpected error (${(error as Error).message})`;
      log('warn', `listening for replies failed: ${reason}; trying again`);
    };
    const loop: ListenLoopOptions = { sleep: this.deps.sleep, ...DEFAULT_LISTEN_LOOP, ...this.deps.loop };
    const press = (action: string, token: string): string => {
      try {
        const result = this.deps.tokens.press(channel.id, action, token, (target, minutes) => this.deps.snooze(target, minutes));
        log(result.ok ? 'info' : 'warn', `button pressed on the phone: ${result.reply}`);
        return result.reply;
      } catch (error) {
        log('warn', `a button press could not be applied (${(error as Error).message})`);
        return 'PoolWatch could not apply this button; snooze the alert in PoolWatch instead.';
      }
    };
    if (channel.kind === 'ntfy') {
      const target = { server: (values.server ?? '').replace(/\/+$/, ''), replyTopic: values.replyTopic ?? '', accessToken: values.accessToken || null };
      const state = { since: null as string | null };
      const handling = { press: (action: string, token: string) => void press(action, token), log };
      return keepListening((abort) => readNtfyReplies(target, state, { fetchImpl: this.deps.fetchImpl, clock: this.deps.clock }, handling, abort), signal, loop, onFailure);
    }
    const bot = new TelegramBot(
      { apiBase: this.deps.telegramApiBase.replace(/\/+$/, ''), botToken: values.botToken ?? '', chatId: values.chatId ?? '' },
      this.deps.fetchImpl,
      { press, command: (name) => this.command(channel.id, name), log },
      this.deps.telegramPollSeconds,
    );
    return keepListening((abort) => bot.pollOnce(abort), signal, loop, onFailure);
  }

  /** /status and /payouts, about the accounts the channel's routes allow as configured now. */
  private command(channelId: string, name: string): string | null {
    const channel = this.deps.channels().find((candidate) => candidate.id === channelId);
    const accounts = accountsForRoutes(this.deps.accounts(), channel?.routes);
    if (name === 'status') return statusAnswer(accounts);
    if (name === 'payouts') return payoutsAnswer(accounts);
    return null;
  }
}
