import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ATTRIBUTE_SORT_PREFIX, POOLS } from '../../shared/model';
import type { PollObservation } from '../base/poll-observation';
import { formatHashrate } from '../../shared/units';
import { Engine } from '../engine/engine';
import { createStderrLogger, silentLogger } from '../base/logger';
import { buildSnapshotJson } from '../engine/snapshot-json';
import { chooseSecretStore, type ChooseSecretStoreOptions, type SecretStoreKind } from '../secrets/choose-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { ConfigError, readConfigFile } from '../store/config-file';
import { fileConfigRepository } from '../store/config-repository';
import { startHeadlessServer } from '../server/headless-server';
import { loadOrCreateTokenFile } from '../server/token-file';
import { DataFolderLockedError, lockDataFolder, type DataFolderLock } from '../server/data-folder-lock';
import { buildAlertsJson } from '../alerts/alerts-json';
import { createPoolWatch, HISTORY_FILE_NAME } from '../core/create-pool-watch';
import { cliSqliteAdvice, HistoryMissingError, SqliteMissingError } from '../store/history-db';
import { noHistoryStores, openMemoryHistoryStores, readHistoryStores, type HistoryStores } from '../store/history-stores';
import { ContractError, type AlertHistoryQuery, type ExportRequest } from '../../shared/contract';
import { systemClock } from '../base/clock';
import { HistoryService } from '../history/history-service';
import type { SampleStore } from '../store/sample-store';
import { EXIT } from './exit-codes';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The accounts of the config (or the one named) polled once; a bad config fails with exit 1 before anything is polled. */
async function pollOnce(config: string, accountId?: string, onPolled?: (observation: PollObservation) => void, secrets?: SecretsOptions): Promise<Engine> {
  await readConfiguredAccount(config, accountId);
  const store = await readOnlySecretStore(config, secrets);
  const engine = new Engine({ config: fileConfigRepository(config), secrets: store, logger: silentLogger });
  if (onPolled) engine.onPolled(onPolled);
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
export async function pollCommand(options: { config: string; json: boolean; workers: boolean } & SecretsOptions, io: CliIo): Promise<number> {
  // Read once up front so a bad config fails with exit 1 before anything is polled.
  const engine = await pollOnce(options.config, undefined, undefined, options);
  const snapshot = buildSnapshotJson(Date.now(), engine.summaries(), options.workers ? (id) => engine.workersOf(id) : undefined);
  // Every account is printed either way; the exit code tells a script that one of them could not be read.
  // The table already shows each account's problem; beside JSON, stderr names them.
  const failed = options.json ? reportUnread(engine, undefined, io) : accountsRead(engine, undefined, false).length;
  const code = failed > 0 ? EXIT.accountFailed : EXIT.done;
  if (options.json) {
    io.out(JSON.stringify(snapshot, null, 2));
    return code;
  }
  for (const account of snapshot.accounts) {
    const { online, total } = account.workers;
    io.out(
      `${account.label} (${account.pool}): ${account.status}${account.stale ? ' (stale)' : ''} · ${formatHashrate(account.hashrate.h10m ?? account.hashrate.h1h)} · ${online}/${total} workers online`,
    );
    if (account.message) io.out(`  ${account.message}`);
  }
  return code;
}

/** The secret-store options of a command: --data, --secret-store, --secrets-key-file. */
export interface SecretsOptions {
  data?: string | undefined;
  secretStore?: SecretStoreKind | undefined;
  secretsKeyFile?: string | undefined;
}

function secretsOptionsFor(config: string, options: SecretsOptions = {}): ChooseSecretStoreOptions {
  return { dataDir: dataDirFor(config, options.data), keyFile: options.secretsKeyFile, force: options.secretStore, env: process.env };
}

/** The secrets file `serve` keeps beside the config (or in --data) where there is one, else the keychain; never creates one. */
export async function readOnlySecretStore(config: string, options: SecretsOptions = {}): Promise<SecretStore> {
  return (await chooseSecretStore({ ...secretsOptionsFor(config, options), mayCreate: false })).store;
}

/** Where history lives for a config file: beside it, unless --data says otherwise. */
export function dataDirFor(config: string, data: string | undefined): string {
  return resolve(data ?? dirname(resolve(config)));
}

export interface ServeOptions {
  config: string;
  data: string | undefined;
  port: number;
  staticDir: string;
  /** Listen address; loopback unless asked. */
  host?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  metricsWorkers?: boolean;
  /** Keeps one API token across restarts (created 0600 if missing). */
  tokenFile?: string | undefined;
}

/** The PEM files of --tls-cert and --tls-key, read now so a wrong path fails before anything starts. */
function readTls(options: ServeOptions): { cert: Buffer; key: Buffer } | undefined {
  if (options.tlsCert === undefined && options.tlsKey === undefined) return undefined;
  if (options.tlsCert === undefined || options.tlsKey === undefined) throw new ConfigError('--tls-cert and --tls-key go together: give both files (PEM).');
  const read = (option: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError(`${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  };
  return { cert: read('--tls-cert', options.tlsCert), key: read('--tls-key', options.tlsKey) };
}

/** `poolwatch serve`: the engine, alerts and the web UI (on loopback unless --host), until interrupted. */
export async function serveCommand(options: ServeOptions & SecretsOptions, io: CliIo): Promise<{ close(): Promise<void> }> {
  const logger = createStderrLogger();
  await readConfigFile(options.config, { missingIsEmpty: true });
  const tls = readTls(options);
  // Before the lock and the pools: a token file other users can read stops serve at once, like ssh with a key.
  const token = options.tokenFile === undefined ? undefined : loadOrCreateTokenFile(resolve(options.tokenFile));
  const dataDir = dataDirFor(options.config, options.data);
  const lock = lockServeFolder(dataDir, io);
  try {
    // Decided once, here: the keychain where a Secret Service answers, else the encrypted secrets file.
    const secrets = await chooseSecretStore(secretsOptionsFor(options.config, options));
    const { poolWatch, historyProblem } = createPoolWatch({
      config: fileConfigRepository(resolve(options.config)),
      dataDir,
      secrets: secrets.store,
      secretStoreInfo: secrets.info,
      logger,
      startSpreadMs: 2_000,
    });
    await poolWatch.start();
    const server = await startHeadlessServer({
      monitor: poolWatch,
      staticDir: options.staticDir,
      port: options.port,
      logger,
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(tls ? { tls } : {}),
      metricsWorkers: options.metricsWorkers ?? false,
      ...(token === undefined ? {} : { token }),
    });
    io.out(`PoolWatch is running headless with config ${resolve(options.config)}`);
    io.out(secrets.summary);
    if (historyProblem) io.out(`Warning: ${historyProblem}`);
    if (server.exposed) io.out(exposedWarning(options.host ?? '', server.port, tls !== undefined));
    io.out(`API token: ${server.token}${options.tokenFile === undefined ? ' (new at every start; --token-file FILE keeps one)' : ` (kept in ${resolve(options.tokenFile)})`}`);
    // Last: whoever waits for the address to open (a person, a script, a test) has every line before it.
    io.out(`Open ${server.url}`);
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

/** What listening beyond loopback means, said at every start. */
function exposedWarning(host: string, port: number, tls: boolean): string {
  const transport = tls
    ? 'Traffic is encrypted with the certificate given.'
    : 'Without --tls-cert/--tls-key the token and your data cross the network unencrypted: use HTTPS, or a trusted network only.';
  return `Warning: listening on ${host} port ${port}, beyond this machine: anyone who reaches it can try to get in. Every request, the web UI's files included, needs the token. ${transport}`;
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

/**
 * Runs `use` on the history kept beside the config (or in --data), read only. When the folder holds no history
 * file, `whenAbsent` answers if given; otherwise (and when the file cannot be read) exits 1 with the reason.
 */
async function withSavedHistory(
  options: { config: string; data: string | undefined; accountId?: string | undefined },
  io: CliIo,
  use: (history: HistoryStores) => number,
  whenAbsent?: (file: string, reason: string) => Promise<number>,
): Promise<number> {
  await readConfiguredAccount(options.config, options.accountId);
  const file = join(dataDirFor(options.config, options.data), HISTORY_FILE_NAME);
  let history: HistoryStores;
  try {
    history = readHistoryStores(file);
  } catch (error) {
    if (!(error instanceof HistoryMissingError)) throw error;
    // Refused still: a file that cannot be read (the pool's figures would quietly stand in for the user's history)
    // and a --data folder that does not exist (a typo).
    if (whenAbsent && !existsSync(file) && existsSync(dirname(file))) return whenAbsent(file, error.message);
    io.err(`poolwatch: ${error.message}`);
    return EXIT.badInput;
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
      return EXIT.done;
    }
    for (const alert of document.alerts) {
      const where = [alert.scope.account, alert.scope.group, alert.scope.worker].filter(Boolean).join(' / ');
      const change = alert.kind === 'event' ? 'event' : `${alert.from} -> ${alert.to}`;
      io.out(`${alert.at}  ${alert.rule}  ${where}  ${change}  ${alert.message}`);
    }
    return EXIT.done;
  });
}

/**
 * `poolwatch export KIND`: CSV on stdout. Workers are the current list (one poll); hashrate, payouts and earnings
 * come from the history kept beside the config (or in --data) by `poolwatch serve` or the desktop app, or, before
 * there is any, from one poll: what the pools report themselves.
 */
export async function exportCommand(options: { config: string; data: string | undefined; request: ExportRequest } & SecretsOptions, io: CliIo): Promise<number> {
  const { request } = options;
  if (request.kind === 'workers') return exportFromPool(options, request, io);
  return withSavedHistory(
    { ...options, accountId: request.accountId },
    io,
    (history) => {
      const service = new HistoryService({ store: history.samples, clock: systemClock, logger: silentLogger, summaries: () => [], workersOf: () => [] });
      return printCsv(() => service.exportCsv(request).csv, io);
    },
    (file, reason) => exportFromPool(options, request, io, { file, reason }),
  );
}

/** One poll, exported: the current workers, or the rest recorded into a history database in memory first. */
async function exportFromPool(source: { config: string } & SecretsOptions, request: ExportRequest, io: CliIo, noHistory?: { file: string; reason: string }): Promise<number> {
  // The current worker list needs no history (nor SQLite).
  let memory: HistoryStores;
  try {
    memory = request.kind === 'workers' ? noHistoryStores() : openMemoryHistoryStores();
  } catch (error) {
    if (!(error instanceof SqliteMissingError)) throw error;
    io.err(`poolwatch: ${request.kind} rows are recorded into SQLite (in memory) before they are printed, and ${cliSqliteAdvice(error)}.`);
    return EXIT.badInput;
  }
  try {
    return await exportPolled(source, request, io, memory.samples, noHistory);
  } finally {
    memory.close();
  }
}

/**
 * One poll, recorded into `store` as if it were history, then exported. Hashrate takes only the pools' own history
 * (one sample now is no time series): with none from any account, the export is refused as before.
 */
async function exportPolled(
  source: { config: string } & SecretsOptions,
  request: ExportRequest,
  io: CliIo,
  store: SampleStore,
  noHistory?: { file: string; reason: string },
): Promise<number> {
  const keepsHistory = new Set<string>();
  const engine = await pollOnce(source.config, request.accountId, (observation) => {
    if (request.kind === 'workers') return;
    const { account, history, atMs } = observation;
    if (request.kind !== 'hashrate') store.recordPoll(observation);
    else if (history && history.length > 0) {
      keepsHistory.add(account.id);
      store.recordBackfill(account.id, account.label, history, [], atMs);
    }
  }, source);
  const failed = reportUnread(engine, request.accountId, io);
  if (noHistory) {
    if (request.kind === 'hashrate' && keepsHistory.size === 0) {
      io.err(`poolwatch: ${noHistory.reason} The pools polled keep no hashrate history PoolWatch can read.`);
      return EXIT.badInput;
    }
    io.err(`poolwatch: there is no history at ${noHistory.file} yet; these ${request.kind} rows come straight from the pool (polled now).`);
    if (request.kind === 'hashrate') {
      const without = accountsRead(engine, request.accountId, true).filter((account) => !keepsHistory.has(account.id));
      for (const account of without) io.err(`poolwatch: account ${account.id} (${POOLS[account.pool].name}) keeps no hashrate history at the pool; it has no rows until \`poolwatch serve\` or the desktop app records some.`);
    }
  }
  const unsortable = missingSortAttribute(engine, request);
  if (unsortable !== null) {
    io.err(`poolwatch: export: ${unsortable}`);
    return EXIT.badInput;
  }
  const service = new HistoryService({ store, clock: systemClock, logger: silentLogger, summaries: () => engine.summaries(), workersOf: (id) => engine.workersOf(id) });
  const printed = printCsv(() => service.exportCsv(request).csv, io);
  return printed === EXIT.done && failed > 0 ? EXIT.accountFailed : printed;
}

/**
 * `--sort attr:LABEL` for an attribute none of the polled workers has would quietly list them by name (a typo, or
 * another pool's attribute): refused, naming the attributes there are. No workers at all: nothing to sort, no complaint.
 */
function missingSortAttribute(engine: Engine, request: ExportRequest): string | null {
  const key = request.sort?.key;
  if (request.kind !== 'workers' || key === undefined || !key.startsWith(ATTRIBUTE_SORT_PREFIX)) return null;
  const label = key.slice(ATTRIBUTE_SORT_PREFIX.length);
  const labels = new Set<string>();
  let workers = 0;
  for (const account of engine.summaries()) {
    if (request.accountId !== undefined && account.id !== request.accountId) continue;
    for (const worker of engine.workersOf(account.id)) {
      workers += 1;
      for (const name of Object.keys(worker.attributes ?? {})) labels.add(name);
    }
  }
  if (workers === 0 || labels.has(label)) return null;
  const there = labels.size === 0 ? 'these workers have none' : `theirs: ${[...labels].map((name) => `${ATTRIBUTE_SORT_PREFIX}${name}`).join(', ')}`;
  return `--sort: no worker has the attribute "${label}" (${there}).`;
}

/** Statuses whose figures are current: anything else means the account could not be read (exit 2). */
const POLLED_STATUSES: ReadonlySet<string> = new Set(['ok', 'permission_limited']);

/** The accounts (all, or the one named) whose poll worked (`read`) or failed. */
function accountsRead(engine: Engine, accountId: string | undefined, read: boolean) {
  return engine.summaries().filter((account) => (accountId === undefined || account.id === accountId) && POLLED_STATUSES.has(account.status) === read);
}

/** Names each account whose poll failed on stderr, with the reason; returns how many. */
function reportUnread(engine: Engine, accountId: string | undefined, io: CliIo): number {
  const failed = accountsRead(engine, accountId, false);
  for (const account of failed) io.err(`poolwatch: account ${account.id} could not be read (${account.status}): ${account.message ?? 'no message'}`);
  return failed.length;
}

function printCsv(build: () => string, io: CliIo): number {
  try {
    // io.out adds the final "\n" itself, so every line still ends in CRLF.
    io.out(build().replace(/\n$/, ''));
    return EXIT.done;
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    io.err(`poolwatch: export: ${error.message}`);
    return EXIT.badInput;
  }
}
