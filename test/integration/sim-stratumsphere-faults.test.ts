// Stratumsphere simulator: every fault knob over real HTTP, with Stratumsphere-shaped broken bodies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ssCall, ssJson, SMALL_STRATUMSPHERE_ACCOUNT, withStratumsphereSim, type RentalBody, type Wrapped, type SchedulerItem } from '../sim/stratumsphere/test-client';

const small = { schedulers: SMALL_STRATUMSPHERE_ACCOUNT };
const LIST = '/v1/schedulers';

describe('faults', () => {
  test('latency delays, then answers normally', async () => {
    await withStratumsphereSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'latency', ms: 150 }, remaining: 1 });
      const started = performance.now();
      const { status, body } = await ssJson<Wrapped<SchedulerItem[]>>(sim, LIST);
      assert.equal(status, 200);
      assert.equal(body.data.length, 2);
      assert.ok(performance.now() - started >= 140);
    });
  });

  test('status faults honour pathPrefix and remaining, carry a {success:false} body, and are logged without the key', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const rentalPath = `/v1/scheduler-rental/${sim.state()[0]?.rentals[0]?.id}`;
      sim.faults.add({ fault: { kind: 'status', status: 503 }, pathPrefix: '/v1/scheduler-rental/', remaining: 2 });
      assert.equal((await ssCall(sim, LIST)).status, 200, 'other paths untouched');
      const failed = await ssJson<{ success: boolean; message: string }>(sim, rentalPath);
      assert.deepEqual([failed.status, failed.body.success, failed.body.message], [503, false, 'Service Unavailable']);
      assert.equal((await ssCall(sim, rentalPath)).status, 503);
      assert.equal((await ssCall(sim, rentalPath)).status, 200, 'rule used up');
      assert.deepEqual(
        sim.requestLog.filter((entry) => entry.path === rentalPath).map((entry) => entry.status),
        [503, 503, 200],
      );
      assert.ok(!JSON.stringify(sim.requestLog).includes(sim.apiKey));
    });
  });

  test('rate-limit is 429 with Retry-After and Laravel\'s throttle text', async () => {
    await withStratumsphereSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSec: 7 }, remaining: 1 });
      const limited = await ssJson<{ message: string }>(sim, LIST);
      assert.equal(limited.status, 429);
      assert.equal(limited.response.headers.get('retry-after'), '7');
      assert.equal(limited.body.message, 'Too Many Attempts.');
      assert.equal((await ssCall(sim, LIST)).status, 200);
    });
  });

  test('malformed: invalid-json, wrong-types, missing-fields, html', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const rentalPath = `/v1/scheduler-rental/${sim.state()[0]?.rentals[0]?.id}`;
      sim.faults.add({ fault: { kind: 'malformed', variant: 'invalid-json' }, remaining: 1 });
      await assert.rejects((await ssCall(sim, LIST)).json(), SyntaxError);

      sim.faults.add({ fault: { kind: 'malformed', variant: 'wrong-types' }, remaining: 2 });
      const wrongList = (await (await ssCall(sim, LIST)).json()) as { data: unknown };
      assert.equal(typeof wrongList.data, 'string', 'the list arrives as JSON text, which no client can take as a list');
      const wrongRental = (await (await ssCall(sim, rentalPath)).json()) as Record<string, unknown>;
      assert.equal(typeof wrongRental.hashrate, 'object');
      assert.equal(wrongRental.isStable, 'sometimes');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'missing-fields' }, remaining: 2 });
      assert.deepEqual(await (await ssCall(sim, LIST)).json(), { success: true });
      const missing = (await (await ssCall(sim, rentalPath)).json()) as Partial<RentalBody>;
      assert.equal(missing.hashrate, undefined);
      assert.equal(missing.connections_count, undefined);
      assert.equal(typeof missing.host, 'string', 'other fields still there');

      sim.faults.add({ fault: { kind: 'malformed', variant: 'html' }, remaining: 1 });
      const html = await ssCall(sim, LIST);
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal((await ssCall(sim, LIST)).status, 200);
    });
  });

  test('malformed truncated and huge: the body ends early, or runs past 20 MB', async () => {
    await withStratumsphereSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'malformed', variant: 'truncated' }, remaining: 1 });
      const truncated = await ssCall(sim, LIST);
      assert.equal(truncated.status, 200);
      await assert.rejects(truncated.text());

      sim.faults.add({ fault: { kind: 'malformed', variant: 'huge' }, remaining: 1 });
      const huge = await ssCall(sim, LIST);
      const reader = huge.body?.getReader();
      assert.ok(reader);
      let received = 0;
      while (received < 21 * 1024 * 1024) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += chunk.value.byteLength;
      }
      await reader.cancel();
      assert.ok(received >= 21 * 1024 * 1024, `${received} bytes`);
      assert.equal((await ssCall(sim, LIST)).status, 200);
    });
  });

  test('reset drops the connection; hang never answers until the client gives up', async () => {
    await withStratumsphereSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'reset' }, remaining: 1 });
      await assert.rejects(ssCall(sim, LIST));
      sim.faults.add({ fault: { kind: 'hang' }, remaining: 1 });
      await assert.rejects(ssCall(sim, LIST, { signal: AbortSignal.timeout(200) }), /abort|timeout/i);
      assert.equal((await ssCall(sim, LIST)).status, 200);
    });
  });

  test('/__sim is never faulted', async () => {
    await withStratumsphereSim(small, async (sim) => {
      sim.faults.add({ fault: { kind: 'status', status: 500 } });
      assert.equal((await fetch(`${sim.url}/__sim/state`)).status, 200);
      assert.equal((await ssCall(sim, LIST)).status, 500);
      sim.faults.clear();
      assert.equal((await ssCall(sim, LIST)).status, 200);
    });
  });
});
