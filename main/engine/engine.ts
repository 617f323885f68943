import type { AccountSummary } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import {
  ContractError,
  callHandler,
  type RequestHandlers,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract';
import { resolveCredentials, type Environment } from '../secrets/credential-resolver';
import type { SecretStore } from '../secrets/secret-store';
import { createAdapter, createPoolHttpClient } from '../pools/registry';
import { defaultPollIntervalSec, notHashingAfterMin, type AccountConfig, type AppConfig } from '../store/config-schema';
import type { ConfigRepository } from '../store/config-repository';
import { SettingsStore } from '../store/settings-store';
import { AccountRunner } from './account-runner';
import type { AccountContext } from './account-editor';
import { systemClock, type Clock } from '../base/clock';
import { silentLogger, type Logger } from '../base/logger';
import { toRunnable, type RunnableAccount } from './runnable-account';
import { createUiEventBus, type UiEvent, type UiEventBus } from '../base/ui-events';
import { EventBus } from '../base/event-bus';
import type { HttpLimits } from '../pools/http-client';
import type { ActionContext, PoolAdapter } from '../pools/adapter';

export interface EngineOptions {
  /** The config file, or a SettingsStore shared with the alert and channel services. */
  config: ConfigRepository | SettingsStore;
  secrets: SecretStore;
  env?: Environment;
  clock?: Clock;
  logger?: Logger;
  httpLimits?: Partial<HttpLimits>;
  /** Spread first polls over this many ms so a restart does not hit every pool at once. */
  startSpreadMs?: number;
  random?: () => number;
  /** The UI events' bus, shared with the alert and history services (default: the engine's own). */
  events?: UiEventBus;
}

/** The request channels the engine answers: polling state, workers and the pause switch (accounts: AccountEditor). */
export type EngineChannel =
  | 'state:get'
  | 'workers:get'
  | 'engine:set-paused'
  | 'engine:poll-now';
export type EngineRequests = Pick<RequestHandlers, EngineChannel>;

/** Hosts the per-account runners and answers the UI's requests; the same in Electron and headless mode. */
export class Engine {
  private readonly settings: SettingsStore;
  private readonly runners = new Map<string, AccountRunner>();
  private readonly events: UiEventBus;
  private readonly polls: EventBus<PollObservation>;
  private paused = false;
  private started = false;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly env: Environment;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.env = options.env ?? process.env;
    this.events = options.events ?? createUiEventBus(this.logger);
    this.polls = new EventBus<PollObservation>(this.logger, (observation) => `poll observer failed for ${observation.account.id}`);
    this.settings = options.config instanceof SettingsStore ? options.config : new SettingsStore(options.config, this.logger);
    this.settings.onReloaded((previous, next) => this.followReload(previous, next));
  }

  /** The config file was edited by hand and read again: accounts added, changed or removed there are followed. */
  private followReload(previous: AppConfig, next: AppConfig): void {
    const before = new Map(previous.accounts.map((account) => [account.id, JSON.stringify(account)]));
    const after = new Set(next.accounts.map((account) => account.id));
    for (const id of before.keys()) {
      if (after.has(id)) continue;
      this.stopRunner(id);
      this.emit({ channel: 'state:account-removed', payload: { id } });
      this.logger.info(`account ${id}: removed from the config file by hand`);
    }
    for (const account of next.accounts) {
      const was = before.get(account.id);
      if (was === JSON.stringify(account) && this.runners.has(account.id)) continue;
      this.stopRunner(account.id);
      if (this.started) this.startRunner(account);
      else this.createRunner(account);
      this.logger.info(`account ${account.id}: ${was === undefined ? 'added' : 'changed'} in the config file by hand`);
    }
  }

  /** The accounts as configured now. */
  private get config(): AppConfig {
    return this.settings.current();
  }

  /** Loads the config and starts polling every account. */
  async start(): Promise<void> {
    await this.settings.load();
    this.started = true;
    for (const account of this.config.accounts) this.startRunner(account);
  }

  /** Loads the config without scheduling: for one-shot polls (CLI). */
  async load(): Promise<void> {
    await this.settings.load();
    for (const account of this.config.accounts) this.createRunner(account);
  }

  stop(): void {
    this.started = false;
    for (const runner of this.runners.values()) runner.stop();
  }

  /** Polls every account (or only those named) once, concurrently, and resolves when all are done. */
  async pollAll(accountIds?: readonly string[]): Promise<void> {
    const runners = [...this.runners.entries()].filter(([id]) => accountIds === undefined || accountIds.includes(id));
    await Promise.all(runners.map(([, runner]) => runner.pollNow()));
  }

  summaries(): AccountSummary[] {
    return this.config.accounts.flatMap((account) => {
      const runner = this.runners.get(account.id);
      return runner ? [runner.summary()] : [];
    });
  }

  workersOf(accountId: string) {
    return this.runners.get(accountId)?.workers() ?? [];
  }

  isPaused(): boolean {
    return this.paused;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    for (const runner of this.runners.values()) {
      if (paused) runner.stop();
      else if (this.started) runner.start(0);
    }
    this.emit({ channel: 'state:paused', payload: { paused } });
    this.logger.info(paused ? 'polling paused' : 'polling resumed');
  }

  /** Listens to every poll attempt's outcome (the alert engine's input); returns the function that stops. */
  onPolled(observer: (observation: PollObservation) => unknown): () => void {
    return this.polls.subscribe(observer);
  }

  /** Account ids as configured now. */
  accountIds(): string[] {
    return this.config.accounts.map((account) => account.id);
  }

  subscribe(listener: (event: UiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /** The engine's part of the request table (main/core assembles the whole table). */
  readonly requests: EngineRequests = {
    'state:get': () => ({ paused: this.paused, accounts: this.summaries() }),
    'workers:get': ({ accountId }) => {
      this.requireAccount(accountId);
      return { accountId, workers: this.workersOf(accountId) };
    },
    'engine:set-paused': ({ paused }) => {
      this.setPaused(paused);
      return { paused: this.paused };
    },
    'engine:poll-now': ({ accountId }) => {
      const targets = accountId ? [this.requireRunner(accountId)] : [...this.runners.values()];
      for (const runner of targets) void runner.pollNow();
      return { started: targets.length };
    },
  };

  /** Answers one of the engine's channels through its table (what tests and the CLI call). */
  handle<C extends EngineChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return callHandler(this.requests, channel, request);
  }

  private emit(event: UiEvent): void {
    this.events.emit(event);
  }

  /** What the account editor shares with the engine: the settings, secrets and limits the runners use. */
  get context(): AccountContext {
    return {
      settings: this.settings,
      secrets: this.options.secrets,
      env: this.env,
      clock: this.clock,
      logger: this.logger,
      events: this.events,
      ...(this.options.httpLimits ? { httpLimits: this.options.httpLimits } : {}),
    };
  }

  /**
   * An account was saved: its runner starts again from the new config and polls at once (no start spread), so a
   * fixed key is tried now instead of after the backoff its broken predecessor had built up.
   */
  follow(account: AccountConfig): void {
    this.stopRunner(account.id);
    const runner = this.createRunner(account);
    if (this.paused) this.emit({ channel: 'state:account', payload: runner.summary() });
    else runner.startNow();
  }

  /** Accounts without an interval of their own follow the user's default poll interval. */
  setDefaultPollInterval(seconds: number): void {
    for (const account of this.config.accounts) {
      if (account.pollIntervalSec === undefined) this.runners.get(account.id)?.setPollInterval(seconds);
    }
  }

  /** An account is being removed: its runner stops. */
  unfollow(id: string): void {
    this.stopRunner(id);
  }

  /** The account as configured now; not_found when there is none. */
  requireAccount(id: string): AccountConfig {
    const account = this.config.accounts.find((candidate) => candidate.id === id);
    if (!account) throw new ContractError('not_found', `There is no account "${id}".`);
    return account;
  }

  /** Runs `use` with the account's adapter, address, credentials and HTTP client (pool actions); not_found when there is no such account. */
  withAccountPool<T>(id: string, use: (adapter: PoolAdapter, context: ActionContext) => Promise<T>): Promise<T> {
    return this.requireRunner(id).withPool(use);
  }

  private requireRunner(id: string): AccountRunner {
    this.requireAccount(id);
    const runner = this.runners.get(id);
    if (!runner) throw new ContractError('not_found', `Account "${id}" is not running.`);
    return runner;
  }

  private createRunner(account: AccountConfig): AccountRunner {
    const adapter = createAdapter(account.pool);
    const runner = new AccountRunner(toRunnable(account, defaultPollIntervalSec(this.config)), {
      clock: this.clock,
      adapter,
      http: createPoolHttpClient(adapter, this.options.httpLimits, () => this.clock.now()),
      resolveCredentials: (runnable: RunnableAccount) =>
        resolveCredentials(runnable.id, runnable.credentials, this.options.secrets, this.env),
      onSummary: (summary) => this.emit({ channel: 'state:account', payload: summary }),
      onWorkersDelta: (delta) => this.emit({ channel: 'state:workers-delta', payload: delta }),
      onPolled: (observation) => this.polls.emitInTurns(observation),
      logger: this.logger,
      notHashingAfterMin: () => notHashingAfterMin(this.config),
      ...(this.options.random ? { random: this.options.random } : {}),
    });
    this.runners.set(account.id, runner);
    return runner;
  }

  private startRunner(account: AccountConfig): void {
    const runner = this.createRunner(account);
    if (this.paused) {
      this.emit({ channel: 'state:account', payload: runner.summary() });
      return;
    }
    const spread = this.options.startSpreadMs ?? 0;
    runner.start(Math.round((this.options.random ?? Math.random)() * spread));
  }

  private stopRunner(id: string): void {
    this.runners.get(id)?.stop();
    this.runners.delete(id);
  }
}
