// Contract tests for the Stratumsphere adapter. The public docs hold no sample responses, so the fixtures in
// test/fixtures/stratumsphere follow NOTES.md and the fields public client code reads (isStable, hashrate,
// rejectedHashesPerSeconds, connections_count), in both envelopes and with numbers as strings.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import type { PollContext, PoolReading } from '../../../main/pools/adapter';
import { createHttpClient } from '../../../main/pools/http-client';
import { PoolError } from '../../../main/base/pool-error';
import { createStratumsphereAdapter, MAX_RENTALS_PER_POLL } from '../../../main/pools/stratumsphere';
import { fixture, json, startFixtureServer, type FixtureHandler, type FixtureServer } from '../../support/fixture-server';

const NOW = Date.UTC(2024, 4, 15, 12);
const KEY = 'test-api-key-not-a-secret-0001';
const SCHEDULERS = '/v1/schedulers';
const rentalPath = (id: string | number): string => `/v1/scheduler-rental/${id}`;

function context(baseUrl: string, apiKey = KEY): PollContext {
  return {
    baseUrl,
    credentials: { apiKey },
    options: { subaccounts: undefined },
    http: createHttpClient({ poolName: 'Stratumsphere', sleep: async () => {}, limits: { maxRetries: 0 } }),
    now: () => NOW,
    previous: null,
  };
}

/** Answers like the service: the raw key in Authorization or "invalid key" (in a 401 body here). */
function authed(handler: FixtureHandler): FixtureHandler {
  return (req, url) => (req.headers.authorization === KEY ? handler(req, url) : { status: 401, body: fixture('stratumsphere', 'error-invalid-key-401.json') });
}

function documentedRoutes(): Record<string, FixtureHandler> {
  return {
    [SCHEDULERS]: authed(json(fixture('stratumsphere', 'schedulers.json'))),
    [rentalPath(101)]: authed(json(fixture('stratumsphere', 'rental-101.json'))),
    [rentalPath(102)]: authed(json(fixture('stratumsphere', 'rental-102.json'))),
    [rentalPath(103)]: authed(json(fixture('stratumsphere', 'rental-103-wrapped.json'))),
    [rentalPath(201)]: authed(json(fixture('stratumsphere', 'rental-201.json'))),
  };
}

async function pollWith(routes: Record<string, FixtureHandler>, apiKey = KEY, baseSuffix = ''): Promise<{ reading: PoolReading; server: FixtureServer }> {
  const server = await startFixtureServer(routes);
  try {
    const reading = await createStratumsphereAdapter().poll(context(`${server.url}${baseSuffix}`, apiKey));
    return { reading, server };
  } finally {
    await server.close();
  }
}

async function pollError(routes: Record<string, FixtureHandler>, apiKey = KEY): Promise<{ error: PoolError; server: FixtureServer }> {
  const server = await startFixtureServer(routes);
  try {
    await createStratumsphereAdapter().poll(context(server.url, apiKey));
    return assert.fail('the poll should have failed');
  } catch (error) {
    assert.ok(error instanceof PoolError, `expected PoolError, got ${String(error)}`);
    assert.ok(!error.message.includes(KEY), 'the key never appears in a message');
    return { error, server };
  } finally {
    await server.close();
  }
}

describe('Stratumsphere adapter on the documented shapes', () => {
  let result: Awaited<ReturnType<typeof pollWith>>;
  before(async () => {
    result = await pollWith(documentedRoutes());
  });

  it('maps each scheduler to a group: attributes, no coin, its own H/s figures, rental counts', () => {
    const [main, threshold] = result.reading.groups;
    assert.deepEqual(main, {
      name: 'Main SHA256',
      coin: null,
      hashrate: { h10m: 370e12, h1h: null, h24h: 360e12 },
      workers: { online: 2, offline: 1, dead: 0, unknown: 0, total: 3 },
      attributes: { schedulerId: '12', type: 'miners', algorithm: 'SHA256', location: 'us-central', unstableRentals: '2' },
      identity: 'stratumsphere:scheduler:12',
    });
    assert.deepEqual(threshold?.attributes, { schedulerId: '13', type: 'threshold', algorithm: 'scrypt', location: 'europe', unstableRentals: '0' });
    assert.deepEqual(threshold?.hashrate, { h10m: 3e9, h1h: null, h24h: 2.9e9 });
    assert.deepEqual(result.reading.hashrate, { h10m: 370e12 + 3e9, h1h: null, h24h: 360e12 + 2.9e9 });
  });

  it('maps each rental to a worker: state from connections, raw H/s, reject rate, attributes', () => {
    assert.deepEqual(result.reading.workers, [
      {
        name: 'order-4821',
        group: 'Main SHA256',
        state: 'online',
        hashrate: { h10m: 150e12, h1h: null, h24h: null },
        lastShareAt: null,
        rejectRate: 1.5e12 / (150e12 + 1.5e12),
        attributes: { rentalId: '101', connections: 3, stable: true, rejectedHps: 1.5e12 },
      },
      {
        name: 'order-4822',
        group: 'Main SHA256',
        state: 'online',
        hashrate: { h10m: 100e12, h1h: null, h24h: null },
        lastShareAt: null,
        rejectRate: 1e12 / 101e12,
        attributes: { rentalId: '102', connections: 2, stable: false, rejectedHps: 1e12 },
      },
      {
        name: 'order-4823',
        group: 'Main SHA256',
        state: 'offline',
        hashrate: { h10m: null, h1h: null, h24h: null },
        lastShareAt: null,
        rejectRate: null,
        attributes: { rentalId: '103', connections: 0, stable: false, rejectedHps: null },
      },
      {
        name: 'night-shift',
        group: 'EU Threshold',
        state: 'online',
        hashrate: { h10m: 1e9, h1h: null, h24h: null },
        lastShareAt: null,
        rejectRate: 0,
        attributes: { rentalId: '201', connections: 1, stable: true, rejectedHps: 0 },
      },
    ]);
  });

  it('never copies the rental\'s pool login into the model', () => {
    const text = JSON.stringify(result.reading);
    assert.ok(!text.includes('buyer17.rig') && !text.includes('"password"') && !text.includes('stratum+tcp'));
  });

  it('sends GET with the raw key in Authorization (no Bearer) and JSON Accept, under /v1/', () => {
    const paths = result.server.requests.map((request) => request.path).sort();
    assert.deepEqual(paths, [SCHEDULERS, rentalPath(101), rentalPath(102), rentalPath(103), rentalPath(201)].sort());
    for (const request of result.server.requests) {
      assert.equal(request.method, 'GET');
      assert.equal(request.headers.authorization, KEY);
      assert.equal(request.headers.accept, 'application/json');
    }
  });

  it('has no limitations, balances or payouts (a marketplace has none to read)', () => {
    assert.deepEqual(result.reading.limitations, []);
    assert.deepEqual([result.reading.balances, result.reading.payouts, result.reading.revenue], [[], [], []]);
  });
});

describe('Stratumsphere adapter variants', () => {
  it('flat list, string numbers, embedded rental figures: no detail request, names made unique, unknown keywords kept', async () => {
    const { reading, server } = await pollWith({ [SCHEDULERS]: authed(json(fixture('stratumsphere', 'schedulers-flat.json'))) });
    assert.deepEqual(server.requests.map((request) => request.path), [SCHEDULERS]);
    assert.deepEqual(
      reading.groups.map((group) => [group.name, group.attributes?.type, group.attributes?.algorithm, group.attributes?.location]),
      [
        ['Kaspa test #7', 'miners', 'kHeavyHash', 'asia-east'],
        ['Kaspa test #8', 'Threshold', 'Scrypt', 'Europe'],
        ['no rental list', 'miners', 'SHA256', 'europe'],
      ],
    );
    assert.deepEqual(
      reading.workers.map((worker) => [worker.name, worker.group, worker.state, worker.hashrate.h10m, worker.attributes?.stable]),
      [
        ['dup #1', 'Kaspa test #7', 'online', 1000, true],
        ['dup #2', 'Kaspa test #7', 'online', 2000, false],
        ['rental 3', 'Kaspa test #7', 'offline', 0, null],
      ],
    );
    assert.equal(reading.workers[0]?.rejectRate, 10 / 1010);
    assert.equal(reading.groups[0]?.hashrate.h10m, 5000, 'the scheduler\'s own figure wins over the rental sum');
    assert.equal(reading.groups[0]?.attributes?.unstableRentals, '1');
    assert.deepEqual(reading.groups[1]?.workers, { online: 0, offline: 0, dead: 0, unknown: 0, total: 0 });
    assert.deepEqual(reading.limitations, []);
  });

  it('a scheduler without its own figures shows the sum of its rentals', async () => {
    const routes = documentedRoutes();
    routes[SCHEDULERS] = json(JSON.stringify({ success: true, data: [{ id: 12, name: 'Bare', rentals: [101, 102] }] }));
    const { reading } = await pollWith(routes);
    assert.deepEqual(reading.groups[0]?.hashrate, { h10m: 250e12, h1h: null, h24h: null });
    assert.deepEqual(reading.groups[0]?.attributes, { schedulerId: '12', unstableRentals: '1' });
  });

  it('accepts {success, data: {schedulers: [...]}} and {schedulers: [...]}', async () => {
    const list = JSON.parse(fixture('stratumsphere', 'schedulers.json')).data;
    for (const body of [{ success: true, data: { schedulers: list } }, { schedulers: list }]) {
      const routes = documentedRoutes();
      routes[SCHEDULERS] = json(JSON.stringify(body));
      const { reading } = await pollWith(routes);
      assert.deepEqual(reading.groups.map((group) => group.name), ['Main SHA256', 'EU Threshold']);
      assert.equal(reading.workers.length, 4);
    }
  });

  it('a base URL that already ends in /v1/ is not doubled', async () => {
    const { reading, server } = await pollWith(documentedRoutes(), KEY, '/v1/');
    assert.equal(reading.workers.length, 4);
    assert.ok(server.requests.every((request) => !request.path.includes('/v1/v1/')));
  });

  it('a rental deleted between the list and its detail (404) is left out; a refused one (403) is a limitation', async () => {
    const routes = documentedRoutes();
    routes[rentalPath(102)] = json('{"success": false, "message": "Rental not found"}', 404);
    routes[rentalPath(103)] = json('{"success": false, "message": "This rental belongs to another account"}', 403);
    const { reading } = await pollWith(routes);
    assert.deepEqual(reading.workers.map((worker) => worker.name), ['order-4821', 'night-shift']);
    assert.deepEqual(reading.limitations, ['Stratumsphere refused 1 rental (HTTP 403: This rental belongs to another account); they are left out.']);
  });

  it('a scheduler list that names no rentals at all says so', async () => {
    const { reading } = await pollWith({ [SCHEDULERS]: json('{"success": true, "data": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]}') });
    assert.equal(reading.workers.length, 0);
    assert.match(reading.limitations[0] ?? '', /names no rentals/);
  });

  it('an empty account is fine', async () => {
    const { reading } = await pollWith({ [SCHEDULERS]: json('{"success": true, "data": []}') });
    assert.deepEqual([reading.groups, reading.workers, reading.limitations], [[], [], []]);
  });

  it(`reads at most ${MAX_RENTALS_PER_POLL} rentals a poll, counts the rest as unknown and says why`, async () => {
    const total = MAX_RENTALS_PER_POLL + 120;
    const ids = Array.from({ length: total }, (_, index) => 5000 + index);
    const routes: Record<string, FixtureHandler> = {
      [SCHEDULERS]: json(JSON.stringify({ success: true, data: [{ id: 1, name: 'Big', rentals: ids }] })),
      '*': (_req, url) => {
        const id = url.pathname.split('/').pop();
        return { body: JSON.stringify({ id, title: `r${id}`, hashrate: 10, rejectedHashesPerSeconds: 0, connections_count: 1, isStable: true }) };
      },
    };
    const { reading, server } = await pollWith(routes);
    assert.equal(server.requests.filter((request) => request.path.startsWith('/v1/scheduler-rental/')).length, MAX_RENTALS_PER_POLL);
    assert.equal(reading.workers.length, MAX_RENTALS_PER_POLL);
    assert.deepEqual(reading.groups[0]?.workers, { online: MAX_RENTALS_PER_POLL, offline: 0, dead: 0, unknown: 120, total });
    assert.match(reading.limitations.join(' '), new RegExp(`has ${total} rentals; PoolWatch reads ${MAX_RENTALS_PER_POLL} of them.*other 120`));
  });

  it('keeps at most 4 rental requests in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const ids = Array.from({ length: 24 }, (_, index) => index + 1);
    const server = createServer((req: IncomingMessage, res) => {
      if (req.url === SCHEDULERS) {
        res.end(JSON.stringify({ success: true, data: [{ id: 1, name: 'S', rentals: ids }] }));
        return;
      }
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.end(JSON.stringify({ hashrate: 1, connections_count: 1 }));
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const reading = await createStratumsphereAdapter().poll(context(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      assert.equal(reading.workers.length, 24);
      assert.ok(maxInFlight <= 4 && maxInFlight >= 2, `max in flight ${maxInFlight}`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('Stratumsphere errors', () => {
  it('"invalid key" in a 200 {success:false} body is an auth error that points at Account → Integrations', async () => {
    const { error } = await pollError({ '*': json(fixture('stratumsphere', 'error-invalid-key-200.json')) });
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /rejected the API key \(invalid key\)/);
    assert.match(error.message, /reset under Account → Integrations/);
    assert.match(error.message, /stops the old key/);
  });

  it('"invalid key" as {error} in a 401 or as {message} in a 403 is an auth error too', async () => {
    const unauthorized = await pollError({ '*': json(fixture('stratumsphere', 'error-invalid-key-401.json'), 401) });
    assert.equal(unauthorized.error.kind, 'auth');
    assert.match(unauthorized.error.message, /\(HTTP 401: invalid key\)/);
    const forbidden = await pollError({ '*': json('{"success": false, "message": "Invalid key"}', 403) });
    assert.equal(forbidden.error.kind, 'auth');
    assert.match(forbidden.error.message, /\(HTTP 403: Invalid key\)/);
  });

  it('a key rejected on a rental fails the poll as auth, without firing the remaining rental requests', async () => {
    const ids = Array.from({ length: 60 }, (_, index) => index + 1);
    const { error, server } = await pollError({
      [SCHEDULERS]: json(JSON.stringify({ success: true, data: [{ id: 1, name: 'S', rentals: ids }] })),
      '*': json('{"error": "invalid key"}', 401),
    });
    assert.equal(error.kind, 'auth');
    const rentalRequests = server.requests.filter((request) => request.path.startsWith('/v1/scheduler-rental/')).length;
    assert.ok(rentalRequests <= 8, `${rentalRequests} rental requests after the key was refused`);
  });

  it('401 without a body is still an auth error', async () => {
    const { error } = await pollError({ '*': json('', 401) });
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /\(HTTP 401\)/);
  });

  it('"Bearer <key>" is refused by the service like any wrong key, and the message says to drop the word', async () => {
    const { error, server } = await pollError(documentedRoutes(), `Bearer ${KEY}`);
    assert.equal(error.kind, 'auth');
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`, 'sent as stored: the adapter adds no prefix and strips none');
    assert.match(error.message, /starts with "Bearer".*remove that word/);
  });

  it('{success:false, message} in HTTP 200 is a pool error carrying the message', async () => {
    const { error } = await pollError({ '*': json(fixture('stratumsphere', 'error-success-false.json')) });
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /could not give the scheduler list: Scheduler service is temporarily unavailable/);
  });

  it('403 on the scheduler list is a permission error; 404 points at the base URL', async () => {
    const forbidden = await pollError({ '*': json('{"success": false, "message": "Forbidden"}', 403) });
    assert.equal(forbidden.error.kind, 'permission');
    const missing = await pollError({ '*': json('{"success": false, "message": "Not found"}', 404) });
    assert.equal(missing.error.kind, 'pool_error');
    assert.match(missing.error.message, /base URL/);
  });

  it('422 is a pool error with the pool\'s words', async () => {
    const { error } = await pollError({ '*': json('{"message": "The given data was invalid.", "errors": {}}', 422) });
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /HTTP 422: The given data was invalid\./);
  });

  it('a pool message that echoes the key never carries it', async () => {
    const { error } = await pollError({ '*': json(JSON.stringify({ success: false, message: `invalid key ${KEY}` })) });
    assert.match(error.message, /\[redacted\]/);
  });

  it('HTML, invalid JSON, wrong types and missing fields are bad responses naming the data', async () => {
    const html = await pollError({ '*': () => ({ status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }) });
    assert.equal(html.error.kind, 'bad_response');
    assert.match(html.error.message, /HTML page/);

    const invalid = await pollError({ '*': json('{"success": true, "data": [') });
    assert.match(invalid.error.message, /invalid JSON for the scheduler list/);

    const wrongList = await pollError({ [SCHEDULERS]: json('{"success": true, "data": "[]"}') });
    assert.match(wrongList.error.message, /the scheduler list in an unexpected shape: body/);

    const routes = documentedRoutes();
    routes[rentalPath(102)] = json('{"id": 102, "hashrate": "fast", "connections_count": "2"}');
    const wrongRental = await pollError(routes);
    assert.equal(wrongRental.error.kind, 'bad_response');
    assert.match(wrongRental.error.message, /rental 102 in an unexpected shape: hashrate/);

    const missingRoutes = documentedRoutes();
    missingRoutes[rentalPath(101)] = json('{"id": 101, "title": "order-4821", "isStable": true}');
    const missing = await pollError(missingRoutes);
    assert.match(missing.error.message, /rental 101 in an unexpected shape: hashrate \(missing\), connections_count \(missing\)/);

    const noId = await pollError({ [SCHEDULERS]: json('[{"name": "no id", "rentals": []}]') });
    assert.match(noId.error.message, /scheduler list in an unexpected shape: 0\.id/);
  });
});

describe('Stratumsphere credentials', () => {
  const adapter = createStratumsphereAdapter();

  it('asks for a key, refuses a Bearer prefix and keys with spaces or line breaks', () => {
    assert.match(adapter.validateCredentials?.({ apiKey: '  ' }, 'api-key') ?? '', /Account → Integrations/);
    assert.match(adapter.validateCredentials?.({ apiKey: `Bearer ${KEY}` }, 'api-key') ?? '', /without "Bearer"/);
    assert.match(adapter.validateCredentials?.({ apiKey: 'abc def' }, 'api-key') ?? '', /spaces/);
    assert.match(adapter.validateCredentials?.({ apiKey: 'abc\ndef' }, 'api-key') ?? '', /line breaks/);
    assert.equal(adapter.validateCredentials?.({ apiKey: ` ${KEY} ` }, 'api-key'), null);
  });

  it('a poll without a key is a config error and sends nothing', async () => {
    const { error, server } = await pollError(documentedRoutes(), '');
    assert.equal(error.kind, 'config');
    assert.equal(server.requests.length, 0);
  });

  it('trims the key before sending it', async () => {
    const { server } = await pollWith(documentedRoutes(), `  ${KEY}\n`);
    assert.equal(server.requests[0]?.headers.authorization, KEY);
  });
});
