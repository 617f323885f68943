import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSbiAdapter, observerKeyFrom, SBI_WORKER_PAGE_SIZE } from '../../../main/pools/sbi/sbi-adapter';
import { createHttpClient } from '../../../main/pools/http-client';
import type { PollContext } from '../../../main/pools/adapter';
import { PoolError } from '../../../main/base/pool-error';
import { fixture, json, startFixtureServer, type FixtureHandler, type FixtureServer } from '../../support/fixture-server';

const NOW = Date.UTC(2022, 3, 20);
const KEY = { apiKey: 'test-key-id', apiSecret: 'test-key-secret-value' };

function context(baseUrl: string, credentials: Record<string, string> = KEY): PollContext {
  return {
    baseUrl,
    credentials,
    options: { subaccounts: undefined },
    http: createHttpClient({ poolName: 'SBI Crypto Pool', sleep: async () => {}, limits: { maxRetries: 0 } }),
    now: () => NOW,
    previous: null,
  };
}

/** The documented sample responses, one per endpoint. */
function documentedRoutes(): Record<string, FixtureHandler> {
  return {
    '/api/external/v1/account': json(fixture('sbi', 'account.json')),
    '/api/external/v1/subaccounts': json(fixture('sbi', 'subaccounts.json')),
    '/api/external/v1/workers': json(fixture('sbi', 'workers.json')),
    '/api/external/v1/subpools': json(fixture('sbi', 'subpools.json')),
    '/api/external/v2/earnings': json(fixture('sbi', 'earnings-v2.json')),
    '/api/external/v1/earnings': json(fixture('sbi', 'earnings-v1.json')),
    '/api/external/v1/payouts': json(fixture('sbi', 'payouts.json')),
    '/api/external/v1/revenue': json(fixture('sbi', 'revenue.json')),
  };
}

async function pollWith(routes: Record<string, FixtureHandler>, credentials?: Record<string, string>) {
  const server = await startFixtureServer(routes);
  try {
    const reading = await createSbiAdapter().poll(context(server.url, credentials));
    return { reading, server };
  } finally {
    await server.close();
  }
}

async function pollError(routes: Record<string, FixtureHandler>): Promise<PoolError> {
  const server = await startFixtureServer(routes);
  try {
    await createSbiAdapter().poll(context(server.url));
    assert.fail('the poll should have failed');
  } catch (error) {
    assert.ok(error instanceof PoolError, `expected PoolError, got ${String(error)}`);
    return error;
  } finally {
    await server.close();
  }
}

describe('SBI adapter on the documented samples', () => {
  let result: Awaited<ReturnType<typeof pollWith>>;
  before(async () => {
    result = await pollWith(documentedRoutes());
  });

  it('converts account hashrate from MH/s (E-notation) to H/s', () => {
    assert.equal(result.reading.hashrate.h10m, 2.9906012588065426e10 * 1e6);
    assert.equal(result.reading.hashrate.h24h, 3.2469555711894417e10 * 1e6);
    assert.equal(result.reading.poolAccountName, 'marsh@sbicrypto.com');
  });

  it('maps subaccounts to groups with coin, hashrate and counts', () => {
    const batch = result.reading.groups.find((group) => group.name === 'batchtest');
    assert.deepEqual(batch?.workers, { online: 2018, offline: 0, dead: 5482, unknown: 0, total: 7500 });
    assert.equal(batch?.coin, 'BTC');
    assert.equal(batch?.hashrate.h1h, 2.9875754028069027e10 * 1e6);
    assert.equal(result.reading.groups.find((group) => group.name === 'bchtestpayout')?.coin, 'BCH');
  });

  it('maps workers: state, H/s, UTC ISO time, group', () => {
    assert.deepEqual(result.reading.workers, [
      {
        name: 'simulator123-1003397789',
        group: 'batchtest',
        state: 'online',
        hashrate: { h10m: 1.3839186354940586e7 * 1e6, h1h: 1.3487342634052267e7 * 1e6, h24h: 2378202.9282266074 * 1e6 },
        lastShareAt: '2021-09-17T10:04:49.000Z',
        rejectRate: null,
      },
    ]);
  });

  it('uses tx payouts, v2 earnings for the unpaid balance, and the revenue map', () => {
    const { payouts, balances, revenue } = result.reading;
    assert.equal(payouts[0]?.id, 'c80ea9c5-0aca-4c5c-adb9-329f89928552');
    assert.equal(payouts[0]?.status, 'confirmed');
    assert.equal(payouts[0]?.unit, 'coin');
    assert.deepEqual(balances, [{ coin: 'BTC', unpaid: 0.5, unit: 'coin', group: 'agentbsv' }]);
    // ETH's v1 unit is not documented (the sample is neither wei nor whole ETH): it stays in base units, an estimate.
    assert.ok(revenue.every((entry) => entry.unit === 'base-unit' && entry.raw === null && entry.estimate === true));
    assert.deepEqual(
      revenue.map((entry) => [entry.day, entry.coin, entry.amount]),
      [
        ['2022-01-19', 'ETH', 301979.40471687075],
        ['2022-01-20', 'ETH', 81470.53078003156],
      ],
    );
  });

  it('reads subpools as stratum URLs', () => {
    assert.deepEqual(result.reading.stratumServers[0]?.urls, ['stratum+tcp://us1.sbicrypto.com:3333', 'stratum+tcp://eth.us1.sbicrypto.com:3333']);
  });

  it('sends the key headers, JSON Accept, and both paging parameter styles', () => {
    const workersRequest = result.server.requests.find((request) => request.path === '/api/external/v1/workers');
    assert.equal(workersRequest?.headers['x-api-key'], KEY.apiKey);
    assert.equal(workersRequest?.headers['x-api-secret'], KEY.apiSecret);
    assert.equal(workersRequest?.headers.accept, 'application/json');
    assert.equal(workersRequest?.query.get('page'), '0');
    assert.equal(workersRequest?.query.get('pageNumber'), '0');
    assert.equal(workersRequest?.query.get('size'), String(SBI_WORKER_PAGE_SIZE));
    assert.equal(workersRequest?.query.get('sort'), 'name,asc');
  });

  it('has no limitations with a full key', () => {
    assert.deepEqual(result.reading.limitations, []);
  });
});

describe('SBI adapter variants', () => {
  it('reads Bitcoin-family revenue in satoshi as whole coins, marked as estimates, the raw figure kept', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v1/revenue'] = json(
      JSON.stringify({
        estimatedRevenues: {
          '2022-04-20T00:00:00.000+00:00': [{ subaccountName: 'rigs', coin: 'BTC', amount: 448685 }],
          '2022-04-19T00:00:00.000+00:00': [{ subaccountName: 'cash', coin: { id: 145, code: 'BCH', name: 'bitcoin cash' }, amount: 1.5e8 }],
        },
      }),
    );
    const { reading } = await pollWith(routes);
    assert.deepEqual(reading.revenue, [
      { day: '2022-04-19', coin: 'BCH', amount: 1.5, unit: 'coin', raw: { amount: 1.5e8, unit: 'satoshi' }, group: 'cash', estimate: true },
      { day: '2022-04-20', coin: 'BTC', amount: 0.00448685, unit: 'coin', raw: { amount: 448685, unit: 'satoshi' }, group: 'rigs', estimate: true },
    ]);
  });

  it('falls back to v1 earnings when v2 is missing: satoshi become whole coins, the pool\'s figure kept beside them', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v2/earnings'] = json('{"status":404,"error":"Not Found"}', 404);
    routes['/api/external/v1/payouts'] = json('{"error":"access_denied","error_description":"owner only"}', 403);
    const { reading } = await pollWith(routes);
    const payout = reading.payouts.find((entry) => entry.id === 'c8cc4bc2-bce2-478b-8fac-e997a14a4f27');
    assert.equal(payout?.unit, 'coin');
    assert.equal(payout?.amount, 0.00001208);
    assert.deepEqual(payout?.raw, { amount: 1208, unit: 'satoshi' });
    assert.equal(payout?.coin, 'BSV');
    assert.equal(reading.payouts.find((entry) => entry.id.startsWith('d74e'))?.group, 'usonly');
    assert.match(reading.limitations.join(' '), /account owner/);
  });

  it('READ-only key: 403 on financial endpoints becomes a limitation, workers still read', async () => {
    const routes = documentedRoutes();
    const forbidden = json('{"error":"access_denied","error_description":"Access is denied"}', 403);
    for (const path of ['/api/external/v2/earnings', '/api/external/v1/earnings', '/api/external/v1/payouts', '/api/external/v1/revenue']) {
      routes[path] = forbidden;
    }
    const { reading } = await pollWith(routes);
    assert.equal(reading.workers.length, 1);
    assert.deepEqual(reading.payouts, []);
    assert.match(reading.limitations[0] ?? '', /FINANCIALS permission/);
  });

  /** A worker list of `total` rigs, paged as Spring does: `size` capped at `maxSize`; page 1 repeats page 0's last worker. */
  function pagedWorkers(total: number, maxSize: number) {
    const names = Array.from({ length: total }, (_, index) => `rig-${String(index).padStart(5, '0')}`);
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = (_req, url) => {
      const page = Number(url.searchParams.get('page'));
      const size = Math.min(maxSize, Number(url.searchParams.get('size')));
      // Page 1 repeats the last worker of page 0, as happens when the list shifts between requests.
      const start = Math.max(0, page * size - (page === 1 ? 1 : 0));
      const content = names.slice(start, (page + 1) * size).map((name) => ({
        name,
        state: 'ONLINE',
        lastShareTime: '2022-04-20T00:00:00.000+00:00',
        subaccount: 'batchtest',
        hashrates: [1, 1, 1],
      }));
      return { body: JSON.stringify({ content, totalElements: total, totalPages: Math.ceil(total / size), size, number: page }) };
    };
    return routes;
  }

  const pagesAsked = (server: Awaited<ReturnType<typeof pollWith>>['server']) =>
    server.requests.filter((request) => request.path === '/api/external/v1/workers').map((request) => Number(request.query.get('page'))).sort((a, b) => a - b);

  it('reads every page of workers and drops duplicates across pages', async () => {
    const total = 2 * SBI_WORKER_PAGE_SIZE + 50;
    const { reading, server } = await pollWith(pagedWorkers(total, Number.POSITIVE_INFINITY));
    assert.equal(reading.workers.length, total);
    assert.equal(new Set(reading.workers.map((worker) => worker.name)).size, total);
    assert.deepEqual(pagesAsked(server), [0, 1, 2]);
  });

  it('a worker that reads as last poll keeps its object; a changed one is new; a reordered list is still de-duplicated', async () => {
    let shift = 0;
    let changed = '';
    let sharedLater = '';
    const names = Array.from({ length: 30 }, (_, index) => `rig-${String(index).padStart(2, '0')}`);
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = () => {
      const order = [...names.slice(shift), ...names.slice(0, shift), ...(shift > 0 ? [names[0]!] : [])]; // a shifted list repeats rig-00
      const content = order.map((name) => ({
        name,
        state: 'ONLINE',
        subaccount: 'batchtest',
        lastShareTime: name === sharedLater ? '2022-04-20T00:01:00.000+00:00' : '2022-04-20T00:00:00.000+00:00',
        hashrates: [name === changed ? 2 : 1, 1, 1],
      }));
      return { body: JSON.stringify({ content, totalElements: content.length, totalPages: 1, size: 1000, number: 0 }) };
    };
    const server = await startFixtureServer(routes);
    try {
      const adapter = createSbiAdapter();
      const first = await adapter.poll(context(server.url));
      changed = 'rig-05';
      sharedLater = 'rig-06';
      const second = await adapter.poll({ ...context(server.url), previous: first });
      assert.equal(second.workers.length, 30);
      const renewed = new Set(['rig-05', 'rig-06']);
      assert.ok(second.workers.every((worker, index) => renewed.has(worker.name) !== (worker === first.workers[index])), 'only rig-05 and rig-06 are new objects');
      assert.equal(second.workers[6]!.lastShareAt, '2022-04-20T00:01:00.000Z');
      assert.equal(second.workers[6]!.hashrate, first.workers[6]!.hashrate, 'rig-06 only shared later: its hashrates are last poll\'s object');
      assert.notEqual(second.workers[5]!.hashrate, first.workers[5]!.hashrate);
      assert.deepEqual(second.workers[5]!.hashrate, { ...first.workers[5]!.hashrate, h10m: 2e6 });
      shift = 7;
      const third = await adapter.poll({ ...context(server.url), previous: second });
      assert.equal(third.workers.length, 30, 'rig-00, listed twice, is kept once');
      assert.equal(new Set(third.workers.map((worker) => worker.name)).size, 30);
    } finally {
      await server.close();
    }
  });

  it('follows the pages the pool used when it caps the page size below what was asked', async () => {
    const total = 450;
    const { reading, server } = await pollWith(pagedWorkers(total, 200));
    assert.equal(reading.workers.length, total);
    assert.equal(new Set(reading.workers.map((worker) => worker.name)).size, total);
    assert.deepEqual(pagesAsked(server), [0, 1, 2]);
  });

  it('maps an empty-string state to unknown, and numeric strings to numbers', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = json(
      JSON.stringify({
        content: [{ name: 'odd', state: '', lastShareTime: null, subaccount: 'batchtest', hashrates: ['2.5E1', '1', null] }],
        totalElements: 1,
        totalPages: 1,
      }),
    );
    const { reading } = await pollWith(routes);
    assert.deepEqual(reading.workers[0], {
      name: 'odd',
      group: 'batchtest',
      state: 'unknown',
      hashrate: { h10m: 25e6, h1h: 1e6, h24h: null },
      lastShareAt: null,
      rejectRate: null,
    });
  });

  it('401 is an auth error that names the cause and the fix, without the secret', async () => {
    const error = await pollError({ '*': json('{"error":"invalid_token","error_description":"API key expired"}', 401) });
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /rejected the API key \(HTTP 401: API key expired\)/);
    assert.match(error.message, /Create a new API key/);
    assert.ok(!error.message.includes(KEY.apiSecret));
  });

  it('403 on the account summary is a permission error', async () => {
    const error = await pollError({ '*': json('{"error":"access_denied","error_description":"no subaccounts"}', 403) });
    assert.equal(error.kind, 'permission');
    assert.match(error.message, /lacks the READ permission/);
  });

  it('an HTML error page is a bad response that says so', async () => {
    const error = await pollError({ '*': () => ({ status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }) });
    assert.equal(error.kind, 'bad_response');
    assert.match(error.message, /HTML page/);
  });

  it('invalid JSON and wrong types are bad responses naming the data', async () => {
    const invalid = await pollError({ '*': json('{"name": "x", "hashrate": [1,') });
    assert.equal(invalid.kind, 'bad_response');
    assert.match(invalid.message, /invalid JSON for the account summary/);

    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = json('{"content": "not a list"}');
    const wrong = await pollError(routes);
    assert.equal(wrong.kind, 'bad_response');
    assert.match(wrong.message, /the worker list in an unexpected shape: content/);
  });

  it('a missing required field is named', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = json('{"content": [{"state": "ONLINE"}], "totalPages": 1}');
    const error = await pollError(routes);
    assert.match(error.message, /content\.0\.name/);
  });

  it('400 and 422 are pool errors with the pool\'s explanation', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = json('{"status":400,"error":"Bad Request","message":"statusFilter is invalid"}', 400);
    const error = await pollError(routes);
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /HTTP 400: statusFilter is invalid/);
  });

  it('refuses an absurd worker total instead of paging forever', async () => {
    const routes = documentedRoutes();
    routes['/api/external/v1/workers'] = json(JSON.stringify({ content: [], totalElements: 10_000_000, totalPages: 50_000 }));
    const error = await pollError(routes);
    assert.match(error.message, /more than PoolWatch reads/);
  });
});

describe('SBI observer mode', () => {
  it('reads status, hashrates and worker pages with the observer header only', async () => {
    let server: FixtureServer | null = null;
    const routes: Record<string, FixtureHandler> = {
      '/api/observer/v1/workers/status': json(fixture('sbi', 'observer-status.json')),
      '/api/observer/v1/workers/hashrates': json(fixture('sbi', 'observer-hashrates.json')),
      '/api/observer/v1/workers/details': (_req, url) =>
        url.searchParams.get('page') === '0'
          ? { body: JSON.stringify({ content: JSON.parse(fixture('sbi', 'observer-workers.json')).content, totalElements: 2, totalPages: 1 }) }
          : { body: '{"content": [], "totalElements": 2, "totalPages": 1}' },
    };
    server = await startFixtureServer(routes);
    try {
      const reading = await createSbiAdapter().poll(context(server.url, { observerKey: 'https://pool.sbicrypto.com/observers?linkId=obs-link-id' }));
      assert.deepEqual(reading.groups[0]?.workers, { online: 2500, offline: 1648, dead: 26431, unknown: 0, total: 30579 });
      assert.equal(reading.workers.length, 2);
      assert.equal(reading.workers[0]?.state, 'dead');
      assert.equal(reading.workers[0]?.group, 'workeraggregatortest');
      const request = server.requests[0];
      assert.equal(request?.headers['x-observer-key'], 'obs-link-id');
      assert.equal(request?.headers['x-api-key'], undefined);
    } finally {
      await server.close();
    }
  });

  it('takes the key from an observer link or as typed', () => {
    assert.equal(observerKeyFrom(' https://pool.sbicrypto.com/observers?linkId=Q-sfJ-svL '), 'Q-sfJ-svL');
    assert.equal(observerKeyFrom('plainKey123'), 'plainKey123');
  });
});

