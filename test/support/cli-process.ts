import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

// The CLI as a script runs it: its own process (from source, through tsx), stdout and stderr as pipes.

const ROOT = join(__dirname, '..', '..');

export interface FinishedCli {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Reads a stream a chunk at a time with a pause after each, like a busy consumer at the end of a pipe. */
async function readSlowly(stream: Readable, pauseMs: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    if (pauseMs > 0) await delay(pauseMs);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs main/cli/main.ts with `args`, reading stdout `pauseMs` after each chunk. Never spawnSync: the simulators the
 * CLI polls run in the test's own process.
 */
export async function runCliProcess(args: string[], env: Record<string, string>, pauseMs = 0): Promise<FinishedCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const [stdout, stderr] = await Promise.all([readSlowly(child.stdout, pauseMs), readSlowly(child.stderr, 0)]);
  return { code: await exited, stdout, stderr };
}
