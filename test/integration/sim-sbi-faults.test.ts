// SBI simulator: fault injection, the /__sim control API over HTTP, and a 30,000-worker subaccount.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSbiSim } from '../sim/sbi/index';
import { sbiCall, sbiJson, SBI_TEST_BASE_MS, SMALL_SBI_ACCOUNT, withSbiSim, type SbiPage, type SbiWorkerRow } from '../sim/sbi/test-client';

const small = { subaccounts: SMALL_SBI_ACCOUNT };
const WORKERS = '/api/external/v1/workers';
const ACCOUNT = '/api/external/v1/account';

describe('faults', () => {
  test('latency delays, then answers normally', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 1 });
      const started = performance.now();
      const response = await sbiCall(sim, ACCOUNT);
      const elapsed = performance.now() - started;
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { numOfSubaccounts: number }).numOfSubaccounts, 3);
      assert.ok(elapsed >= 140, `took ${elapsed.toFixed(0)} ms`);
    });
  });

  test('status faults honour remaining and pathPrefix, and are logged', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'status', status: 503 }, pathPrefix: ACCOUNT, remaining: 2 });
      assert.equal((await sbiCall(sim, WORKERS)).status, 200, 'other paths untouched');
      const first = await sbiJson<{ status: number; error: string }>(sim, ACCOUNT);
      assert.equal(first.status, 503);
      assert.equal(first.body.error, 'Service Unavailable');
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 503);
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 200, 'rule used up after two requests');
      sim.faults.add({ fault: { kind: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>' } });
      const gateway = await sbiCall(sim, ACCOUNT);
      assert.equal(gateway.status, 502);
      assert.match(gateway.headers.get('content-type') ?? '', /text\/html/);
      assert.equal((await sbiCall(sim, WORKERS)).status, 502, 'no remaining means every request');
      sim.faults.clear();
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 200);
      const statuses = sim.requestLog.filter((entry) => entry.path === ACCOUNT).map((entry) => entry.status);
      assert.deepEqual(statuses, [503, 503, 200, 502, 200]);
      const logText = JSON.stringify(sim.requestLog);
      assert.ok(!logText.includes(sim.fullKey.apiSecret) && !logText.includes(sim.fullKey.apiKey), 'no credentials in the log');
    });
  });

  test('rate-limit is 429 with Retry-After', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 7 }, remaining: 1 });
      const limited = await sbiCall(sim, WORKERS);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '7');
      assert.equal((await sbiCall(sim, WORKERS)).status, 200);
    });
  });

  test('malformed: invalid-json, wrong-types, missing-fields, html', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' }, remaining: 1 });
      const invalid = await sbiCall(sim, ACCOUNT);
      assert.equal(invalid.status, 200);
      await assert.rejects(invalid.json(), SyntaxError);

      sim.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' }, remaining: 1 });
      const wrong = (await (await sbiCall(sim, WORKERS)).json()) as Record<string, unknown> & { content: Array<Record<string, unknown>> };
      assert.equal(typeof wrong.totalElements, 'string');
      assert.equal(typeof wrong.content[0]?.hashrates, 'string');
      assert.equal(typeof wrong.content[0]?.lastShareTime, 'number');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, remaining: 1 });
      const missing = (await (await sbiCall(sim, WORKERS)).json()) as Record<string, unknown>;
      assert.equal(missing.content, undefined);
      assert.equal(missing.totalElements, undefined);
      assert.equal(missing.size, 20, 'other fields still there');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'html' }, remaining: 1 });
      const html = await sbiCall(sim, ACCOUNT);
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await html.text(), /^<!DOCTYPE html>/);

      assert.equal((await sbiCall(sim, ACCOUNT)).status, 200);
    });
  });

  test('malformed truncated: the body ends early and reading it fails', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'truncated' }, remaining: 1 });
      const response = await sbiCall(sim, WORKERS);
      assert.equal(response.status, 200);
      await assert.rejects(response.text());
      assert.equal((await sbiCall(sim, WORKERS)).status, 200);
    });
  });

  test('malformed huge: 50 MiB streamed; a client that stops early stops the stream', async () => {
    await withSbiSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'huge' }, remaining: 2 });
      const aborted = await sbiCall(sim, WORKERS);
      const reader = aborted.body?.getReader();
      assert.ok(reader);
      let received = 0;
      while (received < 1024 * 1024) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += chunk.value.byteLength;
      }
      await reader.cancel();
      assert.ok(received >= 1024 * 1024 && received < 50 * 1024 * 1024);
      // the server logs a request when its response closes: a stream that kept going would never close
      const deadline = performance.now() + 2_000;
      while (!sim.requestLog.some((entry) => entry.path === WORKERS) && performance.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(sim.requestLog.filter((entry) => entry.path === WORKERS).length, 1, 'aborted stream closed on the server');

      const full = await sbiCall(sim, WORKERS);
      const bytes = (await full.arrayBuffer()).byteLength;
      assert.ok(bytes >= 50 * 1024 * 1024, `${bytes} bytes`);
      assert.equal((await sbiCall(sim, WORKERS)).status, 200);
    });
  });

  test('reset gives a fetch error; hang times the client out; close() still returns', async () => {
    const sim = await startSbiSim({ now: () => SBI_TEST_BASE_MS, subaccounts: SMALL_SBI_ACCOUNT });
    try {
      sim.faults.add({ fault: { kind: 'reset' }, remaining: 1 });
      await assert.rejects(sbiCall(sim, ACCOUNT), TypeError);
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 200);
      sim.faults.add({ fault: { kind: 'hang' }, remaining: 1 });
      await assert.rejects(sbiCall(sim, ACCOUNT, { signal: AbortSignal.timeout(150) }), (error: Error) => error.name === 'TimeoutError');
      sim.faults.add({ fault: { kind: 'hang' } });
      void sbiCall(sim, ACCOUNT).catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await sim.close();
    }
  });

  test('invalid fault rules are rejected', async () => {
    await withSbiSim(small, async (sim) => {
      assert.throws(() => sim.faults.add({ fault: { kind: 'status', status: 42 } }), /status/);
      assert.throws(() => sim.faults.add({ fault: { kind: 'latency', ms: 10 }, remaining: 0 }), /remaining/);
      assert.throws(() => sim.faults.add({ fault: { kind: 'malformed', variant: 'nope' as never } }), /variant/);
    });
  });
});

describe('/__sim over HTTP', () => {
  const control = (url: string, body: unknown) => fetch(`${url}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  test('state, keys, and every control action', async () => {
    await withSbiSim(small, async (sim) => {
      const stateResponse = await fetch(`${sim.url}/__sim/state`);
      const stateText = await stateResponse.text();
      assert.ok(!stateText.includes(sim.fullKey.apiSecret), 'state holds no secrets');
      const state = JSON.parse(stateText) as { url: string; accountName: string; subaccounts: Array<{ name: string; workers: number; online: number; offline: number; dead: number }> };
      assert.equal(state.url, sim.url);
      assert.equal(state.accountName, sim.accountName);
      assert.deepEqual(state.subaccounts.find((subaccount) => subaccount.name === 'gamma'), { id: 25, name: 'gamma', coin: 'BTC', workers: 10, online: 10, offline: 0, dead: 0 });

      const keys = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { fullKey: { apiKey: string; apiSecret: string }; observerKeys: Array<{ key: string; subaccount: string }> };
      assert.deepEqual(keys.fullKey, sim.fullKey);
      assert.deepEqual(keys.observerKeys, sim.observerKeys);

      const ok = async (body: unknown): Promise<Record<string, unknown>> => {
        const response = await control(sim.url, body);
        const json = (await response.json()) as Record<string, unknown>;
        assert.equal(response.status, 200, JSON.stringify(json));
        return json;
      };
      await ok({ action: 'stopWorker', subaccount: 'gamma', worker: 'rig-01' });
      await ok({ action: 'advanceClock', ms: 11 * 60_000 });
      const row = await sbiJson<SbiPage<SbiWorkerRow>>(sim, `${WORKERS}?subaccountNames=gamma&size=1`);
      assert.equal(row.body.content[0]?.state, 'DEAD');
      await ok({ action: 'startWorker', subaccount: 'gamma', worker: 'rig-01' });
      await ok({ action: 'setWorkerLastShare', subaccount: 'gamma', worker: 'rig-02', atMs: SBI_TEST_BASE_MS });
      await ok({ action: 'addWorker', subaccount: 'gamma', worker: 'rig-11' });
      assert.deepEqual((await ok({ action: 'workerNames', subaccount: 'gamma' })).names, sim.workerNames('gamma'));
      const after = (await (await fetch(`${sim.url}/__sim/state`)).json()) as typeof state;
      assert.deepEqual(after.subaccounts.find((subaccount) => subaccount.name === 'gamma'), { id: 25, name: 'gamma', coin: 'BTC', workers: 11, online: 10, offline: 0, dead: 1 });

      await ok({ action: 'fault', fault: { kind: 'status', status: 500 }, pathPrefix: ACCOUNT, remaining: 1 });
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 500);
      await ok({ action: 'fault', fault: { kind: 'rate-limit', retryAfterSec: 3 } });
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 429);
      assert.equal((await fetch(`${sim.url}/__sim/state`)).status, 200, '/__sim is never faulted');
      await ok({ action: 'clearFaults' });
      assert.equal((await sbiCall(sim, ACCOUNT)).status, 200);

      const added = await ok({ action: 'addKey', permissions: ['READ'], subaccounts: ['beta'] });
      assert.equal(typeof added.apiKey, 'string');
      assert.equal(added.apiSecret, undefined, 'secrets only via /__sim/keys');
      const withAdded = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { addedKeys: Array<{ apiKey: string; apiSecret: string }> };
      const newKey = withAdded.addedKeys.find((key) => key.apiKey === added.apiKey);
      assert.ok(newKey);
      assert.equal((await sbiCall(sim, ACCOUNT, { key: newKey })).status, 200);
      await ok({ action: 'revokeKey', apiKey: added.apiKey });
      assert.equal((await sbiCall(sim, ACCOUNT, { key: newKey })).status, 401);

      await ok({ action: 'failNextPayout' });
      await ok({ action: 'advancePayouts' });
      type Earning = { state: string; earningsFor: string };
      const earnings = await sbiJson<SbiPage<Earning>>(sim, '/api/external/v2/earnings?size=100');
      const todays = earnings.body.content.filter((earning) => earning.earningsFor.startsWith('2024-05-15'));
      assert.deepEqual(todays.map((earning) => earning.state).sort(), ['FAILED', 'POSTED', 'POSTED']);
      const log = (await ok({ action: 'requestLog' })).requestLog as Array<{ path: string }>;
      assert.ok(log.some((entry) => entry.path === ACCOUNT));
    });
  });

  test('bad requests are 400 with a message', async () => {
    await withSbiSim(small, async (sim) => {
      for (const body of [{ action: 'explode' }, { action: 'stopWorker', subaccount: 'gamma', worker: 'nope' }, { action: 'stopWorker', subaccount: 'nope', worker: 'rig-01' }, { action: 'advanceClock', ms: 'soon' }, { action: 'fault', fault: { kind: 'status', status: 9000 } }]) {
        const response = await control(sim.url, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
      }
      const notJson = await fetch(`${sim.url}/__sim/control`, { method: 'POST', body: 'stopWorker please' });
      assert.equal(notJson.status, 400);
    });
  });
});

describe('scale', () => {
  test('a 30,000-worker subaccount pages fully in 200-size pages', async () => {
    await withSbiSim({ subaccounts: [{ name: 'workeraggregatortest', coin: 'BTC', workers: 30_000, deadShare: 0.85, offlineShare: 0.05 }] }, async (sim) => {
      const seen: string[] = [];
      let page = 0;
      let last = false;
      while (!last) {
        const { status, body } = await sbiJson<SbiPage<SbiWorkerRow>>(sim, `${WORKERS}?page=${page}&size=200`);
        assert.equal(status, 200);
        assert.equal(body.totalElements, 30_000);
        assert.equal(body.totalPages, 150);
        assert.equal(body.numberOfElements, 200);
        seen.push(...body.content.map((worker) => worker.name));
        last = body.last;
        page += 1;
        assert.ok(page <= 150, 'stops at the last page');
      }
      assert.equal(seen.length, 30_000);
      assert.equal(new Set(seen).size, 30_000);
      assert.deepEqual(seen, [...seen].sort());

      let byState = 0;
      for (const status of ['ONLINE', 'OFFLINE', 'DEAD']) {
        byState += (await sbiJson<SbiPage<SbiWorkerRow>>(sim, `${WORKERS}?statusFilters=${status}&size=1`)).body.totalElements;
      }
      assert.equal(byState, 29_999, 'every worker but the one reporting an empty state');
      const deadDesc = await sbiJson<SbiPage<SbiWorkerRow>>(sim, `${WORKERS}?sort=hashrate,desc&pageNumber=149&pageSize=200`);
      assert.equal(deadDesc.body.numberOfElements, 200);
      assert.ok(deadDesc.body.content.every((worker) => worker.hashrates[0] === 0), 'slowest page is all zero 10m rates');
    });
  });
});
