import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPoolWatch } from '../../main/core/create-pool-watch';
import { fileConfigRepository } from '../../main/store/config-repository';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { captureLogger } from '../support/capture-logger';
import { FakeClock } from '../support/fake-clock';
import { memorySecrets } from '../support/memory-secrets';

interface Ping {
  method: string;
  path: string;
  body: string;
}

/** A Healthchecks-like listener on 127.0.0.1 recording every ping; its answer can be changed. */
async function startPingListener(): Promise<{ url: string; pings: Ping[]; status: { code: number }; server: Server }> {
  const pings: Ping[] = [];
  const status = { code: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      pings.push({ method: request.method ?? '', path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status.code, { 'content-type': 'text/plain' }).end(status.code === 200 ? 'OK' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pings, status, server };
}

describe('watchdog: a heartbeat after every poll round', () => {
  const CHECK = randomUUID();
  let sim: SbiSim;
  let listener: Awaited<ReturnType<typeof startPingListener>>;
  let dir: string;

  before(async () => {
    sim = await startSbiSim({ seed: 5, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 3, deadShare: 0, offlineShare: 0 }] });
    listener = await startPingListener();
    dir = await mkdtemp(join(tmpdir(), 'pw-watchdog-'));
  });
  after(async () => {
    await sim.close();
    listener.server.close();
  });

  async function open(watchdog: unknown, env: Record<string, string> = {}) {
    const configFile = join(dir, `config-${randomUUID()}.json`);
    const credentials = { apiKey: { env: 'PW_W_KEY' }, apiSecret: { env: 'PW_W_SECRET' } };
    await writeFile(
      configFile,
      JSON.stringify({
        accounts: ['a', 'b'].map((id) => ({ id, pool: 'sbi', label: id.toUpperCase(), baseUrl: sim.url, credentials })),
        watchdog,
      }),
    );
    const clock = new FakeClock(Date.now());
    const logger = captureLogger();
    const built = createPoolWatch({
      config: fileConfigRepository(configFile),
      dataDir: null,
      secrets: memorySecrets(),
      logger,
      clock,
      env: { PW_W_KEY: sim.fullKey.apiKey, PW_W_SECRET: sim.fullKey.apiSecret, ...env },
      httpLimits: { maxRetries: 0, timeoutMs: 2_000 },
    });
    await built.poolWatch.engine.load();
    const poll = async (...ids: string[]): Promise<void> => {
      await built.poolWatch.engine.pollAll(ids);
      await built.heartbeat.idle();
    };
    return { ...built, clock, logger, poll };
  }

  it('pings once every account was polled since the last ping, at most once a minute', async () => {
    listener.pings.length = 0;
    const { poolWatch, clock, poll } = await open({ url: `${listener.url}/ping/${CHECK}` });
    await poll('a');
    assert.equal(listener.pings.length, 0, 'b has not been polled yet');
    await poll('b');
    assert.deepEqual(listener.pings, [{ method: 'GET', path: `/ping/${CHECK}`, body: '' }]);
    await clock.advance(10_000);
    await poll('a', 'b');
    assert.equal(listener.pings.length, 1, 'a second round within the minute is not pinged');
    await clock.advance(50_000);
    await poll('a');
    assert.equal(listener.pings.length, 2, 'both were polled since the last ping and a minute has passed');
    poolWatch.stop();
  });

  it('POSTs to a URL taken from the environment', async () => {
    listener.pings.length = 0;
    const { poolWatch, poll } = await open({ url: { env: 'PW_HEARTBEAT' }, method: 'POST' }, { PW_HEARTBEAT: `${listener.url}/ping/${CHECK}` });
    await poll('a', 'b');
    assert.equal(listener.pings.length, 1);
    assert.equal(listener.pings[0]?.method, 'POST');
    assert.equal(listener.pings[0]?.body, 'PoolWatch polled 2 accounts.');
    poolWatch.stop();
  });

  it('a failing ping is logged without the check id and never affects polling', async () => {
    const { poolWatch, logger, poll } = await open({ url: `${listener.url}/ping/${CHECK}?token=${CHECK}` });
    listener.status.code = 500;
    await poll('a', 'b');
    listener.status.code = 200;
    assert.ok(poolWatch.summaries().every((account) => account.status === 'ok'));
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    poolWatch.stop();

    const second = await open({ url: `http://127.0.0.1:${deadPort}/ping/${CHECK}` });
    await second.poll('a', 'b');
    assert.ok(second.poolWatch.summaries().every((account) => account.status === 'ok'));
    second.poolWatch.stop();

    const lines = [...logger.lines, ...second.logger.lines].filter((line) => line.includes('watchdog'));
    assert.deepEqual(lines, [
      `warn watchdog: the heartbeat to ${listener.url} was answered with HTTP 500; check the ping URL.`,
      `warn watchdog: could not send the heartbeat to http://127.0.0.1:${deadPort} (ECONNREFUSED).`,
    ]);
    assert.ok(![...logger.lines, ...second.logger.lines].some((line) => line.includes(CHECK)));
  });

  it('a watchdog URL that is not https (beyond this machine) is refused with the config', async () => {
    const configFile = join(dir, 'bad.json');
    await writeFile(configFile, JSON.stringify({ accounts: [], watchdog: { url: 'http://hc.example.com/ping/x' } }));
    await assert.rejects(fileConfigRepository(configFile).load(), /watchdog\.url.*https:\/\//s);
  });
});
