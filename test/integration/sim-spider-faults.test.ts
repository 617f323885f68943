// Spider simulator: fault injection, the /__sim control API over HTTP, and a request log free of secrets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSpiderSim } from '../sim/spider/index';
import { PATHS, SMALL_SPIDER_ACCOUNT, SPIDER_TEST_BASE_MS, spiderCall, withSpiderSim, type SpiderEnvelope } from '../sim/spider/test-client';

const small = { subaccounts: SMALL_SPIDER_ACCOUNT };
const alphaBtc = { coin: 'btc', subaccount: 'alpha01' };

describe('faults', () => {
  test('latency delays, then answers normally', async () => {
    await withSpiderSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 1 });
      const started = performance.now();
      const { body } = await spiderCall(sim, PATHS.info, {});
      assert.equal(body.code, 'SUCCESS');
      assert.ok(performance.now() - started >= 140);
    });
  });

  test('status faults honour pathPrefix and remaining, answer Spring-style JSON, and are logged with their status', async () => {
    await withSpiderSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'status', status: 503 }, pathPrefix: PATHS.info, remaining: 2 });
      assert.equal((await spiderCall(sim, PATHS.profit, alphaBtc)).status, 200, 'other paths untouched');
      const failed = await spiderCall<{ status: number; error: string }>(sim, PATHS.info, {});
      assert.equal(failed.status, 503);
      assert.equal(failed.body.error, 'Service Unavailable');
      assert.equal((await spiderCall(sim, PATHS.info, {})).status, 503);
      assert.equal((await spiderCall(sim, PATHS.info, {})).status, 200);
      const statuses = sim.requestLog.filter((entry) => entry.path === PATHS.info).map((entry) => [entry.status, entry.code]);
      assert.deepEqual(statuses, [[503, null], [503, null], [200, 'SUCCESS']]);
    });
  });

  test('rate-limit is 429 with Retry-After', async () => {
    await withSpiderSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 9 }, remaining: 1 });
      const limited = await spiderCall(sim, PATHS.info, {});
      assert.equal(limited.status, 429);
      assert.equal(limited.response.headers.get('retry-after'), '9');
    });
  });

  test('malformed: invalid JSON, double-encoded data, missing fields, HTML', async () => {
    await withSpiderSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' }, remaining: 1 });
      const invalid = await fetch(`${sim.url}${PATHS.info}`, { method: 'POST', body: '{}' });
      await assert.rejects(invalid.json(), SyntaxError);

      sim.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' }, remaining: 1 });
      const wrong = await spiderCall<SpiderEnvelope<unknown>>(sim, PATHS.info, {});
      assert.equal(wrong.body.code, 'SUCCESS');
      assert.equal(typeof wrong.body.data, 'string', 'data double-encoded');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, remaining: 1 });
      const missing = await spiderCall<SpiderEnvelope<Array<Record<string, unknown>>>>(sim, PATHS.info, {});
      assert.equal(missing.body.data?.[0]?.subaccount, undefined);
      assert.equal(missing.body.data?.[0]?.coin, undefined);
      assert.equal(typeof missing.body.data?.[0]?.realtimeHashrate, 'string', 'other fields still there');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'html' }, remaining: 1 });
      const html = await spiderCall(sim, PATHS.info, {}).catch((error: unknown) => error);
      assert.ok(html instanceof SyntaxError, 'an HTML page is not JSON');
      assert.equal((await spiderCall(sim, PATHS.info, {})).body.code, 'SUCCESS');
    });
  });

  test('truncated and huge bodies, reset and hang; close() still returns', async () => {
    const sim = await startSpiderSim({ now: () => SPIDER_TEST_BASE_MS, subaccounts: SMALL_SPIDER_ACCOUNT });
    try {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'truncated' }, remaining: 1 });
      await assert.rejects(spiderCall(sim, PATHS.info, {}));
      sim.faults.add({ fault: { kind: 'malformed', variant: 'huge' }, remaining: 1 });
      const huge = await fetch(`${sim.url}${PATHS.info}`, { method: 'POST', body: '{}' });
      const reader = huge.body!.getReader();
      let received = 0;
      while (received < 1024 * 1024) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += chunk.value.byteLength;
      }
      await reader.cancel();
      assert.ok(received >= 1024 * 1024);
      sim.faults.add({ fault: { kind: 'reset' }, remaining: 1 });
      await assert.rejects(spiderCall(sim, PATHS.info, {}), TypeError);
      sim.faults.add({ fault: { kind: 'hang' } });
      void fetch(`${sim.url}${PATHS.info}`, { method: 'POST', body: '{}' }).catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await sim.close();
    }
  });
});

describe('/__sim over HTTP', () => {
  const control = (url: string, body: unknown) => fetch(`${url}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  test('state, keys, and every control action', async () => {
    await withSpiderSim(small, async (sim) => {
      const stateText = await (await fetch(`${sim.url}/__sim/state`)).text();
      assert.ok(!stateText.includes(sim.fullKey.accessKey) && !stateText.includes(sim.fullKey.privateKey), 'state holds no secrets');
      const state = JSON.parse(stateText) as { subaccounts: Array<{ name: string; coins: Array<{ coin: string; workers: number; active: number; inactive: number; lost: number }> }> };
      assert.deepEqual(state.subaccounts.find((entry) => entry.name === 'alpha01')?.coins[0], { coin: 'btc', workers: 20, active: 16, inactive: 2, lost: 2 });

      const keys = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { fullKey: unknown };
      assert.deepEqual(keys.fullKey, sim.fullKey);

      const ok = async (body: unknown): Promise<Record<string, unknown>> => {
        const response = await control(sim.url, body);
        const json = (await response.json()) as Record<string, unknown>;
        assert.equal(response.status, 200, JSON.stringify(json));
        return json;
      };
      await ok({ action: 'stopWorker', subaccount: 'beta002', coin: 'ltc', worker: 'ltcrig001' });
      await ok({ action: 'advanceClock', ms: 11 * 60_000 });
      await ok({ action: 'setWorkerLastShare', subaccount: 'beta002', coin: 'ltc', worker: 'ltcrig002', atMs: SPIDER_TEST_BASE_MS - 2 * 86_400_000 });
      await ok({ action: 'addWorker', subaccount: 'beta002', coin: 'ltc', worker: 'ltcrig999' });
      assert.deepEqual((await ok({ action: 'workerNames', subaccount: 'beta002', coin: 'ltc' })).names, sim.workerNames('beta002', 'ltc'));
      const after = (await (await fetch(`${sim.url}/__sim/state`)).json()) as typeof state;
      assert.deepEqual(after.subaccounts.find((entry) => entry.name === 'beta002')?.coins[0], { coin: 'ltc', workers: 7, active: 5, inactive: 1, lost: 1 });
      await ok({ action: 'startWorker', subaccount: 'beta002', coin: 'ltc', worker: 'ltcrig001' });

      await ok({ action: 'fault', fault: { kind: 'status', status: 500 }, pathPrefix: PATHS.info, remaining: 1 });
      assert.equal((await spiderCall(sim, PATHS.info, {})).status, 500);
      await ok({ action: 'fault', fault: { kind: 'rate-limit', retryAfterSec: 3 } });
      assert.equal((await spiderCall(sim, PATHS.info, {})).status, 429);
      assert.equal((await fetch(`${sim.url}/__sim/state`)).status, 200, '/__sim is never faulted');
      await ok({ action: 'clearFaults' });

      const added = await ok({ action: 'addKey', subaccounts: ['beta002'] });
      assert.equal(typeof added.accessKey, 'string');
      assert.equal(added.privateKey, undefined, 'private keys only via /__sim/keys');
      const listed = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { addedKeys: Array<{ accessKey: string; privateKey: string; subaccounts: string[] }> };
      const newKey = listed.addedKeys.find((key) => key.accessKey === added.accessKey);
      assert.ok(newKey);
      assert.deepEqual((await spiderCall<SpiderEnvelope<Array<{ subaccount: string }>>>(sim, PATHS.info, {}, { key: newKey })).body.data?.map((row) => row.subaccount), ['beta002']);
      await ok({ action: 'revokeKey', accessKey: added.accessKey });
      assert.equal((await spiderCall(sim, PATHS.info, {}, { key: newKey })).body.code, 'INVALID_ACCESS_KEY');

      const log = (await ok({ action: 'requestLog' })).requestLog as Array<{ path: string; params: Record<string, unknown> }>;
      assert.ok(log.some((entry) => entry.path === PATHS.info));
    });
  });

  test('bad control requests are 400 with a message', async () => {
    await withSpiderSim(small, async (sim) => {
      for (const body of [
        { action: 'explode' },
        { action: 'stopWorker', subaccount: 'beta002', coin: 'ltc', worker: 'nope' },
        { action: 'stopWorker', subaccount: 'beta002', coin: 'LTC', worker: 'ltcrig001' },
        { action: 'advanceClock', ms: 'soon' },
        { action: 'addKey', subaccounts: ['nobody'] },
        { action: 'fault', fault: { kind: 'status', status: 9000 } },
      ]) {
        const response = await control(sim.url, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
      }
    });
  });
});

describe('request log', () => {
  test('holds paths, codes and plain parameters, never an access key, signature or private key', async () => {
    await withSpiderSim(small, async (sim) => {
      await spiderCall(sim, PATHS.workers, { ...alphaBtc, pageNum: 2, pageSize: 5 });
      await spiderCall(sim, PATHS.info, {}, { after: (body) => void (body.sign = 'AAAA') });
      const [workers, refused] = sim.requestLog;
      assert.deepEqual(workers?.params, { coin: 'btc', subaccount: 'alpha01', pageNum: 2, pageSize: 5 });
      assert.equal(workers?.code, 'SUCCESS');
      assert.equal(refused?.code, 'SIGN_ERROR');
      const text = JSON.stringify(sim.requestLog);
      assert.ok(!text.includes(sim.fullKey.accessKey));
      assert.ok(!text.includes(sim.fullKey.privateKey.slice(40, 80)));
      assert.ok(!/sign/i.test(Object.keys(workers?.params ?? {}).join(',')));
    });
  });
});
