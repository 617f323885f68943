import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AlertService, type NotificationSink } from '../alerts/alert-service';
import { ChannelService } from '../alerts/channels/channel-service';
import type { Environment } from '../secrets/credential-resolver';
import type { SecretStore } from '../secrets/secret-store';
import type { SecretStoreInfo } from '../../shared/contract';
import { noHistoryStores, openHistoryStores, openMemoryHistoryStores, type HistoryStores } from '../store/history-stores';
import { HistoryService } from '../history/history-service';
import type { ConfigRepository } from '../store/config-repository';
import { HistoryUnavailableError, SqliteMissingError, type OpenHistoryOptions, type SqliteLoader } from '../store/history-db';
import { SettingsStore } from '../store/settings-store';
import { systemClock, type Clock } from '../base/clock';
import { Engine } from '../engine/engine';
import { AccountEditor } from '../engine/account-editor';
import { createUiEventBus } from '../base/ui-events';
import { HostConnectivity } from '../engine/host-connectivity';
import { osHasNetwork } from '../engine/route-table';
import { Heartbeat } from '../engine/heartbeat';
import { DigestScheduler } from './digest/digest-scheduler';
import { buildDigest } from './digest/digest-content';
import { monitorDigestSources } from './digest/digest-sources';
import type { Logger } from '../base/logger';
import { PoolWatch } from './pool-watch';
import { AppSettingsService } from './app-settings-service';
import type { HttpLimits } from '../pools/http-client';
import { ReplyListeners, type ReplyListenersDeps } from '../alerts/channels/replies/reply-listeners';
import type { AbortableSleep } from '../alerts/channels/replies/listen-loop';
import { resolveChannelValues } from '../alerts/channels/channel-config';
import { secretFieldValues } from '../alerts/channels/channel-service';
import { DEFAULT_TELEGRAM_API_BASE } from '../alerts/channels/destination';

export const HISTORY_FILE_NAME = 'history.sqlite';

export interface PoolWatchOptions {
  config: ConfigRepository;
  /** Folder of the history database; null keeps history in memory only. */
  dataDir: string | null;
  /** SQLite built for Electron, where the app runs from source (see build/electron-sqlite.mjs). */
  sqliteBinding?: string;
  /** How SQLite is loaded; tests simulate a missing build here. */
  loadSqlite?: SqliteLoader;
  secrets: SecretStore;
  /** Where `secrets` keeps what the UI saves, for the forms to say before saving. */
  secretStoreInfo?: SecretStoreInfo;
  logger: Logger;
  clock?: Clock;
  env?: Environment;
  startSpreadMs?: number;
  httpLimits?: Partial<HttpLimits>;
  /** Extra notification deliveries (the desktop's native notifications). */
  sinks?: NotificationSink[];
  /**
   * The OS's word on the network (Electron's net.isOnline); default: the route table (osHasNetwork). It only
   * counts when every account fails at the network level too (HostConnectivity).
   */
  hostOnline?: () => boolean | null;
  channelOptions?: { sleep?: (ms: number) => Promise<void>; telegramApiBase?: string };
  /** True in the desktop app: the Settings screen offers start at login and close to tray. */
  desktop?: boolean;
  /** The listeners of button presses and bot commands (tests shorten their waits). */
  replyOptions?: Pick<ReplyListenersDeps, 'loop' | 'telegramPollSeconds'> & { sleep?: AbortableSleep };
}

type OpenedHistory = HistoryStores & {
  /** Why history is not on disk (in memory, or none at all), or null when it is (or was asked to be in memory). */
  problem: string | null;
};

/**
 * Opens the history database once for alerts and samples. When the file cannot be opened the same database runs in
 * memory; when SQLite itself cannot be loaded there is no history. Either way the reason is logged and returned:
 * monitoring never depends on history.
 */
export function openHistory(dataDir: string | null, logger: Logger, options: OpenHistoryOptions = {}): OpenedHistory {
  let problem: string | null = null;
  if (dataDir !== null) {
    const file = join(dataDir, HISTORY_FILE_NAME);
    try {
      mkdirSync(dataDir, { recursive: true });
      return { ...openHistoryStores(file, options), problem: null };
    } catch (error) {
      problem = (error instanceof HistoryUnavailableError ? error : new HistoryUnavailableError(file, (error as Error).message)).message;
      logger.error(problem);
      if (error instanceof SqliteMissingError) return { ...noHistoryStores(), problem };
    }
  }
  try {
    return { ...openMemoryHistoryStores(options), problem };
  } catch (error) {
    const message = (error as Error).message;
    logger.error(message);
    return { ...noHistoryStores(), problem: message };
  }
}

/** Builds the whole monitor (engine, alerts, channels) the same way for the desktop app and `poolwatch serve`. */
export function createPoolWatch(options: PoolWatchOptions): {
  poolWatch: PoolWatch;
  historyProblem: string | null;
  heartbeat: Heartbeat;
  digests: DigestScheduler;
  replies: ReplyListeners;
} {
  const clock = options.clock ?? systemClock;
  const settings = new SettingsStore(options.config, options.logger);
  const history = openHistory(options.dataDir, options.logger, {
    ...(options.sqliteBinding ? { nativeBinding: options.sqliteBinding } : {}),
    ...(options.loadSqlite ? { loadSqlite: options.loadSqlite } : {}),
  });
  // One bus for every UI event (engine, alerts, history): one place where a failing listener is caught and logged.
  const events = createUiEventBus(options.logger);
  const engine = new Engine({
    config: settings,
    events,
    secrets: options.secrets,
    logger: options.logger,
    clock,
    ...(options.env ? { env: options.env } : {}),
    ...(options.startSpreadMs !== undefined ? { startSpreadMs: options.startSpreadMs } : {}),
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
  });
  const channels = new ChannelService({
    settings,
    secrets: options.secrets,
    logger: options.logger,
    clock,
    ...(options.env ? { env: options.env } : {}),
    ...options.channelOptions,
  });
  const connectivity = new HostConnectivity({
    probe: options.hostOnline ?? osHasNetwork,
    accountIds: () => engine.accountIds(),
    clock,
    onBack: () => {
      if (!engine.isPaused()) void engine.pollAll();
    },
  });
  const alerts = new AlertService({
    settings,
    history: history.alerts,
    clock,
    logger: options.logger,
    sinks: [(notification) => channels.dispatch(notification), ...(options.sinks ?? [])],
    hostOnline: () => connectivity.isOnline(),
    events,
  });
  const samples = new HistoryService({
    store: history.samples,
    problem: history.problem,
    clock,
    logger: options.logger,
    summaries: () => engine.summaries(),
    workersOf: (accountId) => engine.workersOf(accountId),
    events,
  });
  const heartbeat = new Heartbeat({
    watchdog: () => settings.current().watchdog,
    accountIds: () => engine.accountIds(),
    clock,
    logger: options.logger,
    ...(options.env ? { env: options.env } : {}),
  });
  // In this order, each in its own turn of the event loop (Engine: EventBus.emitInTurns).
  engine.onPolled((observation) => connectivity.record(observation)); // first: the alert engine asks it about this very poll
  engine.onPolled((observation) => samples.record(observation));
  engine.onPolled((observation) => alerts.observe(observation));
  engine.onPolled((observation) => heartbeat.record(observation));
  const replies = new ReplyListeners({
    channels: () => settings.current().channels,
    resolve: (channel) => resolveChannelValues(channel, options.secrets, options.env ?? process.env),
    secretValues: (channel, values) => secretFieldValues(channel.kind, values),
    tokens: channels.actionTokens,
    snooze: (target, minutes) => alerts.snooze(target, minutes),
    accounts: () => engine.summaries(),
    fetchImpl: fetch,
    clock,
    logger: options.logger,
    telegramApiBase: options.channelOptions?.telegramApiBase ?? DEFAULT_TELEGRAM_API_BASE,
    sleep: options.replyOptions?.sleep ?? clockSleep(clock),
    ...(options.replyOptions?.loop ? { loop: options.replyOptions.loop } : {}),
    ...(options.replyOptions?.telegramPollSeconds !== undefined ? { telegramPollSeconds: options.replyOptions.telegramPollSeconds } : {}),
  });
  channels.onChange(() => void replies.refresh());
  settings.onReloaded(() => void replies.refresh());
  const digestSources = monitorDigestSources(engine, samples, alerts);
  const digests = new DigestScheduler({
    channels: () => settings.current().channels,
    clock,
    logger: options.logger,
    build: (request) => buildDigest(request, digestSources),
    send: (channelId, notification) => channels.deliverTo(channelId, notification),
  });
  const shutdown = (): void => {
    void replies.stop();
    digests.stop();
    heartbeat.stop();
    connectivity.stop();
    history.close();
  };
  const appSettings = new AppSettingsService({ settings, engine, desktop: options.desktop ?? false, logger: options.logger });
  // Every open window and tab shows the settings as they are now, not as they were when it connected.
  appSettings.onChanged(() => events.emit({ channel: 'settings:changed', payload: appSettings.view() }));
  return {
    poolWatch: new PoolWatch(engine, new AccountEditor(engine), alerts, channels, samples, events, appSettings, shutdown, [digests, replies], options.secretStoreInfo),
    historyProblem: history.problem,
    heartbeat,
    digests,
    replies,
  };
}

/** An abortable wait on the clock's timers. */
function clockSleep(clock: Clock): AbortableSleep {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const handle = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clock.clearTimeout(handle);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
}
