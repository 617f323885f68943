import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

// A simulator in its own process, so its CPU (building and serving the pages) is not counted as the app's.

export interface ChildSim {
  url: string;
  /** What GET /__sim/keys answers: the credentials of the simulated account. */
  keys: Record<string, unknown>;
  /** Moves the simulator's clock on, as time passes between two polls (rates and last shares move with it). */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startChildSim(pool: 'sbi' | 'spider' | 'stratumsphere', args: string[] = []): Promise<ChildSim> {
  const cli = join(REPO_ROOT, 'test', 'sim', pool, 'cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--seed', '1', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${pool} simulator printed no address: ${output}`)), 120_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`${pool} simulator exited with ${code}: ${output}`)));
  });
  const keys = (await (await fetch(`${url}/__sim/keys`)).json()) as Record<string, unknown>;
  return {
    url,
    keys,
    advanceClock: async (ms) => {
      const answer = await fetch(`${url}/__sim/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'advanceClock', ms }) });
      if (!answer.ok) throw new Error(`${pool} simulator refused advanceClock: ${answer.status} ${await answer.text()}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
