// The /__sim control API every pool simulator shares (test/sim/common/control-server.ts), over real HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSbiSim } from '../sim/sbi';
import { startSpiderSim } from '../sim/spider';
import { startStratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim } from '../sim/webminepool';

const BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);
const SHARED_VERBS = ['advanceClock', 'fault', 'clearFaults', 'requestLog'];

interface AnySim {
  url: string;
  close(): Promise<void>;
}

const POOLS: Array<{ name: string; start: () => Promise<AnySim>; ownVerb: string }> = [
  { name: 'sbi', start: () => startSbiSim({ now: () => BASE_MS, seed: 7 }), ownVerb: 'stopWorker' },
  { name: 'spider', start: () => startSpiderSim({ now: () => BASE_MS, seed: 7 }), ownVerb: 'addKey' },
  { name: 'stratumsphere', start: () => startStratumsphereSim({ now: () => BASE_MS, seed: 7 }), ownVerb: 'setRentalConnections' },
  { name: 'webminepool', start: () => startWebMinePoolSim({ now: () => BASE_MS, seed: 7 }), ownVerb: 'startUser' },
];

function control(url: string, body: string): Promise<Response> {
  return fetch(`${url}/__sim/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
}

async function answer(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

for (const pool of POOLS) {
  describe(`${pool.name}: shared /__sim control`, () => {
    test('advanceClock moves the state clock; fault, clearFaults and requestLog act on API requests only', async () => {
      const sim = await pool.start();
      try {
        const before = await answer(await fetch(`${sim.url}/__sim/state`));
        assert.equal(before.status, 200);
        assert.equal(before.body.nowMs, BASE_MS);
        assert.deepEqual((await answer(await control(sim.url, JSON.stringify({ action: 'advanceClock', ms: 90_000 })))).body, { ok: true });
        assert.equal((await answer(await fetch(`${sim.url}/__sim/state`))).body.nowMs, BASE_MS + 90_000);

        const faulted = await control(sim.url, JSON.stringify({ action: 'fault', fault: { kind: 'status', status: 503 }, pathPrefix: '/', remaining: 5 }));
        assert.equal(faulted.status, 200);
        assert.equal(faulted.headers.get('cache-control'), 'no-store');
        assert.equal((await fetch(`${sim.url}/probe/one`)).status, 503);
        assert.equal((await fetch(`${sim.url}/__sim/state`)).status, 200, '/__sim is never faulted');
        assert.equal((await answer(await control(sim.url, JSON.stringify({ action: 'clearFaults' })))).status, 200);
        assert.notEqual((await fetch(`${sim.url}/probe/two`)).status, 503);

        const log = (await answer(await control(sim.url, JSON.stringify({ action: 'requestLog' })))).body.requestLog as Array<{ path: string; status: number }>;
        assert.deepEqual(
          log.map((entry) => [entry.path, entry.status === 503]),
          [
            ['/probe/one', true],
            ['/probe/two', false],
          ],
          '/__sim requests are never logged',
        );
      } finally {
        await sim.close();
      }
    });

    test('bad requests get a 400 or 404 that says what is wrong', async () => {
      const sim = await pool.start();
      try {
        const unknown = await answer(await control(sim.url, JSON.stringify({ action: 'noSuchThing' })));
        assert.equal(unknown.status, 400);
        const listed = String(unknown.body.error);
        for (const verb of [...SHARED_VERBS, pool.ownVerb]) assert.match(listed, new RegExp(`\\b${verb}\\b`), `${verb} is listed`);
        // names every object inherits are not control verbs
        for (const inherited of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
          const reply = await answer(await control(sim.url, JSON.stringify({ action: inherited })));
          assert.equal(reply.status, 400, `${inherited}: ${JSON.stringify(reply.body)}`);
          assert.match(String(reply.body.error), /unknown action/);
        }
        assert.match(String((await answer(await control(sim.url, 'not json'))).body.error), /body must be JSON like \{"action": /);
        assert.deepEqual((await answer(await control(sim.url, '[1]'))).body, { ok: false, error: 'body must be a JSON object' });
        const badField = await answer(await control(sim.url, JSON.stringify({ action: 'advanceClock', ms: 'soon' })));
        assert.deepEqual(badField, { status: 400, body: { ok: false, error: 'ms must be a number' } });
        const missing = await answer(await fetch(`${sim.url}/__sim/nothing`));
        assert.deepEqual(missing, { status: 404, body: { error: 'no such simulator endpoint: GET /__sim/nothing' } });
      } finally {
        await sim.close();
      }
    });
  });
}
