import { createHash } from 'node:crypto';
import type { AccountSummary } from '../../../../shared/model';
import type { Clock } from '../../../base/clock';
import type { Logger } from '../../../base/logger';
import { redactSecrets } from '../../../base/redaction';
import type { ChannelConfig } from '../../../store/config-schema';
import type { SnoozeTarget } from '../../snoozes';
import type { ActionTokens } from '../phone-actions';
import { accountsForRoutes, payoutsAnswer, statusAnswer } from './bot-answers';
import { DEFAULT_LISTEN_LOOP, keepListening, type AbortableSleep, type ListenLoopOptions } from './listen-loop';
import { readNtfyReplies, ReplyConnectionError, type NtfyReplyState } from './ntfy-replies';
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

interface Resolved {
  channel: ChannelConfig;
  values: Record<string, string>;
}

/** What should listen: one ntfy channel, or every channel of one Telegram bot. */
interface Plan {
  key: string;
  members: Resolved[];
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

/** Changes to the config or to the secret values themselves (a bot token typed again) restart a listener. */
function planKey(members: readonly Resolved[]): string {
  const parts = members.map((member) => [member.channel.id, listenerKey(member.channel), createHash('sha256').update(JSON.stringify(member.values)).digest('hex')]);
  return JSON.stringify(parts.sort());
}

function wantsListener(channel: ChannelConfig): boolean {
  if (!channel.enabled) return false;
  if (channel.kind === 'telegram') return true;
  return channel.kind === 'ntfy' && channel.secrets.replyTopic !== undefined;
}

/**
 * The outbound connections that bring button presses and bot commands back, one per Telegram bot of the enabled
 * channels (getUpdates) and per ntfy channel with a reply topic (its JSON stream). No port is opened on this machine. Each
 * listener reconnects with a growing wait and never stops PoolWatch; its log lines are redacted against its secrets.
 */
export class ReplyListeners {
  /** By listener id: `ntfy:<channel>`, or `telegram:<hash of the bot token>` (never logged). */
  private readonly running = new Map<string, Running>();
  private readonly resolved = new Map<string, { key: string; values: Record<string, string> }>();
  /** Channels whose secrets could not be read, with the config that failed: reported once per config. */
  private readonly unreadable = new Map<string, string>();
  private timer: unknown = null;
  private syncing: Promise<void> | null = null;
  private again = false;
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
    if (this.syncing) {
      // A change during a sync gets a sync of its own after it, so it is never missed.
      this.again = true;
      return this.syncing;
    }
    this.syncing = this.syncNow().finally(() => {
      this.syncing = null;
      if (this.again) {
        this.again = false;
        void this.sync();
      }
    });
    return this.syncing;
  }

  /** After a channel was saved or removed: secrets are read again (a token typed anew), then listeners follow. */
  refresh(): Promise<void> {
    this.resolved.clear();
    return this.sync();
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
    const plans = new Map<string, Plan>();
    const bots = new Map<string, Resolved[]>();
    for (const channel of this.deps.channels().filter(wantsListener)) {
      const values = await this.valuesOf(channel);
      if (!values) continue;
      if (channel.kind === 'ntfy') {
        plans.set(`ntfy:${channel.id}`, { key: planKey([{ channel, values }]), members: [{ channel, values }] });
        continue;
      }
      // Channels sharing a bot share one getUpdates loop (Telegram allows one reader per bot).
      const token = values.botToken ?? '';
      bots.set(token, [...(bots.get(token) ?? []), { channel, values }]);
    }
    for (const [token, members] of bots) {
      const id = `telegram:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
      plans.set(id, { key: planKey(members), members });
    }
    if (this.stopped) return;
    for (const [id, listener] of this.running) {
      if (plans.get(id)?.key === listener.key) continue;
      listener.abort.abort();
      this.running.delete(id);
    }
    for (const [id, plan] of plans) {
      if (this.running.has(id)) continue;
      const abort = new AbortController();
      this.running.set(id, { key: plan.key, abort, done: this.listen(plan.members, abort.signal) });
    }
  }

  /** A channel's values, read again only when its config changed; null (reported once) while they cannot be read. */
  private async valuesOf(channel: ChannelConfig): Promise<Record<string, string> | null> {
    const key = listenerKey(channel);
    const cached = this.resolved.get(channel.id);
    if (cached?.key === key) return cached.values;
    try {
      const values = await this.deps.resolve(channel);
      this.resolved.set(channel.id, { key, values });
      this.unreadable.delete(channel.id);
      return values;
    } catch (error) {
      // Its secrets cannot be read now (locked keychain, variable unset): tried again at the next sync.
      if (this.unreadable.get(channel.id) !== key) this.deps.logger.warn(`channel ${channel.id}: replies not received: ${(error as Error).message}`);
      this.unreadable.set(channel.id, key);
      return null;
    }
  }

  private listen(members: readonly Resolved[], signal: AbortSignal): Promise<void> {
    const secrets = members.flatMap((member) => this.deps.secretValues(member.channel, member.values));
    const who = `channel ${members.map((member) => member.channel.id).join(', ')}`;
    const log = (level: 'info' | 'warn', message: string): void => this.deps.logger[level](redactSecrets(`${who}: ${message}`, secrets));
    const onFailure = (error: unknown): void => {
      const reason = error instanceof ReplyConnectionError ? error.message : `unexpected error (${(error as Error).message})`;
      log('warn', `listening for replies failed: ${reason}; trying again`);
    };
    const loop: ListenLoopOptions = { sleep: this.deps.sleep, ...DEFAULT_LISTEN_LOOP, ...this.deps.loop };
    const press = (channelId: string, action: string, token: string): string => {
      try {
        const result = this.deps.tokens.press(channelId, action, token, (target, minutes) => this.deps.snooze(target, minutes));
        log(result.ok ? 'info' : 'warn', `button pressed on the phone: ${result.reply}`);
        return result.reply;
      } catch (error) {
        log('warn', `a button press could not be applied (${(error as Error).message})`);
        return 'PoolWatch could not apply this button; snooze the alert in PoolWatch instead.';
      }
    };
    const first = members[0] as Resolved;
    if (first.channel.kind === 'ntfy') {
      const { values, channel } = first;
      const target = { server: (values.server ?? '').replace(/\/+$/, ''), replyTopic: values.replyTopic ?? '', accessToken: values.accessToken || null };
      const state: NtfyReplyState = { since: null };
      const handling = { press: (action: string, token: string) => void press(channel.id, action, token), log };
      return keepListening((abort) => readNtfyReplies(target, state, { fetchImpl: this.deps.fetchImpl, clock: this.deps.clock }, handling, abort), signal, loop, onFailure);
    }
    const bot = new TelegramBot(
      {
        apiBase: this.deps.telegramApiBase.replace(/\/+$/, ''),
        botToken: first.values.botToken ?? '',
        chats: members.map((member) => ({ channelId: member.channel.id, chatId: member.values.chatId ?? '' })),
      },
      this.deps.fetchImpl,
      { press, command: (channelId, name) => this.command(channelId, name), log },
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
