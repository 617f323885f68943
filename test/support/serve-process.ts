import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI_SOURCE = join(ROOT, 'main', 'cli', 'main.ts');

export interface ServeProcess {
  pid: number;
  port: number;
  token: string;
  /** The address serve printed to open. */
  url: URL;
  configFile: string;
  dataDir: string;
  /** What the process wrote to stderr (its log), so far. */
  stderr(): string;
  stdout(): string;
  /** The exit code, or null while it runs. */
  exitCode(): number | null;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  config?: unknown;
  /** An existing config file to use instead of writing `config`. */
  configFile?: string;
  dataDir?: string;
  env?: Record<string, string>;
  /** More arguments for `serve` (--host, --tls-cert, --metrics-workers, --token-file FILE). */
  args?: string[];
}

/** Spawns the CLI from source, `poolwatch serve`, without waiting for anything. */
export function spawnServe(configFile: string, dataDir: string, env: Record<string, string> = {}, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, 'serve', '--config', configFile, '--data', dataDir, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `poolwatch serve` from source in its own process, so a crash shows as an exit and not as a dead test runner. */
export async function startServeProcess(options: ServeOptions = {}): Promise<ServeProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-serve-'));
  const configFile = options.configFile ?? join(dir, 'config.json');
  if (!options.configFile) await writeFile(configFile, JSON.stringify(options.config ?? { accounts: [] }));
  const dataDir = options.dataDir ?? dir;
  const child = spawnServe(configFile, dataDir, options.env, options.args);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM'); // a serve left running would keep the test process alive
      reject(new Error(`serve printed no URL within 30 s: ${out}${err}`));
    }, 30_000);
    const check = (): void => {
      const match = /Open (https?:\/\/\S+:\d+\/[#?]token=[A-Za-z0-9._~-]+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(new URL(match[1]));
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL: ${out}${err}`));
    });
  });
  return {
    pid: child.pid ?? -1,
    port: Number(url.port),
    url,
    token: url.hash.replace('#token=', '') || (url.searchParams.get('token') ?? ''),
    configFile,
    dataDir,
    stderr: () => err,
    stdout: () => out,
    exitCode: () => child.exitCode,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The resident memory of a process in bytes (Linux), or null where /proc is not there. */
export async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `serve` until it exits by itself (a refusal at start), killing it after 30 s; its exit code and output. */
export function runServeToExit(
  configFile: string,
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawnServe(configFile, dataDir, env, args);
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    }),
  );
}
