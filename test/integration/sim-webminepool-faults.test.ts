// WebMinePool simulator: fault injection, the /__sim control API over HTTP, and the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { startWebMinePoolSim } from '../sim/webminepool/index';
import { wmpCall, wmpJson, WMP_TEST_BASE_MS, withWmpSim } from '../sim/webminepool/test-client';

describe('faults', () => {
  test('latency delays, then answers normally', async () => {
    await withWmpSim({}, async (sim) => {
      sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 1 });
      const started = performance.now();
      const { status, body } = await wmpJson(sim, 'balance');
      assert.equal(status, 200);
      assert.equal(body.success, true);
      assert.ok(performance.now() - started >= 140);
    });
  });

  test('status faults match the path after the key, honour remaining, and answer in the pool\'s envelope', async () => {
    await withWmpSim({}, async (sim) => {
      sim.faults.add({ fault: { kind: 'status', status: 503 }, pathPrefix: '/balance', remaining: 2 });
      assert.equal((await wmpCall(sim, 'hashes')).status, 200, 'other methods untouched');
      const first = await wmpJson(sim, 'balance');
      assert.equal(first.status, 503);
      assert.deepEqual(first.body, { success: false, message: 'internal error' });
      assert.equal((await wmpCall(sim, 'balance')).status, 503);
      assert.equal((await wmpCall(sim, 'balance')).status, 200, 'used up');
      sim.setEnvelope('status');
      sim.faults.add({ fault: { kind: 'status', status: 500 }, remaining: 1 });
      assert.deepEqual((await wmpJson(sim, 'users')).body, { status: false, error: 'internal error' });
      sim.faults.add({ fault: { kind: 'status', status: 200, body: '{"success":false,"message":"internal error"}' }, pathPrefix: '/hash_rate', remaining: 2 });
      const documented = await wmpJson(sim, 'hash_rate_cli', [5]);
      assert.equal(documented.status, 200);
      assert.equal(documented.body.message, 'internal error', 'the documented error with HTTP 200; /hash_rate also matches /hash_rate_cli');
      const statuses = sim.requestLog.filter((entry) => entry.path === '/api/[redacted]/balance').map((entry) => entry.status);
      assert.deepEqual(statuses, [503, 503, 200]);
      assert.ok(!JSON.stringify(sim.requestLog).includes(sim.secretKey));
    });
  });

  test('rate-limit is 429 with Retry-After', async () => {
    await withWmpSim({}, async (sim) => {
      sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 7 }, remaining: 1 });
      const limited = await wmpCall(sim, 'users');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '7');
      assert.deepEqual(await limited.json(), { success: false, message: 'too many requests' });
      assert.equal((await wmpCall(sim, 'users')).status, 200);
    });
  });

  test('malformed: invalid-json, wrong-types (PHP false), missing-fields (envelope only), html, truncated', async () => {
    await withWmpSim({}, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' }, remaining: 1 });
      await assert.rejects((await wmpCall(sim, 'balance')).json(), SyntaxError);

      sim.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' }, remaining: 2 });
      assert.deepEqual((await wmpJson(sim, 'users')).body, { success: true, users: false });
      assert.deepEqual((await wmpJson(sim, 'balance')).body, { success: true, balance: false });

      sim.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, remaining: 1 });
      assert.deepEqual((await wmpJson(sim, 'hashes')).body, { success: true });

      sim.faults.add({ fault: { kind: 'malformed', variant: 'html' }, remaining: 1 });
      const html = await wmpCall(sim, 'balance');
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await html.text(), /^<!DOCTYPE html>/);

      sim.faults.add({ fault: { kind: 'malformed', variant: 'truncated' }, remaining: 1 });
      const truncated = await wmpCall(sim, 'users');
      await assert.rejects(truncated.text());
      assert.equal((await wmpCall(sim, 'balance')).status, 200);
    });
  });

  test('reset gives a fetch error; hang times the client out; close() still returns', async () => {
    const sim = await startWebMinePoolSim({ now: () => WMP_TEST_BASE_MS });
    try {
      sim.faults.add({ fault: { kind: 'reset' }, remaining: 1 });
      await assert.rejects(wmpCall(sim, 'balance'), TypeError);
      assert.equal((await wmpCall(sim, 'balance')).status, 200);
      sim.faults.add({ fault: { kind: 'hang' }, remaining: 1 });
      await assert.rejects(wmpCall(sim, 'balance', [], { signal: AbortSignal.timeout(150) }), (error: Error) => error.name === 'TimeoutError');
      sim.faults.add({ fault: { kind: 'hang' } });
      void wmpCall(sim, 'balance').catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await sim.close();
    }
  });
});

describe('/__sim over HTTP', () => {
  const control = (url: string, body: unknown) => fetch(`${url}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  test('state without secrets, keys, and every control action', async () => {
    await withWmpSim({}, async (sim) => {
      const stateText = await (await fetch(`${sim.url}/__sim/state`)).text();
      assert.ok(!stateText.includes(sim.secretKey), 'state holds no secret key');
      const state = JSON.parse(stateText) as { nowMs: number; siteKeys: string[]; users: Array<{ name: string; listed: boolean; hashes: number; mining: boolean }>; accountHashes: number };
      assert.equal(state.nowMs, WMP_TEST_BASE_MS);
      assert.deepEqual(state.siteKeys, sim.siteKeys);
      assert.equal(state.users.find((user) => user.name === 'erin')?.listed, false);
      assert.equal(state.accountHashes, sim.accountHashes());

      const keys = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { secretKey: string; secretKeys: string[] };
      assert.equal(keys.secretKey, sim.secretKey);

      const ok = async (body: unknown): Promise<Record<string, unknown>> => {
        const response = await control(sim.url, body);
        const json = (await response.json()) as Record<string, unknown>;
        assert.equal(response.status, 200, JSON.stringify(json));
        return json;
      };
      await ok({ action: 'stopUser', user: 'alice' });
      await ok({ action: 'advanceClock', ms: 60_000 });
      const hashesOf = (name: string): number => sim.users().find((user) => user.name === name)?.hashes ?? -1;
      assert.equal(hashesOf('alice'), 125_000);
      await ok({ action: 'startUser', user: 'alice' });
      await ok({ action: 'resetUser', user: 'carol' });
      assert.equal(hashesOf('carol'), 0);
      await ok({ action: 'withdraw', user: 'alice', amount: 5_000 });
      assert.equal(hashesOf('alice'), 120_000);
      await ok({ action: 'addUser', user: 'frank', hps: 10, site: 1, hashes: 3 });
      assert.ok(((await ok({ action: 'userNames' })).names as string[]).includes('frank'));
      await ok({ action: 'deleteUser', user: 'frank' });
      await ok({ action: 'payHashes' });
      assert.equal(sim.accountHashes(), 0);
      await ok({ action: 'setEnvelope', style: 'status', method: 'balance' });
      assert.equal((await wmpJson(sim, 'balance')).body.status, true);
      await ok({ action: 'setNumbers', style: 'string' });
      assert.equal(typeof (await wmpJson(sim, 'hashes')).body.hashes, 'string');

      await ok({ action: 'fault', fault: { kind: 'status', status: 500 }, pathPrefix: '/balance', remaining: 1 });
      assert.equal((await wmpCall(sim, 'balance')).status, 500);
      await ok({ action: 'fault', fault: { kind: 'rate-limit', retryAfterSec: 3 } });
      assert.equal((await wmpCall(sim, 'balance')).status, 429);
      assert.equal((await fetch(`${sim.url}/__sim/state`)).status, 200, '/__sim is never faulted');
      await ok({ action: 'clearFaults' });

      await ok({ action: 'addKey' });
      const withAdded = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { secretKeys: string[] };
      assert.equal(withAdded.secretKeys.length, 2);
      const added = withAdded.secretKeys[1]!;
      assert.equal((await wmpJson(sim, 'users', [], { key: added })).body.success, true);
      await ok({ action: 'revokeKey', secretKey: added });
      assert.equal((await wmpJson(sim, 'users', [], { key: added })).body.message, 'invalid api key');
      await ok({ action: 'refreshKey', secretKey: sim.secretKey });
      assert.equal((await wmpJson(sim, 'users')).body.message, 'invalid api key');

      const log = (await ok({ action: 'requestLog' })).requestLog as Array<{ path: string }>;
      assert.ok(log.some((entry) => entry.path === '/api/[redacted]/balance'));
      assert.ok(!JSON.stringify(log).includes(sim.secretKey));
    });
  });

  test('bad requests are 400 with a message', async () => {
    await withWmpSim({}, async (sim) => {
      for (const body of [
        { action: 'explode' },
        { action: 'stopUser', user: 'nobody' },
        { action: 'withdraw', user: 'alice', amount: 'all' },
        { action: 'setEnvelope', style: 'xml' },
        { action: 'setEnvelope', style: 'status', method: 'mine' },
        { action: 'addUser', user: 'bad/name', hps: 1 },
        { action: 'addUser', user: 'alice', hps: 1 },
        { action: 'fault', fault: { kind: 'status', status: 9000 } },
      ]) {
        const response = await control(sim.url, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
      }
      assert.equal((await fetch(`${sim.url}/__sim/control`, { method: 'POST', body: 'stop alice' })).status, 400);
      assert.equal((await fetch(`${sim.url}/__sim/nothing`)).status, 404);
    });
  });
});

describe('cli', () => {
  test('prints its address, serves the API with the key from /__sim/keys, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'sim', 'webminepool', 'cli.ts'), '--seed', '3', '--envelope', 'status'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout! });
      const [line] = (await once(lines, 'line')) as [string];
      const { url } = JSON.parse(line) as { url: string };
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const { secretKey } = (await (await fetch(`${url}/__sim/keys`)).json()) as { secretKey: string };
      const balance = (await (await fetch(`${url}/api/${secretKey}/balance`)).json()) as Record<string, unknown>;
      assert.equal(balance.status, true);
      assert.equal(typeof balance.balance, 'number');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
