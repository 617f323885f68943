import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/**
 * A config file of one SBI account `farm` on a simulator, its key and secret read from the environment as a script
 * would pass them: the config to give the CLI, and the environment to run it with.
 */
export async function sbiCliConfig(
  sim: { url: string; fullKey: { apiKey: string; apiSecret: string } },
  label: string,
  envPrefix: string,
): Promise<{ config: string; env: Record<string, string> }> {
  const config = join(await mkdtemp(join(tmpdir(), 'pw-cli-')), 'config.json');
  const [keyVar, secretVar] = [`${envPrefix}_KEY`, `${envPrefix}_SECRET`];
  const account = { id: 'farm', pool: 'sbi', label, baseUrl: sim.url, credentials: { apiKey: { env: keyVar }, apiSecret: { env: secretVar } } };
  await writeFile(config, JSON.stringify({ accounts: [account] }));
  return { config, env: { [keyVar]: sim.fullKey.apiKey, [secretVar]: sim.fullKey.apiSecret } };
}
