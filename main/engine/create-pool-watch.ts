import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AlertService, type NotificationSink } from '../alerts/alert-service';
import { ChannelService } from '../alerts/channels/channel-service';
import type { Environment } from '../secrets/credential-resolver';
import type { SecretStore } from '../secrets/secret-store';
import { memoryAlertHistory, sqliteAlertHistory, type AlertHistoryStore } from '../store/alert-history';
import type { ConfigRepository } from '../store/config-repository';
import { HistoryUnavailableError, openHistoryDb } from '../store/history-db';
import { SettingsStore } from '../store/settings-store';
import { systemClock, type Clock } from './clock';
import { Engine } from './engine';
import type { Logger } from './logger';
import { PoolWatch } from './pool-watch';
import type { HttpLimits } from '../pools/http-client';

export const HISTORY_FILE_NAME = 'history.sqlite';

export interface PoolWatchOptions {
  config: ConfigRepository;
  /** Folder of the history database; null keeps history in memory only. */
  dataDir: string | null;
  secrets: SecretStore;
  logger: Logger;
  clock?: Clock;
  env?: Environment;
  startSpreadMs?: number;
  httpLimits?: Partial<HttpLimits>;
  /** Extra notification deliveries (the desktop's native notifications). */
  sinks?: NotificationSink[];
  hostOnline?: () => boolean;
  channelOptions?: { sleep?: (ms: number) => Promise<void>; telegramApiBase?: string };
}

/** Opens the history database, or falls back to memory with a logged reason: monitoring never depends on it. */
export function openAlertHistory(dataDir: string | null, logger: Logger): { store: AlertHistoryStore; close(): void; problem: string | null } {
  if (dataDir === null) return { store: memoryAlertHistory(), close: () => {}, problem: null };
  const file = join(dataDir, HISTORY_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true });
    const db = openHistoryDb(file);
    return { store: sqliteAlertHistory(db), close: () => db.close(), problem: null };
  } catch (error) {
    const message = error instanceof HistoryUnavailableError ? error.message : `The history database ${file} cannot be opened (${(error as Error).message}).`;
    logger.error(message);
    return { store: memoryAlertHistory(), close: () => {}, problem: message };
  }
}

/** Builds the whole monitor (engine, alerts, channels) the same way for the desktop app and `poolwatch serve`. */
export function createPoolWatch(options: PoolWatchOptions): { poolWatch: PoolWatch; historyProblem: string | null } {
  const clock = options.clock ?? systemClock;
  const settings = new SettingsStore(options.config);
  const history = openAlertHistory(options.dataDir, options.logger);
  const engine = new Engine({
    config: settings,
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
  const alerts = new AlertService({
    settings,
    history: history.store,
    clock,
    logger: options.logger,
    sinks: [(notification) => channels.dispatch(notification), ...(options.sinks ?? [])],
    ...(options.hostOnline ? { hostOnline: options.hostOnline } : {}),
  });
  engine.onPolled((observation) => alerts.observe(observation));
  return { poolWatch: new PoolWatch(engine, alerts, channels, history.close), historyProblem: history.problem };
}
