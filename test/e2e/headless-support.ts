import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The bench runs this from its bundle, which names the repository (test/bench/paths.ts).
const CLI = join(process.env.POOLWATCH_REPO_ROOT ?? join(__dirname, '..', '..'), 'dist', 'main', 'cli.js');

export interface RunningServe {
  url: string;
  token: string;
  port: number;
  configFile: string;
  /** The data folder: the config's folder (history, the secrets file). */
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts the built `poolwatch serve` with a fresh config and waits for the URL it prints: `args` go to serve,
 * `unset` names environment variables it must not see.
 */
export async function startServe(
  config: unknown = { accounts: [] },
  env: Record<string, string> = {},
  options: { args?: readonly string[]; unset?: readonly string[] } = {},
): Promise<RunningServe> {
  const dir = await mkdtemp(join(tmpdir(), 'poolwatch-e2e-'));
  const configFile = join(dir, 'config.json');
  await writeFile(configFile, JSON.stringify(config));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of options.unset ?? []) delete childEnv[name];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'serve', '--config', configFile, '--port', '0', ...(options.args ?? [])], { env: childEnv });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${output.join('')}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Open (https?:\/\/\S+:\d+\/[#?]token=[0-9a-f]+)/.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output.join('')}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    token: parsed.hash.replace('#token=', '') || (parsed.searchParams.get('token') ?? ''),
    port: Number(parsed.port),
    configFile,
    dataDir: dir,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
