import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForValue } from './wait-for';

/** A port nothing listens on right now (for programs that cannot be told to pick one, like Prometheus). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A 0600 file holding the token, as Prometheus' `credentials_file` reads it. */
export async function writeTokenFile(dir: string, token: string): Promise<string> {
  const file = join(dir, 'poolwatch.token');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

export interface PrometheusProcess {
  url: string;
  /** GET on Prometheus' HTTP API; the `data` of a success answer. */
  api<T>(path: string): Promise<T>;
  stderr(): string;
  stop(): Promise<void>;
}

/** Debian's `prometheus` on 127.0.0.1, scraping one target every second with the bearer token from `tokenFile`. */
export async function startPrometheus(target: { port: number; tokenFile: string; scheme?: 'http' | 'https'; caFile?: string }): Promise<PrometheusProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-prometheus-'));
  const port = await freePort();
  const tls = target.caFile ? `    tls_config: { ca_file: ${JSON.stringify(target.caFile)} }\n` : '';
  const config = [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'scrape_configs:',
    '  - job_name: poolwatch',
    `    scheme: ${target.scheme ?? 'http'}`,
    `    authorization: { credentials_file: ${JSON.stringify(target.tokenFile)} }`,
    tls.trimEnd(),
    `    static_configs: [{ targets: ["127.0.0.1:${target.port}"] }]`,
    '',
  ].filter((line) => line !== '').join('\n');
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, `${config}\n`);
  const child = spawn(
    'prometheus',
    [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? response.status}`);
    return body.data;
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForValue(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${err}`);
        return fetch(`${url}/-/ready`).then((response) => (response.ok ? true : undefined), () => undefined);
      },
      15_000,
      () => `prometheus ready (${err})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, api, stderr: () => err, stop };
}
