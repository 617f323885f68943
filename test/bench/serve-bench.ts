import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildSim, type ChildSim } from './child-sim';
import { mb } from './cpu';
import { BUNDLED_CLI, REPO_ROOT } from './paths';
import type { ProbeReport } from './serve-probe';

// `poolwatch serve` as a user runs it, in its own process with the simulator in a third: how fast it answers an
// API client while it polls a big account, what it keeps resident, and what it costs at rest.


interface Serve {
  port: number;
  token: string;
  probe(message: 'reset' | 'report'): Promise<ProbeReport>;
  stop(): Promise<void>;
}

async function startServe(accounts: unknown[], env: Record<string, string>): Promise<Serve> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-serve-bench-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ accounts }));
  const child: ChildProcess = fork(BUNDLED_CLI ?? join(REPO_ROOT, 'main', 'cli', 'main.ts'), ['serve', '--config', join(dir, 'config.json'), '--port', '0'], {
    // POOLWATCH_BENCH_CPU_PROF=<folder> writes serve's CPU profile there, to see what its long tasks were.
    execArgv: [
      '--import', 'tsx', '--import', join(REPO_ROOT, 'test', 'bench', 'serve-probe.ts'),
      ...(process.env.POOLWATCH_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.POOLWATCH_BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ port: Number(match[1]), token: match[2]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return {
    port,
    token,
    probe: (message) =>
      new Promise((resolve) => {
        child.once('message', (answer) => resolve(answer as ProbeReport));
        child.send(message);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

function getSnapshot(serve: Serve): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: serve.port, path: '/api/snapshot', headers: { Host: `127.0.0.1:${serve.port}`, Authorization: `Bearer ${serve.token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Snapshot {
  accounts: Array<{ status: string; workers: { total: number } }>;
}

/** Waits until every account has been polled once (status no longer pending) and reports the workers seen. */
async function waitForFirstPolls(serve: Serve, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await getSnapshot(serve);
    const snapshot = JSON.parse(answer.body) as Snapshot;
    const total = snapshot.accounts.reduce((sum, account) => sum + account.workers.total, 0);
    if (snapshot.accounts.every((account) => account.workers.total > 0 || account.status === 'error')) return total;
    if (Date.now() > deadline) throw new Error(`the first polls did not finish in ${timeoutMs / 1000} s: ${answer.body.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An API client asking every `everyMs` (the next ask waits for the answer, as a polling client does). */
async function askRepeatedly(serve: Serve, everyMs: number, durationMs: number): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + durationMs;
  let next = performance.now();
  while (performance.now() < end) {
    const start = performance.now();
    const answer = await getSnapshot(serve);
    if (answer.status !== 200) throw new Error(`/api/snapshot answered ${answer.status}`);
    times.push(performance.now() - start);
    next += everyMs;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else next = performance.now();
  }
  return times;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function sbiAccount(sim: ChildSim, id: string, pollIntervalSec?: number) {
  return {
    id,
    pool: 'sbi',
    label: `Bench ${id}`,
    baseUrl: sim.url,
    ...(pollIntervalSec !== undefined && { pollIntervalSec }),
    credentials: { apiKey: { env: 'BENCH_SBI_KEY' }, apiSecret: { env: 'BENCH_SBI_SECRET' } },
  };
}

function sbiEnv(sim: ChildSim): Record<string, string> {
  const key = sim.keys.fullKey as { apiKey: string; apiSecret: string };
  return { BENCH_SBI_KEY: key.apiKey, BENCH_SBI_SECRET: key.apiSecret };
}

/** A big account of the pool's simulator, its credentials passed to serve through the environment. */
function bigAccount(pool: 'sbi' | 'spider', sim: ChildSim): { account: Record<string, unknown>; env: Record<string, string> } {
  if (pool === 'sbi') return { account: sbiAccount(sim, 'big', 10), env: sbiEnv(sim) };
  const key = sim.keys.fullKey as { accessKey: string; privateKey: string };
  return {
    account: {
      id: 'big',
      pool: 'spider',
      label: 'Bench big',
      baseUrl: sim.url,
      pollIntervalSec: 10,
      credentials: { accessKey: { env: 'BENCH_SPIDER_ACCESS' }, privateKey: { env: 'BENCH_SPIDER_PRIVATE' } },
    },
    env: { BENCH_SPIDER_ACCESS: key.accessKey, BENCH_SPIDER_PRIVATE: key.privateKey },
  };
}

const POOL_NAMES = { sbi: 'SBI', spider: 'Spider (50 workers a signed request)' } as const;

/** One big account polled every 10 s, an API client asking /api/snapshot every 20 ms for `seconds`. */
export async function benchResponsiveness(pool: 'sbi' | 'spider', workers: number, seconds: number): Promise<void> {
  const sim = await startChildSim(pool, ['--workers', String(workers)]);
  const big = bigAccount(pool, sim);
  const serve = await startServe([big.account], big.env);
  try {
    const seen = await waitForFirstPolls(serve, 180_000);
    const afterFirst = await serve.probe('report');
    await serve.probe('reset');
    const times = await askRepeatedly(serve, 20, seconds * 1000);
    const report = await serve.probe('report');
    const sorted = [...times].sort((a, b) => a - b);
    const slow = times.filter((ms) => ms > 100).length;
    console.log(`\nserve, one ${POOL_NAMES[pool]} account of ${seen} workers polled every 10 s, /api/snapshot every 20 ms for ${seconds} s`);
    console.log(`  API answers: ${times.length}, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(0)} ms, ${slow} over 100 ms`);
    console.log(`  serve's event loop delay: p50 ${report.loopP50Ms.toFixed(1)} ms, p99 ${report.loopP99Ms.toFixed(0)} ms, max ${report.loopMaxMs.toFixed(0)} ms`);
    console.log(`  serve's CPU: ${((report.cpuMs / (seconds * 1000)) * 100).toFixed(0)} % of one core over the window`);
    if (report.stalls) console.log(`  serve's stalls over 50 ms [monotonic µs, ms]: ${JSON.stringify(report.stalls)}`);
    console.log(`  serve's GC pauses: ${report.gcPauses}, longest minor ${report.gcMinorMaxMs.toFixed(0)} ms, longest major ${report.gcMajorMaxMs.toFixed(0)} ms`);
    console.log(`  serve's memory: RSS ${mb(afterFirst.rssBytes)} MB after the first poll, ${mb(report.rssBytes)} MB at the end; heap used ${mb(report.heapUsedBytes)} MB`);
  } finally {
    await serve.stop();
    await sim.close();
  }
}

/** Ten small SBI accounts (50 workers each) at the default interval: serve's average CPU over `seconds` once they have polled. */
export async function benchIdle(seconds: number): Promise<void> {
  const sim = await startChildSim('sbi', ['--workers', '50']);
  const accounts = Array.from({ length: 10 }, (_, i) => sbiAccount(sim, `small${i}`));
  const serve = await startServe(accounts, sbiEnv(sim));
  try {
    const seen = await waitForFirstPolls(serve, 60_000);
    await serve.probe('reset');
    await sleep(seconds * 1000);
    const report = await serve.probe('report');
    console.log(`\nserve idle: 10 SBI accounts (${seen} workers in all) at the default interval, over ${seconds} s`);
    console.log(`  average CPU ${((report.cpuMs / (seconds * 1000)) * 100).toFixed(2)} % of one core (${report.cpuMs.toFixed(0)} ms); RSS ${mb(report.rssBytes)} MB; event loop max ${report.loopMaxMs.toFixed(0)} ms`);
  } finally {
    await serve.stop();
    await sim.close();
  }
}
