import { dirname, join, resolve } from 'node:path';
import { formatHashrate } from '../../shared/units';
import { Engine } from '../engine/engine';
import { createStderrLogger, silentLogger } from '../engine/logger';
import { buildSnapshotJson } from '../engine/snapshot-json';
import { createKeytarStore } from '../secrets/keytar-store';
import { ConfigError, readConfigFile } from '../store/config-file';
import { fileConfigRepository } from '../store/config-repository';
import { startHeadlessServer } from '../server/headless-server';
import { DataFolderLockedError, lockDataFolder, type DataFolderLock } from '../server/data-folder-lock';
import { buildAlertsJson } from '../alerts/alerts-json';
import { createPoolWatch, HISTORY_FILE_NAME } from '../engine/create-pool-watch';
import { HistoryMissingError } from '../store/history-db';
import { readHistoryStores, type HistoryStores } from '../store/history-stores';
import { ContractError, type AlertHistoryQuery, type ExportRequest } from '../../shared/contract';
import { systemClock } from '../engine/clock';
import { HistoryService } from '../history/history-service';
import { memorySampleStore } from '../store/sample-store';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The accounts of the config (or the one named) polled once; a bad config fails with exit 1 before anything is polled. */
async function pollOnce(config: string, accountId?: string): Promise<Engine> {
  await readConfiguredAccount(config, accountId);
  const engine = new Engine({ config: fileConfigRepository(config), secrets: createKeytarStore(), logger: silentLogger });
  await engine.load();
  await engine.pollAll(accountId === undefined ? undefined : [accountId]);
  return engine;
}

/** Reads the config, and refuses an --account it does not list (a typo would otherwise export nothing, quietly). */
async function readConfiguredAccount(config: string, accountId: string | undefined): Promise<void> {
  const { accounts } = await readConfigFile(config, { missingIsEmpty: false });
  if (accountId !== undefined && !accounts.some((account) => account.id === accountId)) {
    const known = accounts.map((account) => account.id).join(', ') || 'none';
    throw new ConfigError(`There is no account "${accountId}" in ${config} (its accounts: ${known}).`);
  }
}

/** `poolwatch poll`: one poll of every account, printed as the snapshot document or a short table. */
export async function pollCommand(options: { config: string; json: boolean; workers: boolean }, io: CliIo): Promise<number> {
  // Read once up front so a bad config fails with exit 1 before anything is polled.
  const engine = await pollOnce(options.config);
  const snapshot = buildSnapshotJson(Date.now(), engine.summaries(), options.workers ? (id) => engine.workersOf(id) : undefined);
  if (options.json) {
    io.out(JSON.stringify(snapshot, null, 2));
    return 0;
  }
  for (const account of snapshot.accounts) {
    const { online, total } = account.workers;
    io.out(
      `${account.label} (${account.pool}): ${account.status}${account.stale ? ' (stale)' : ''} · ${formatHashrate(account.hashrate.h10m ?? account.hashrate.h1h)} · ${online}/${total} workers online`,
    );
    if (account.message) io.out(`  ${account.message}`);
  }
  return 0;
}

/** Where history lives for a config file: beside it, unless --data says otherwise. */
export function dataDirFor(config: string, data: string | undefined): string {
  return resolve(data ?? dirname(resolve(config)));
}

/** `poolwatch serve`: the engine, alerts and the web UI on loopback, until interrupted. */
export async function serveCommand(
  options: { config: string; data: string | undefined; port: number; staticDir: string },
  io: CliIo,
): Promise<{ close(): Promise<void> }> {
  const logger = createStderrLogger();
  await readConfigFile(options.config, { missingIsEmpty: true });
  const dataDir = dataDirFor(options.config, options.data);
  const lock = lockServeFolder(dataDir, io);
  try {
    const { poolWatch, historyProblem } = createPoolWatch({
      config: fileConfigRepository(resolve(options.config)),
      dataDir,
      secrets: createKeytarStore(),
      logger,
      startSpreadMs: 2_000,
    });
    await poolWatch.start();
    const server = await startHeadlessServer({ engine: poolWatch, staticDir: options.staticDir, port: options.port, logger });
    io.out(`PoolWatch is running headless with config ${resolve(options.config)}`);
    if (historyProblem) io.out(`Warning: ${historyProblem}`);
    io.out(`Open ${server.url}`);
    io.out(`API token: ${server.token}`);
    return {
      close: async () => {
        poolWatch.stop();
        await server.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** One serve per data folder (two would poll and notify twice); a folder that cannot hold the lock only warns. */
function lockServeFolder(dataDir: string, io: CliIo): DataFolderLock | null {
  try {
    return lockDataFolder(dataDir);
  } catch (error) {
    if (error instanceof DataFolderLockedError) throw new ConfigError(error.message);
    io.err(`Warning: could not lock the data folder ${dataDir} (${(error as Error).message}); a second serve on it would not be refused.`);
    return null;
  }
}

/** Runs `use` on the history kept beside the config (or in --data), read only; exits 1 with the reason when there is none. */
async function withSavedHistory(
  options: { config: string; data: string | undefined; accountId?: string | undefined },
  io: CliIo,
  use: (history: HistoryStores) => number,
): Promise<number> {
  await readConfiguredAccount(options.config, options.accountId);
  let history: HistoryStores;
  try {
    history = readHistoryStores(join(dataDirFor(options.config, options.data), HISTORY_FILE_NAME));
  } catch (error) {
    if (!(error instanceof HistoryMissingError)) throw error;
    io.err(`poolwatch: ${error.message}`);
    return 1;
  }
  try {
    return use(history);
  } finally {
    history.close();
  }
}

/** `poolwatch alerts`: the alert history kept beside the config (or in --data), as JSON or lines. */
export async function alertsCommand(
  options: { config: string; data: string | undefined; json: boolean; query: AlertHistoryQuery },
  io: CliIo,
): Promise<number> {
  return withSavedHistory(options, io, (history) => {
    const document = buildAlertsJson(history.alerts.query(options.query));
    if (options.json) {
      io.out(JSON.stringify(document, null, 2));
      return 0;
    }
    for (const alert of document.alerts) {
      const where = [alert.scope.account, alert.scope.group, alert.scope.worker].filter(Boolean).join(' / ');
      const change = alert.kind === 'event' ? 'event' : `${alert.from} -> ${alert.to}`;
      io.out(`${alert.at}  ${alert.rule}  ${where}  ${change}  ${alert.message}`);
    }
    return 0;
  });
}

/**
 * `poolwatch export KIND`: CSV on stdout. Workers are the current list (one poll); hashrate, payouts and earnings
 * come from the history kept beside the config (or in --data) by `poolwatch serve` or the desktop app.
 */
export async function exportCommand(options: { config: string; data: string | undefined; request: ExportRequest }, io: CliIo): Promise<number> {
  const { request } = options;
  if (request.kind === 'workers') {
    const engine = await pollOnce(options.config, request.accountId);
    const service = new HistoryService({ store: memorySampleStore(), clock: systemClock, logger: silentLogger, summaries: () => engine.summaries(), workersOf: (id) => engine.workersOf(id) });
    const failed = engine.summaries().filter((account) => (request.accountId === undefined || account.id === request.accountId) && !POLLED_STATUSES.has(account.status));
    for (const account of failed) io.err(`poolwatch: account ${account.id} could not be read (${account.status}): ${account.message ?? 'no message'}`);
    const printed = printCsv(() => service.exportCsv(request).csv, io);
    return failed.length > 0 ? 1 : printed;
  }
  return withSavedHistory({ ...options, accountId: request.accountId }, io, (history) => {
    const service = new HistoryService({ store: history.samples, clock: systemClock, logger: silentLogger, summaries: () => [], workersOf: () => [] });
    return printCsv(() => service.exportCsv(request).csv, io);
  });
}

/** Statuses whose workers are current: anything else leaves the account out of a workers export, with exit 1. */
const POLLED_STATUSES: ReadonlySet<string> = new Set(['ok', 'permission_limited']);

function printCsv(build: () => string, io: CliIo): number {
  try {
    // io.out adds the final "\n" itself, so every line still ends in CRLF.
    io.out(build().replace(/\n$/, ''));
    return 0;
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    io.err(`poolwatch: export: ${error.message}`);
    return 1;
  }
}
