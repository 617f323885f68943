// Stratumsphere simulator over real HTTP: raw-key auth and key reset, envelopes, numbers as strings,
// case-sensitive keywords, rental CRUD, clock-driven figures, pinned connections/stability, /__sim.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startStratumsphereSim } from '../sim/stratumsphere/index';
import {
  control,
  rentalBody,
  schedulerList,
  ssCall,
  ssJson,
  SMALL_STRATUMSPHERE_ACCOUNT,
  STRATUMSPHERE_TEST_BASE_MS,
  withStratumsphereSim,
  type RentalBody,
  type SchedulerItem,
  type Wrapped,
} from '../sim/stratumsphere/test-client';

const small = { schedulers: SMALL_STRATUMSPHERE_ACCOUNT };
const MINUTE_MS = 60_000;

function firstRentalId(sim: Awaited<ReturnType<typeof startStratumsphereSim>>): number {
  const id = sim.state()[0]?.rentals[0]?.id;
  assert.ok(id !== undefined);
  return id;
}

describe('authentication', () => {
  test('the raw key in Authorization works; anything else is "invalid key", shaped per call', async () => {
    await withStratumsphereSim(small, async (sim) => {
      assert.match(sim.apiKey, /^[0-9a-f]{40}$/);
      const rentalId = firstRentalId(sim);
      assert.equal((await ssCall(sim, '/v1/schedulers')).status, 200);

      const missing = await ssJson<{ success: boolean; message: string }>(sim, '/v1/schedulers', { authorization: null });
      assert.equal(missing.status, 200, 'the list reports a bad key inside HTTP 200');
      assert.deepEqual(missing.body, { success: false, message: 'invalid key' });

      const bearer = await ssJson<{ error: string }>(sim, `/v1/scheduler-rental/${rentalId}`, { authorization: `Bearer ${sim.apiKey}` });
      assert.equal(bearer.status, 401);
      assert.deepEqual(bearer.body, { error: 'invalid key' }, 'a Bearer prefix is a wrong key to the service');

      const write = await ssJson<{ success: boolean; message: string }>(sim, `/v1/scheduler-rental/${rentalId}`, { method: 'DELETE', authorization: sim.apiKey.toUpperCase() });
      assert.equal(write.status, 403);
      assert.equal(write.body.message, 'invalid key');
      assert.equal(sim.state()[0]?.rentals[0]?.id, rentalId, 'nothing deleted');
    });
  });

  test('every simulator gets its own random key', async () => {
    const [one, two] = await Promise.all([startStratumsphereSim(), startStratumsphereSim()]);
    try {
      assert.notEqual(one.apiKey, two.apiKey);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('resetKey: the old key dies at once, the returned one works', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const old = sim.apiKey;
      const fresh = sim.resetKey();
      assert.notEqual(fresh, old);
      assert.equal(sim.apiKey, fresh);
      const refused = await ssJson<{ success: boolean; message: string }>(sim, '/v1/schedulers', { authorization: old });
      assert.deepEqual(refused.body, { success: false, message: 'invalid key' });
      assert.equal((await schedulerList(sim)).length, 2);
    });
  });
});

describe('responses', () => {
  test('the scheduler list: wrapped, case-sensitive keywords, some numbers as strings, two ways of listing rentals', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const { body } = await ssJson<Wrapped<SchedulerItem[]>>(sim, '/v1/schedulers');
      assert.equal(body.success, true);
      const [miners, threshold] = body.data;
      assert.ok(miners && threshold);
      assert.deepEqual([miners.name, miners.type, miners.algorithm, miners.location], ['M2M', 'miners', 'SHA256', 'us-central']);
      assert.deepEqual([threshold.type, threshold.algorithm, threshold.location], ['threshold', 'scrypt', 'europe']);
      assert.equal(typeof miners.rentedHashrate, 'string');
      assert.equal(typeof miners.totalHashrate, 'number');
      assert.ok(miners.rentals.every((rental) => typeof rental === 'number'));
      assert.ok(threshold.rentals.every((rental) => typeof rental === 'object' && typeof rental.id === 'string' && rental.title.length > 0));
      assert.equal(typeof threshold.threshold, 'number');
      assert.equal(miners.threshold, undefined);
      assert.equal(miners.totalHashrate, miners.personalHashrate + Number(miners.rentedHashrate));
    });
  });

  test('a rental: flat, connections_count as a string, rejected H/s a string on odd ids, consistent with the list', async () => {
    await withStratumsphereSim({ schedulers: [{ name: 'S', type: 'miners', algorithm: 'SHA256', location: 'europe', rentals: 6 }] }, async (sim) => {
      const [scheduler] = await schedulerList(sim);
      assert.ok(scheduler);
      const rentals = await Promise.all(scheduler.rentals.map((id) => rentalBody(sim, Number(id))));
      for (const rental of rentals) {
        assert.equal(typeof rental.connections_count, 'string');
        assert.equal(typeof rental.rejectedHashesPerSeconds, rental.id % 2 === 1 ? 'string' : 'number');
        assert.equal(typeof rental.isStable, 'boolean');
        assert.equal(rental.scheduler_id, scheduler.id);
      }
      const summed = rentals.reduce((sum, rental) => sum + rental.hashrate, 0);
      assert.ok(Math.abs(summed - Number(scheduler.rentedHashrate)) <= rentals.length, 'list and details agree within rounding');
    });
  });

  test('envelopes can be swapped: a flat list and wrapped rentals', async () => {
    await withStratumsphereSim({ ...small, envelopes: { schedulers: 'flat', rental: 'wrapped' } }, async (sim) => {
      const list = await ssJson<SchedulerItem[]>(sim, '/v1/schedulers');
      assert.ok(Array.isArray(list.body));
      const rental = await ssJson<Wrapped<RentalBody>>(sim, `/v1/scheduler-rental/${firstRentalId(sim)}`);
      assert.equal(rental.body.success, true);
      assert.equal(rental.body.data.id, firstRentalId(sim));
    });
  });

  test('unknown paths are 404, wrong methods 405 with Allow, unknown rentals 404 {success:false}', async () => {
    await withStratumsphereSim(small, async (sim) => {
      assert.equal((await ssCall(sim, '/v1/workers')).status, 404);
      const wrong = await ssCall(sim, '/v1/schedulers', { method: 'DELETE' });
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.get('allow'), 'GET, POST');
      const gone = await ssJson<{ success: boolean; message: string }>(sim, '/v1/scheduler-rental/1');
      assert.equal(gone.status, 404);
      assert.deepEqual(gone.body, { success: false, message: 'Rental not found' });
    });
  });
});

describe('writes', () => {
  test('creating a scheduler checks keywords case-sensitively', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const refused = await ssJson<{ message: string; errors: Record<string, string[]> }>(sim, '/v1/schedulers', {
        method: 'POST',
        body: { name: 'New', scheduler_type: 'Miners', algorithm: 'sha256', location: 'Europe' },
      });
      assert.equal(refused.status, 422);
      assert.deepEqual(Object.keys(refused.body.errors).sort(), ['algorithm', 'location', 'scheduler_type']);

      const created = await ssJson<Wrapped<{ id: number }>>(sim, '/v1/schedulers', {
        method: 'POST',
        body: { name: 'New', scheduler_type: 'threshold', algorithm: 'ethash', location: 'europe', threshold: '1000' },
      });
      assert.equal(created.status, 200);
      const listed = (await schedulerList(sim)).find((scheduler) => scheduler.id === created.body.data.id);
      assert.deepEqual([listed?.name, listed?.algorithm, listed?.threshold, listed?.rentals], ['New', 'ethash', 1000, []]);
    });
  });

  test('rentals: create (numbers as strings accepted), read, update, delete', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const schedulerId = sim.state()[0]?.id ?? 0;
      const invalid = await ssJson<{ errors: Record<string, string[]> }>(sim, `/v1/scheduler/${schedulerId}/scheduler-rentals`, { method: 'POST', body: { title: 'no host' } });
      assert.equal(invalid.status, 422);
      assert.deepEqual(Object.keys(invalid.body.errors).sort(), ['host', 'user']);
      assert.equal((await ssCall(sim, '/v1/scheduler/1/scheduler-rentals', { method: 'POST', body: {} })).status, 404);
      assert.equal((await ssCall(sim, `/v1/scheduler/${schedulerId}/scheduler-rentals`, { method: 'POST', body: '{"title":' })).status, 400);

      const created = await ssJson<Wrapped<{ id: number }>>(sim, `/v1/scheduler/${schedulerId}/scheduler-rentals`, {
        method: 'POST',
        body: { title: 'ORD-1', host: 'stratum+tcp://pool.example:3333', user: 'buyer.1', password: 'x', workerNumberMaintained: '2', isPersonal: 'false' },
      });
      assert.equal(created.body.success, true);
      const id = created.body.data.id;
      const listed = (await schedulerList(sim)).find((scheduler) => scheduler.id === schedulerId);
      assert.ok(listed?.rentals.includes(id));
      const rental = await rentalBody(sim, id);
      assert.deepEqual([rental.title, rental.workerNumberMaintained, rental.isPersonal], ['ORD-1', 2, false]);

      const updated = await ssJson<{ success: boolean; message: string }>(sim, `/v1/scheduler-rental/${id}`, { method: 'PUT', body: { title: 'ORD-1b' } });
      assert.equal(updated.body.success, true);
      assert.equal((await rentalBody(sim, id)).title, 'ORD-1b');

      const deleted = await ssJson<Wrapped<{ id: number }>>(sim, `/v1/scheduler-rental/${id}`, { method: 'DELETE' });
      assert.equal(deleted.body.data.id, id);
      assert.equal((await ssCall(sim, `/v1/scheduler-rental/${id}`)).status, 404);
      assert.ok(!(await schedulerList(sim)).some((scheduler) => scheduler.rentals.includes(id)));
    });
  });
});

describe('figures over time', () => {
  test('the default world has every algorithm, both types and both locations', async () => {
    const sim = await startStratumsphereSim({ now: () => STRATUMSPHERE_TEST_BASE_MS });
    try {
      const list = await schedulerList(sim);
      assert.deepEqual([...new Set(list.map((scheduler) => scheduler.algorithm))].sort(), ['SHA256', 'X11', 'ethash', 'scrypt']);
      assert.deepEqual([...new Set(list.map((scheduler) => scheduler.type))].sort(), ['miners', 'threshold']);
      assert.deepEqual([...new Set(list.map((scheduler) => scheduler.location))].sort(), ['europe', 'us-central']);
    } finally {
      await sim.close();
    }
  });

  test('same seed and clock give the same answers; the clock moving changes them', async () => {
    const [one, two] = await Promise.all([
      startStratumsphereSim({ now: () => STRATUMSPHERE_TEST_BASE_MS, seed: 11, ...small }),
      startStratumsphereSim({ now: () => STRATUMSPHERE_TEST_BASE_MS, seed: 11, ...small }),
    ]);
    try {
      const strip = (list: SchedulerItem[]) => list.map(({ id: _id, rentals: _rentals, ...rest }) => rest);
      assert.deepEqual(strip(await schedulerList(one)), strip(await schedulerList(two)));
      const before = one.state();
      one.advanceClock(10_000);
      assert.notDeepEqual(one.state().map((s) => s.rentals.map((r) => r.hashrateHps)), before.map((s) => s.rentals.map((r) => r.hashrateHps)));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('over a day rentals drop to zero connections and come back; rejects stay plausible; stability follows', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const seen = new Map<number, { zero: number; up: number; unstable: number }>();
      for (let step = 0; step < 96; step += 1) {
        for (const rental of sim.state().flatMap((scheduler) => scheduler.rentals)) {
          const entry = seen.get(rental.id) ?? { zero: 0, up: 0, unstable: 0 };
          if (rental.connections === 0) {
            entry.zero += 1;
            assert.equal(rental.hashrateHps, 0);
            assert.equal(rental.stable, false, 'nothing connected is not stable');
          } else {
            entry.up += 1;
            const share = rental.rejectedHps / (rental.hashrateHps + rental.rejectedHps);
            assert.ok(share > 0.002 && share < 0.16, `reject share ${share}`);
          }
          if (!rental.stable) entry.unstable += 1;
          seen.set(rental.id, entry);
        }
        sim.advanceClock(15 * MINUTE_MS);
      }
      const totals = [...seen.values()];
      assert.ok(totals.some((entry) => entry.zero > 0), 'some rental lost its connections');
      assert.ok(totals.every((entry) => entry.up > entry.zero), 'rentals are mostly connected');
      assert.ok(totals.some((entry) => entry.unstable > entry.zero), 'instability is not only outages');
    });
  });

  test('setRentalConnections and setRentalStable pin values until set back to null', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const id = firstRentalId(sim);
      sim.setRentalConnections(id, 0);
      let rental = await rentalBody(sim, id);
      assert.deepEqual([rental.connections_count, rental.hashrate, rental.isStable], ['0', 0, false]);
      sim.advanceClock(60 * MINUTE_MS);
      assert.equal((await rentalBody(sim, id)).connections_count, '0', 'still pinned after time moves');

      sim.setRentalConnections(id, 9);
      sim.setRentalStable(id, false);
      rental = await rentalBody(sim, id);
      assert.deepEqual([rental.connections_count, rental.isStable], ['9', false]);
      assert.ok(rental.hashrate > 0);

      sim.setRentalConnections(id, null);
      sim.setRentalStable(id, null);
      assert.notEqual((await rentalBody(sim, id)).connections_count, '9');
      assert.throws(() => sim.setRentalConnections(id, -1), /non-negative integer/);
      assert.throws(() => sim.setRentalStable(1, true), /unknown rental/);
    });
  });
});

describe('/__sim over HTTP', () => {
  test('keys, state and control actions', async () => {
    await withStratumsphereSim(small, async (sim) => {
      const keys = (await (await fetch(`${sim.url}/__sim/keys`)).json()) as { apiKey: string };
      assert.equal(keys.apiKey, sim.apiKey);

      const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as { nowMs: number; schedulers: Array<{ name: string; rentals: Array<{ id: number; connections: number }> }> };
      assert.equal(state.nowMs, STRATUMSPHERE_TEST_BASE_MS);
      assert.deepEqual(state.schedulers.map((scheduler) => scheduler.name), ['M2M', 'Threshold']);
      const rentalId = state.schedulers[0]?.rentals[0]?.id;

      assert.equal((await control(sim, { action: 'setRentalConnections', rentalId, connections: 0 })).status, 200);
      assert.equal((await rentalBody(sim, rentalId ?? 0)).connections_count, '0');
      assert.equal((await control(sim, { action: 'setRentalStable', rentalId, stable: true })).status, 200);
      assert.equal((await rentalBody(sim, rentalId ?? 0)).isStable, true);
      assert.equal((await control(sim, { action: 'setRentalStable', rentalId })).status, 400, 'a missing value is refused, not taken as null');

      const added = (await (await control(sim, { action: 'addRental', schedulerId: sim.state()[1]?.id, title: 'via-control' })).json()) as { rentalId: number };
      assert.equal((await rentalBody(sim, added.rentalId)).title, 'via-control');
      assert.equal((await control(sim, { action: 'removeRental', rentalId: added.rentalId })).status, 200);

      assert.equal((await control(sim, { action: 'advanceClock', ms: 60_000 })).status, 200);
      assert.equal(((await (await fetch(`${sim.url}/__sim/state`)).json()) as { nowMs: number }).nowMs, STRATUMSPHERE_TEST_BASE_MS + 60_000);

      const old = sim.apiKey;
      assert.deepEqual(await (await control(sim, { action: 'resetKey' })).json(), { ok: true }, 'the new key is only given out by /__sim/keys');
      assert.notEqual(sim.apiKey, old);
      assert.equal(((await (await fetch(`${sim.url}/__sim/keys`)).json()) as { apiKey: string }).apiKey, sim.apiKey);

      assert.equal((await control(sim, { action: 'fault', fault: { kind: 'status', status: 502 }, remaining: 1 })).status, 200);
      assert.equal((await ssCall(sim, '/v1/schedulers')).status, 502);
      assert.equal((await ssCall(sim, '/v1/schedulers')).status, 200);

      assert.equal((await control(sim, { action: 'nope' })).status, 400);
      assert.equal((await fetch(`${sim.url}/__sim/control`, { method: 'POST', body: 'not json' })).status, 400);
      const log = (await (await control(sim, { action: 'requestLog' })).json()) as { requestLog: Array<{ path: string }> };
      assert.ok(log.requestLog.length > 0 && log.requestLog.every((entry) => !entry.path.startsWith('/__sim')));
      const text = JSON.stringify(log);
      assert.ok(!text.includes(sim.apiKey) && !text.includes(old), 'no key in the request log');
    });
  });
});
