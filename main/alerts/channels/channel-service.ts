import {
  CHANNEL_FIELDS,
  ChannelDraftSchema,
  ContractError,
  describeIssues,
  type ChannelDraft,
  type ChannelKind,
  type ChannelView,
} from '../../../shared/contract';
import type { Clock } from '../../base/clock';
import type { Logger } from '../../base/logger';
import type { Environment } from '../../secrets/credential-resolver';
import type { SecretStore } from '../../secrets/secret-store';
import { deleteRecordSecrets, writeSecretRecord } from '../../secrets/secret-record';
import type { AppConfig, ChannelConfig } from '../../store/config-schema';
import { settingsRequest, type SettingsStore } from '../../store/settings-store';
import { SEVERITY_RANK } from '../alert-types';
import type { Notification } from '../notification-format';
import {
  ChannelSecretError,
  applyChannelDraft,
  channelSecretAccount,
  newChannelId,
  resolveChannelValues,
  toChannelView,
} from './channel-config';
import { redactSecrets } from '../../base/redaction';
import { DeliveryQueue } from './delivery-queue';
import { DEFAULT_TELEGRAM_API_BASE, type OutgoingRequest } from './destination';
import { channelKind, type DeliveryContext } from './kinds';
import { notificationForChannel } from '../channel-routing';
import { POOLS } from '../../../shared/model';
import { sendOnce, type AttemptOutcome } from './send-attempt';
import { testNotification } from './test-notification';
import { ActionTokens, type ActionButtons } from './phone-actions';

export interface ChannelServiceDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
  env?: Environment;
  /** Injected for tests (no real waiting); defaults to the clock's timers. */
  sleep?: (ms: number) => Promise<void>;
  fetchImpl?: typeof fetch;
  /** Default https://api.telegram.org; tests point it at the local receiver. */
  telegramApiBase?: string;
  /** Per request; default DEFAULT_CHANNEL_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** A channel that has not answered in this long is treated as down for this attempt. */
export const DEFAULT_CHANNEL_TIMEOUT_MS = 10_000;

/** The values to redact: typed secret fields and those PoolWatch made itself (ntfy's reply topic). */
export function secretFieldValues(kind: ChannelKind, values: Readonly<Record<string, string>>): string[] {
  const names = [...CHANNEL_FIELDS[kind].filter((field) => field.secret).map((field) => field.name), ...Object.keys(channelKind(kind).generatedSecrets ?? {})];
  return names.flatMap((name) => (values[name] ? [values[name] as string] : []));
}

function permanent(message: string): AttemptOutcome {
  return { ok: false, retry: false, retryAfterMs: null, message };
}

/**
 * The outgoing notification channels (webhook, Discord, Slack, Telegram, ntfy, e-mail): their settings, secrets in the
 * keychain, a test message on request, and background delivery with retries, one independent queue per channel.
 */
export class ChannelService {
  private readonly queues = new Map<string, DeliveryQueue>();
  /** Secret values last used per channel: every log line and message is redacted against all of them. */
  private readonly knownSecrets = new Map<string, string[]>();
  private readonly env: Environment;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetchImpl: typeof fetch;
  private readonly telegramApiBase: string;
  private readonly timeoutMs: number;
  private stopped = false;
  /** The tokens behind the snooze buttons of sent messages; the reply listeners look presses up here. */
  readonly actionTokens: ActionTokens;
  private readonly changeListeners: Array<() => void> = [];

  constructor(private readonly deps: ChannelServiceDeps) {
    this.actionTokens = new ActionTokens(() => deps.clock.now());
    this.env = deps.env ?? process.env;
    this.sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => deps.clock.setTimeout(resolve, ms)));
    this.fetchImpl = deps.fetchImpl ?? fetch;
    this.telegramApiBase = deps.telegramApiBase ?? DEFAULT_TELEGRAM_API_BASE;
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  }

  private get channels(): AppConfig['channels'] {
    return this.deps.settings.current().channels;
  }

  /** Called after a channel is saved or removed (the reply listeners follow at once). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        this.log('error', `a channel change listener failed: ${(error as Error).message}`);
      }
    }
  }

  async list(): Promise<ChannelView[]> {
    return Promise.all(this.channels.map((channel) => toChannelView(channel, this.deps.secrets, this.env)));
  }

  /** Adds or edits a channel: typed secrets go to the keychain first, then the config; a blank secret keeps the stored one. */
  async save(draft: ChannelDraft, secrets: Record<string, string>): Promise<ChannelView> {
    const typed = Object.values(secrets);
    try {
      return await this.saveChannel(parseDraft(draft), secrets);
    } catch (error) {
      throw this.redactError(error, typed, 'Saving the channel');
    }
  }

  async remove(id: string): Promise<{ removed: boolean }> {
    await this.refreshConfig();
    const channel = this.channels.find((candidate) => candidate.id === id);
    if (!channel) return { removed: false };
    await this.persist((config) => ({ ...config, channels: config.channels.filter((candidate) => candidate.id !== id) }));
    this.queues.get(id)?.stop();
    this.queues.delete(id);
    await deleteRecordSecrets(this.deps.secrets, channelSecretAccount(id), channel.secrets);
    this.knownSecrets.delete(id);
    this.log('info', `channel ${id}: removed`);
    this.changed();
    return { removed: true };
  }

  /** Sends a test message now with the typed (or stored) values: one attempt, nothing saved, the exact failure. */
  async test(draft: ChannelDraft, secrets: Record<string, string>): Promise<{ ok: boolean; message: string }> {
    const typed = Object.values(secrets);
    const parsed = parseDraft(draft);
    let values: Record<string, string>;
    try {
      values = await this.draftValues(parsed, secrets);
    } catch (error) {
      if ((error instanceof ContractError && error.code === 'invalid_request') || error instanceof ChannelSecretError) {
        return { ok: false, message: redactSecrets(error.message, typed) };
      }
      throw this.redactError(error, typed, 'Testing the channel');
    }
    const { outcome, used } = await this.attemptOnce(parsed.kind, values, testNotification(parsed.label, this.deps.clock.now()), typed);
    const name = channelKind(parsed.kind).serviceName;
    const accepted = 'deliver' in channelKind(parsed.kind) ? `${name} accepted the test message.` : `${name} accepted the test message (HTTP ${outcome.ok ? outcome.status : 0}).`;
    const message = outcome.ok ? accepted : outcome.message;
    this.log('info', `test of ${parsed.kind} channel "${parsed.label}": ${outcome.ok ? 'ok' : message}`, used);
    return { ok: outcome.ok, message: redactSecrets(message, used) };
  }

  /**
   * Queues a notification for every enabled channel whose minimum severity it reaches, each getting only the
   * alerts its routes allow (accounts, groups, rules). Never throws.
   */
  dispatch(notification: Notification): void {
    if (this.stopped) return;
    try {
      for (const channel of this.channels) {
        if (!channel.enabled) continue;
        const routed = notificationForChannel(notification, channel.routes);
        if (!routed || SEVERITY_RANK[routed.severity] < SEVERITY_RANK[channel.minSeverity]) continue;
        this.queueFor(channel.id).push(routed);
      }
    } catch (error) {
      this.log('error', `dispatch of ${notification.id} failed: ${(error as Error).message}`);
    }
  }

  /** Queues a notification for one channel only (its summary), whatever its severity and routes; false when the channel is gone or off. */
  deliverTo(channelId: string, notification: Notification): boolean {
    if (this.stopped) return false;
    const channel = this.channels.find((candidate) => candidate.id === channelId);
    if (!channel?.enabled) return false;
    this.queueFor(channelId).push(notification);
    return true;
  }

  /** Resolves when every queued delivery is done (delivered, given up or dropped). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.queues.values()].filter((queue) => queue.busy);
      if (busy.length === 0) return;
      await Promise.all(busy.map((queue) => queue.idle()));
    }
  }

  /** Cancels waits and requests in flight and drops what is queued; for shutdown. */
  stop(): void {
    this.stopped = true;
    for (const queue of this.queues.values()) queue.stop();
  }

  private async saveChannel(draft: ChannelDraft, secrets: Record<string, string>): Promise<ChannelView> {
    await this.refreshConfig();
    const existing = draft.id ? this.channels.find((candidate) => candidate.id === draft.id) : undefined;
    if (draft.id && !existing) throw new ContractError('not_found', `There is no notification channel "${draft.id}".`);
    if (existing && existing.kind !== draft.kind) {
      throw new ContractError('invalid_request', 'The kind of an existing channel cannot change; add a new channel instead.');
    }
    const id = existing?.id ?? newChannelId(draft.label, new Set(this.channels.map((channel) => channel.id)));
    checkRouteAccounts(draft, new Set(this.deps.settings.current().accounts.map((account) => account.id)));
    const { config, toStore } = applyChannelDraft(draft, existing, secrets, id);
    await writeSecretRecord({
      store: this.deps.secrets,
      keychainAccount: channelSecretAccount(id),
      plan: { toStore, stale: [] },
      existing: existing !== undefined,
      persist: () =>
        this.persist((current) => ({
          ...current,
          channels: existing ? current.channels.map((channel) => (channel.id === id ? config : channel)) : [...current.channels, config],
        })),
    });
    this.remember(id, Object.values(toStore));
    this.log('info', `channel ${id} (${config.kind}): ${existing ? 'updated' : 'added'}`);
    this.changed();
    return toChannelView(config, this.deps.secrets, this.env);
  }

  /** Field values for a test: validated typed ones, else those stored for the same channel. */
  private async draftValues(draft: ChannelDraft, secrets: Record<string, string>): Promise<Record<string, string>> {
    const stored = draft.id ? this.channels.find((candidate) => candidate.id === draft.id) : undefined;
    const existing = stored?.kind === draft.kind ? stored : undefined;
    const { config, toStore } = applyChannelDraft(draft, existing, secrets, existing?.id ?? 'draft');
    const kept = Object.fromEntries(Object.entries(config.secrets).filter(([field]) => !(field in toStore)));
    const values = await resolveChannelValues({ ...config, secrets: kept }, this.deps.secrets, this.env);
    return { ...values, ...toStore };
  }

  /** A stored value that cannot make a request (a hand-edited URL) fails the delivery with a reason instead of throwing. */
  private buildRequest(
    kind: ChannelKind,
    values: Readonly<Record<string, string>>,
    notification: Notification,
    buttons: ActionButtons | null,
  ): OutgoingRequest | { problem: string } {
    const descriptor = channelKind(kind);
    try {
      if ('deliver' in descriptor) return { problem: `A ${kind} channel sends no HTTP request.` };
      return descriptor.request(values, notification, { telegramApiBase: this.telegramApiBase, buttons });
    } catch (error) {
      return { problem: unusableSettings(error) };
    }
  }

  /**
   * One delivery attempt with resolved values, by the kind's own protocol (one POST, or SMTP), and the values to
   * redact from what it says. The outcome's message is redacted.
   */
  private async attemptOnce(
    kind: ChannelKind,
    values: Readonly<Record<string, string>>,
    notification: Notification,
    extraSecrets: readonly string[],
    signal?: AbortSignal,
    buttons: ActionButtons | null = null,
  ): Promise<{ outcome: AttemptOutcome; used: string[] }> {
    const descriptor = channelKind(kind);
    const encoded = 'deliver' in descriptor ? (descriptor.encodedSecrets?.(values) ?? []) : [];
    const secrets = [...secretFieldValues(kind, values), ...encoded, ...extraSecrets];
    let outcome: AttemptOutcome;
    let used = secrets;
    if ('deliver' in descriptor) {
      const context: DeliveryContext = { timeoutMs: this.timeoutMs, poolName: (accountId) => this.poolName(accountId), ...(signal ? { signal } : {}) };
      try {
        outcome = await descriptor.deliver(values, notification, context);
      } catch (error) {
        outcome = permanent(unusableSettings(error));
      }
    } else {
      const request = this.buildRequest(kind, values, notification, buttons);
      if ('problem' in request) return { outcome: permanent(redactSecrets(request.problem, secrets)), used };
      used = [...secrets, request.url];
      outcome = await sendOnce(kind, request, { fetchImpl: this.fetchImpl, timeoutMs: this.timeoutMs, nowMs: this.deps.clock.now(), secretValues: used, ...(signal ? { signal } : {}) });
    }
    return { outcome: outcome.ok ? outcome : { ...outcome, message: redactSecrets(outcome.message, used) }, used };
  }

  private poolName(accountId: string): string | null {
    const account = this.deps.settings.current().accounts.find((candidate) => candidate.id === accountId);
    return account ? POOLS[account.pool].name : null;
  }

  private remember(id: string, values: readonly string[]): void {
    this.knownSecrets.set(id, [...new Set([...(this.knownSecrets.get(id) ?? []), ...values])]);
  }

  private queueFor(id: string): DeliveryQueue {
    let queue = this.queues.get(id);
    if (!queue) {
      queue = new DeliveryQueue({
        attempt: (notification, signal) => this.attempt(id, notification, signal),
        sleep: (ms, signal) => this.abortableSleep(ms, signal),
        log: (level, message) => this.log(level, `channel ${id}: ${message}`),
      });
      this.queues.set(id, queue);
    }
    return queue;
  }

  /** One delivery with the channel as configured now, so an edit made during retries takes effect. */
  private async attempt(id: string, notification: Notification, signal: AbortSignal): Promise<AttemptOutcome> {
    const channel: ChannelConfig | undefined = this.channels.find((candidate) => candidate.id === id);
    if (!channel) return permanent('the channel was removed.');
    if (!channel.enabled) return permanent('the channel was disabled.');
    let values: Record<string, string>;
    try {
      values = await resolveChannelValues(channel, this.deps.secrets, this.env);
    } catch (error) {
      if (error instanceof ChannelSecretError) return { ok: false, retry: error.transient, retryAfterMs: null, message: error.message };
      throw error;
    }
    // Buttons only on delivered alerts (never on a test message): each message gets its own token.
    const buttons = channelKind(channel.kind).actionButtons ? this.actionTokens.buttonsFor(id, notification) : null;
    const { outcome, used } = await this.attemptOnce(channel.kind, values, notification, [], signal, buttons);
    this.remember(id, used);
    return outcome;
  }

  private abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.sleep(ms).then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => reject(error),
      );
    });
  }

  private async persist(change: (config: AppConfig) => AppConfig): Promise<void> {
    await settingsRequest(this.deps.settings, (settings) => settings.update(change));
  }

  /** Edits start from the file as it is now: a channel added or changed there by hand is known first. */
  private async refreshConfig(): Promise<void> {
    await settingsRequest(this.deps.settings, (settings) => settings.refresh());
  }

  /** Every log line passes here: redacted against every secret this service has used, plus any given. */
  private log(level: 'info' | 'warn' | 'error', message: string, extra: readonly string[] = []): void {
    this.deps.logger[level](redactSecrets(message, [...[...this.knownSecrets.values()].flat(), ...extra]));
  }

  /** Thrown messages get the same redaction as log lines; the error code is kept. */
  private redactError(error: unknown, extra: readonly string[], what: string): Error {
    const secrets = [...[...this.knownSecrets.values()].flat(), ...extra];
    if (error instanceof ContractError) return new ContractError(error.code, redactSecrets(error.message, secrets));
    return new ContractError('internal', redactSecrets(`${what} failed: ${(error as Error).message}`, secrets));
  }
}

/** A route naming an account the config does not have would quietly send nothing: refused, naming it. */
function checkRouteAccounts(draft: ChannelDraft, known: ReadonlySet<string>): void {
  const named = [...(draft.routes?.accounts ?? []), ...(draft.routes?.groups ?? []).map((route) => route.accountId)];
  const unknown = named.find((accountId) => !known.has(accountId));
  if (unknown !== undefined) throw new ContractError('invalid_request', `The channel is limited to account "${unknown}", which is not configured.`);
}

function unusableSettings(error: unknown): string {
  return `The channel's stored settings cannot be used (${(error as Error).message}); edit the channel and enter them again.`;
}

function parseDraft(draft: ChannelDraft): ChannelDraft {
  const parsed = ChannelDraftSchema.safeParse(draft);
  if (parsed.success) return parsed.data;
  throw new ContractError('invalid_request', `Invalid channel: ${describeIssues(parsed.error)}`);
}
