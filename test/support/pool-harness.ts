// One account of each pool, polled by the real Engine over loopback HTTP against its simulator, on one fake clock:
// the common ground of the fault suite and the secret-echo tests.
import type { AccountSummary, Worker } from '../../shared/model';
import { Engine } from '../../main/engine/engine';
import type { AccountConfig } from '../../main/store/config-schema';
import type { FaultController } from '../sim/common/faults';
import { startSbiSim } from '../sim/sbi';
import { startSpiderSim } from '../sim/spider';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';
import { captureLogger } from './capture-logger';
import { FakeClock } from './fake-clock';
import { memoryConfig } from './memory-config';
import { memorySecrets } from './memory-secrets';

export type PoolId = 'sbi' | 'spider' | 'webminepool' | 'stratumsphere';
export const POOL_IDS: readonly PoolId[] = ['sbi', 'spider', 'webminepool', 'stratumsphere'];

export const FAST_HTTP = { timeoutMs: 1_000, maxRetries: 1, maxRetryWaitMs: 50 };
export const HARNESS_START_MS = Date.UTC(2026, 5, 1, 12);
/** Ten minutes, so hours of fake time are a few polls. */
export const POLL_INTERVAL_SEC = 600;

/** What every simulator offers the tests. */
interface AnySim {
  url: string;
  faults: FaultController;
  requestLog: readonly unknown[];
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export interface PoolHarness {
  pool: PoolId;
  accountId: string;
  clock: FakeClock;
  engine: Engine;
  logger: { lines: string[] };
  sim: AnySim;
  /** Every credential of the account, as the user entered them. */
  secrets: string[];
  summary(): AccountSummary;
  workers(): Worker[];
  /** Polls once and returns the account as it is afterwards. */
  poll(): Promise<AccountSummary>;
  /** Moves the engine's and the pool's time forward together. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface Started {
  sim: AnySim;
  credentials: Record<string, string>;
  extra?: Partial<AccountConfig>;
}

/** Starts a pool's simulator on `now`, with the credentials of its fully privileged key (SBI: 450 workers, 3 pages; Spider: pages of 10). */
export async function startPoolSim(pool: PoolId, now: () => number, seed: number): Promise<Started> {
  switch (pool) {
    case 'sbi': {
      const sim = await startSbiSim({ now, seed, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 450, deadShare: 0.1, offlineShare: 0.1 }] });
      return { sim, credentials: { apiKey: sim.fullKey.apiKey, apiSecret: sim.fullKey.apiSecret } };
    }
    case 'spider': {
      // pages of 10 workers, so the larger subaccounts take several pages
      const sim = await startSpiderSim({ now, seed, maxWorkerPageSize: 10 });
      return { sim, credentials: { accessKey: sim.fullKey.accessKey, privateKey: sim.fullKey.privateKey } };
    }
    case 'webminepool': {
      const sim = await startWebMinePoolSim({ now, seed });
      return { sim, credentials: { secretKey: sim.secretKey } };
    }
    case 'stratumsphere': {
      const sim = await startStratumsphereSim({ now, seed });
      return { sim, credentials: { apiKey: sim.apiKey } };
    }
  }
}

export async function startPoolHarness(pool: PoolId, options: { seed?: number; startMs?: number } = {}): Promise<PoolHarness> {
  const clock = new FakeClock(options.startMs ?? HARNESS_START_MS);
  const started = await startPoolSim(pool, () => clock.now(), options.seed ?? 7);
  const accountId = `${pool}-acct`;
  const account: AccountConfig = {
    id: accountId,
    pool,
    label: `${pool} account`,
    pollIntervalSec: POLL_INTERVAL_SEC,
    baseUrl: started.sim.url,
    credentials: Object.fromEntries(Object.keys(started.credentials).map((field) => [field, { keychain: true as const }])),
    ...started.extra,
  };
  const secrets = memorySecrets(Object.fromEntries(Object.entries(started.credentials).map(([field, value]) => [`${accountId}/${field}`, value])));
  const logger = captureLogger();
  const engine = new Engine({ config: memoryConfig({ accounts: [account] }), secrets, logger, httpLimits: FAST_HTTP, clock });
  // started, so polls are scheduled on the fake clock as in the app; poll() polls at once
  await engine.start();
  const summary = (): AccountSummary => engine.summaries().find((entry) => entry.id === accountId)!;
  return {
    pool,
    accountId,
    clock,
    engine,
    logger,
    sim: started.sim,
    secrets: Object.values(started.credentials),
    summary,
    workers: () => engine.workersOf(accountId),
    async poll() {
      await engine.pollAll();
      return summary();
    },
    async advance(ms) {
      // Timer by timer, letting each poll finish over real loopback I/O before time moves on: otherwise a jump of
      // hours would fire the poll's 5-minute deadline while its requests are still under way.
      const target = clock.now() + ms;
      for (;;) {
        const next = clock.pendingTimers()[0];
        if (next === undefined || clock.now() + next > target) break;
        await clock.advance(next);
        await engine.pollAll();
      }
      await clock.advance(target - clock.now());
    },
    async close() {
      engine.stop();
      await started.sim.close();
    },
  };
}

/**
 * Every piece of `length` characters of each secret (and of its URL-encoded form) found in `text`.
 * `coincidental` is text the pool served with no secret in it (a clean poll's data): a UUID key shares
 * pieces like "-4d19-" with the pool's own UUIDs by chance, and a piece found there proves no leak.
 */
export function secretFragmentsIn(text: string, secrets: readonly string[], length = 6, coincidental = ''): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      for (let start = 0; start + length <= form.length; start += 1) {
        const piece = form.slice(start, start + length);
        if (text.includes(piece) && !coincidental.includes(piece)) found.add(piece);
      }
    }
  }
  return [...found];
}
