import { resolve } from 'node:path';
import { formatHashrate } from '../../shared/units';
import { Engine } from '../engine/engine';
import { createStderrLogger, silentLogger } from '../engine/logger';
import { buildSnapshotJson } from '../engine/snapshot-json';
import { createKeytarStore } from '../secrets/keytar-store';
import { readConfigFile } from '../store/config-file';
import { fileConfigRepository } from '../store/config-repository';
import { startHeadlessServer } from '../server/headless-server';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** `poolwatch poll`: one poll of every account, printed as the snapshot document or a short table. */
export async function pollCommand(options: { config: string; json: boolean; workers: boolean }, io: CliIo): Promise<number> {
  // Read once up front so a bad config fails with exit 1 before anything is polled.
  await readConfigFile(options.config, { missingIsEmpty: false });
  const engine = new Engine({ config: fileConfigRepository(options.config), secrets: createKeytarStore(), logger: silentLogger });
  await engine.load();
  await engine.pollAll();
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

/** `poolwatch serve`: the engine plus the web UI on loopback, until interrupted. */
export async function serveCommand(
  options: { config: string; port: number; staticDir: string },
  io: CliIo,
): Promise<{ close(): Promise<void> }> {
  const logger = createStderrLogger();
  await readConfigFile(options.config, { missingIsEmpty: true });
  const engine = new Engine({
    config: fileConfigRepository(resolve(options.config)),
    secrets: createKeytarStore(),
    logger,
    startSpreadMs: 2_000,
  });
  await engine.start();
  const server = await startHeadlessServer({ engine, staticDir: options.staticDir, port: options.port, logger });
  io.out(`PoolWatch is running headless with config ${resolve(options.config)}`);
  io.out(`Open ${server.url}`);
  io.out(`API token: ${server.token}`);
  return {
    close: async () => {
      engine.stop();
      await server.close();
    },
  };
}
