import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PollContext, PoolReading } from '../../../main/pools/adapter';
import { createHttpClient } from '../../../main/pools/http-client';
import { PoolError } from '../../../main/base/pool-error';
import { createPoolHttpClient } from '../../../main/pools/registry';
import { createWebMinePoolAdapter as createFromIndex } from '../../../main/pools/webminepool';
import {
  CLI_RATE_ATTRIBUTE,
  createWebMinePoolAdapter,
  HASHES_COIN,
  WEB_RATE_ATTRIBUTE,
  WMC_COIN,
} from '../../../main/pools/webminepool/webminepool-adapter';
import { RATES_REFRESH_MS } from '../../../main/pools/webminepool/webminepool-conversion-rates';
import { fixture, json, startFixtureServer, type FixtureHandler, type FixtureServer } from '../../support/fixture-server';

// Not a real key: long enough for validation, obviously a placeholder.
const KEY = 'test-secret-key-placeholder';
const T0 = Date.UTC(2024, 4, 15, 12, 0, 0);

type Adapter = ReturnType<typeof createWebMinePoolAdapter>;

function context(baseUrl: string, options: { now?: () => number; previous?: PoolReading | null; key?: string } = {}): PollContext {
  const adapter = createWebMinePoolAdapter();
  return {
    baseUrl,
    credentials: { secretKey: options.key ?? KEY },
    options: { subaccounts: undefined },
    http: createHttpClient({ poolName: 'WebMinePool', sleep: async () => {}, limits: { maxRetries: 0 }, redactUrl: adapter.redactUrl! }),
    now: options.now ?? (() => T0),
    previous: options.previous ?? null,
  };
}

const documented: Record<string, FixtureHandler> = {
  balance: json(fixture('webminepool', 'balance.json')),
  hashes: json(fixture('webminepool', 'hashes.json')),
  users: json(fixture('webminepool', 'users.json')),
  hash_rate: json(fixture('webminepool', 'hash-rate.json')),
  hash_rate_cli: json(fixture('webminepool', 'hash-rate-cli.json')),
  wmc_rate: json(fixture('webminepool', 'wmc-rate.json')),
};

/** Routes /api/{key}/{method}/... to a handler per method; a wrong key gets the documented error with HTTP 200. */
function wmpRoutes(overrides: Record<string, FixtureHandler> = {}): Record<string, FixtureHandler> {
  const table: Record<string, FixtureHandler> = { ...documented, ...overrides };
  return {
    '*': (req, url) => {
      const match = /^\/api\/([^/]+)\/([^/]+)/.exec(url.pathname);
      if (!match) return { status: 404, body: '<html>Not Found</html>' };
      if (decodeURIComponent(match[1]!) !== KEY) return { body: fixture('webminepool', 'error-invalid-api-key.json') };
      const handler = table[match[2]!];
      return handler ? handler(req, url) : { body: '{"success":false,"message":"unknown method"}' };
    },
  };
}

async function withServer<T>(routes: Record<string, FixtureHandler>, run: (server: FixtureServer) => Promise<T>): Promise<T> {
  const server = await startFixtureServer(routes);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

async function pollOnce(routes: Record<string, FixtureHandler>, key?: string): Promise<PoolReading> {
  return withServer(routes, (server) => createWebMinePoolAdapter().poll(context(server.url, key ? { key } : {})));
}

async function pollError(routes: Record<string, FixtureHandler>, key?: string): Promise<PoolError> {
  try {
    await pollOnce(routes, key);
  } catch (error) {
    assert.ok(error instanceof PoolError, `expected PoolError, got ${String(error)}`);
    return error;
  }
  return assert.fail('the poll should have failed');
}

describe('WebMinePool adapter on the documented samples', () => {
  let reading: PoolReading;
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer(wmpRoutes());
    reading = await createWebMinePoolAdapter().poll(context(server.url));
  });
  after(() => server.close());

  it('is what the registry entry point returns', () => {
    assert.equal(createFromIndex()?.pool, 'webminepool');
  });

  it('reads the WMC balance and the unpaid hashes, each valued in satoshi from the rates', () => {
    assert.deepEqual(reading.balances, [
      // 12.5 WMC at 80 satoshi per WMC
      { coin: WMC_COIN, unpaid: 12.5, unit: 'coin', group: null, valueSatoshi: 1000 },
      // 3,000,000 hashes at 4 satoshi per 1,000,000 web hashes
      { coin: HASHES_COIN, unpaid: 3_000_000, unit: 'coin', group: null, valueSatoshi: 12 },
    ]);
  });

  it('maps site users to workers grouped by site key; a first poll knows counts but no rates or states', () => {
    assert.deepEqual(
      reading.workers.map((worker) => [worker.group, worker.name, worker.state, worker.hashrate.h10m, worker.attributes?.hashes]),
      [
        ['demo-site-key-one', 'visitor-anna', 'unknown', null, 250_000],
        ['demo-site-key-one', 'visitor-ben', 'unknown', null, 48_000],
        ['demo-site-key-two', 'forum-carl', 'unknown', null, 1_200_000],
      ],
    );
    assert.ok(reading.workers.every((worker) => worker.attributes?.countedAt === new Date(T0).toISOString()));
    assert.deepEqual(reading.hashrate, { h10m: null, h1h: null, h24h: null });
  });

  it('makes one group per site key with counts and the conversion rates as attributes', () => {
    assert.deepEqual(
      reading.groups.map((group) => [group.name, group.coin, group.workers.total, group.workers.unknown]),
      [
        ['demo-site-key-one', 'WMC', 2, 2],
        ['demo-site-key-two', 'WMC', 1, 1],
      ],
    );
    assert.equal(reading.groups[0]?.attributes?.[WEB_RATE_ATTRIBUTE], '4');
    assert.equal(reading.groups[0]?.attributes?.[CLI_RATE_ATTRIBUTE], '5');
    assert.deepEqual(reading.limitations, []);
    assert.deepEqual([reading.payouts, reading.revenue, reading.stratumServers], [[], [], []]);
  });

  it('GETs /api/{secret_key}/{method}, with explicit amounts for the rates', () => {
    assert.ok(server.requests.every((request) => request.method === 'GET'));
    assert.deepEqual(
      server.requests.map((request) => request.path),
      ['balance', 'hashes', 'users/', 'hash_rate/1000000', 'hash_rate_cli/1000000', 'wmc_rate/1'].map((tail) => `/api/${KEY}/${tail}`),
    );
  });
});

describe('WebMinePool adapter: shape variants', () => {
  it('accepts the {status, error} envelope on success answers', async () => {
    const routes = wmpRoutes({
      balance: json('{"status": true, "balance": 2}'),
      hashes: json('{"status": "success", "hashes": 10}'),
      users: json('{"status": 1, "users": []}'),
    });
    const reading = await pollOnce(routes);
    assert.equal(reading.balances[0]?.unpaid, 2);
    assert.equal(reading.balances[1]?.unpaid, 10);
    assert.deepEqual(reading.workers, []);
  });

  it('accepts numbers sent as strings, including E-notation', async () => {
    const routes = wmpRoutes({
      balance: json('{"success": "true", "balance": "0.00012"}'),
      hashes: json('{"success": true, "hashes": "1500000"}'),
      users: json('{"success": true, "users": [{"api_key": "demo-site-key-one", "name": "visitor-anna", "hashes": "42"}]}'),
      hash_rate: json('{"success": true, "satoshi": "4E0"}'),
      wmc_rate: json('{"success": true, "satoshi": "100"}'),
    });
    const reading = await pollOnce(routes);
    assert.deepEqual(
      reading.balances.map((balance) => [balance.coin, balance.unpaid, balance.valueSatoshi]),
      [
        ['WMC', 0.00012, 0.012],
        ['HASHES', 1_500_000, 6],
      ],
    );
    assert.equal(reading.workers[0]?.attributes?.hashes, 42);
  });

  it('accepts a user list encoded as an object (PHP array with gaps), null, numeric names and a missing site key', async () => {
    const asObject = await pollOnce(
      wmpRoutes({ users: json('{"success": true, "users": {"0": {"name": "a-user", "hashes": 5}, "3": {"api_key": "", "name": 1234, "hashes": 6}}}') }),
    );
    assert.deepEqual(
      asObject.workers.map((worker) => [worker.group, worker.name]),
      [
        ['site', 'a-user'],
        ['site', '1234'],
      ],
    );
    assert.deepEqual(asObject.groups.map((group) => group.name), ['site']);
    const none = await pollOnce(wmpRoutes({ users: json('{"success": true, "users": null}') }));
    assert.deepEqual(none.workers, []);
    assert.deepEqual(none.groups, []);
  });

  it('an answer without any envelope flag but with its data is accepted', async () => {
    const reading = await pollOnce(wmpRoutes({ balance: json('{"balance": 3}') }));
    assert.equal(reading.balances[0]?.unpaid, 3);
  });

  it('missing fields are bad responses that name the field', async () => {
    const noBalance = await pollError(wmpRoutes({ balance: json('{"success": true}') }));
    assert.equal(noBalance.kind, 'bad_response');
    assert.match(noBalance.message, /the account balance in an unexpected shape: balance/);
    const noUserHashes = await pollError(wmpRoutes({ users: json('{"success": true, "users": [{"api_key": "k", "name": "x"}]}') }));
    assert.match(noUserHashes.message, /the user list in an unexpected shape: users/);
    const noUsers = await pollError(wmpRoutes({ users: json('{"success": true}') }));
    assert.match(noUsers.message, /the user list in an unexpected shape: users/);
  });

  it('wrong types (PHP false, negative counts, words) are bad responses', async () => {
    for (const body of ['{"success": true, "balance": false}', '{"success": true, "balance": "lots"}', '{"success": true, "balance": -1}']) {
      const error = await pollError(wmpRoutes({ balance: json(body) }));
      assert.equal(error.kind, 'bad_response', body);
      assert.match(error.message, /account balance in an unexpected shape: balance/);
    }
    const listIsFalse = await pollError(wmpRoutes({ users: json('{"success": true, "users": false}') }));
    assert.equal(listIsFalse.kind, 'bad_response');
  });

  it('an HTML page or invalid JSON is a specific bad response', async () => {
    const html = await pollError(wmpRoutes({ balance: () => ({ body: '<!DOCTYPE html><html>Maintenance</html>', headers: { 'Content-Type': 'text/html' } }) }));
    assert.equal(html.kind, 'bad_response');
    assert.match(html.message, /HTML page/);
    const invalid = await pollError(wmpRoutes({ hashes: json('{"success": true, "hashes": 1,}') }));
    assert.match(invalid.message, /invalid JSON for the unpaid hash count/);
  });
});

describe('WebMinePool adapter: documented errors', () => {
  it('"invalid api key" (HTTP 200, {success, message}) is an auth error pointing at Dashboard > Keys', async () => {
    const error = await pollError(wmpRoutes(), 'another-key-that-is-wrong');
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.httpStatus, 200);
    assert.match(error.message, /rejected the secret key \("invalid api key"\)/);
    assert.match(error.message, /Dashboard > Keys/);
    assert.match(error.message, /deleted or refreshed/);
  });

  it('"invalid api key" in the {status, error} envelope is the same auth error', async () => {
    const error = await pollError({ '*': json(fixture('webminepool', 'error-invalid-api-key-status.json')) });
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Dashboard > Keys/);
  });

  it('"internal error" is a pool error that says it is on the pool side', async () => {
    const error = await pollError(wmpRoutes({ users: json(fixture('webminepool', 'error-internal.json')) }));
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /internal error \("internal error"\) while reading the user list/);
    assert.match(error.message, /contact WebMinePool support/);
  });

  it('"nonexistent token" is a pool error', async () => {
    const error = await pollError(wmpRoutes({ balance: json(fixture('webminepool', 'error-nonexistent-token.json')) }));
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /"nonexistent token"/);
  });

  it('an undocumented error shows the pool\'s own words; a bare {error} means failure too', async () => {
    const words = await pollError(wmpRoutes({ hashes: json('{"success": false, "message": "account suspended"}') }));
    assert.equal(words.kind, 'pool_error');
    assert.match(words.message, /refused the request for the unpaid hash count: "account suspended"/);
    const bare = await pollError(wmpRoutes({ hashes: json('{"error": "invalid api key"}') }));
    assert.equal(bare.kind, 'auth');
    const noReason = await pollError(wmpRoutes({ hashes: json('{"success": false}') }));
    assert.match(noReason.message, /no reason given/);
  });

  it('an error envelope with a non-200 status keeps its meaning; 401 without a body is auth; 5xx is the http client\'s', async () => {
    const withStatus = await pollError(wmpRoutes({ balance: json(fixture('webminepool', 'error-invalid-api-key.json'), 403) }));
    assert.equal(withStatus.kind, 'auth');
    assert.equal(withStatus.details.httpStatus, 403);
    const bare401 = await pollError(wmpRoutes({ balance: () => ({ status: 401, body: '' }) }));
    assert.equal(bare401.kind, 'auth');
    const server = await pollError(wmpRoutes({ balance: json(fixture('webminepool', 'error-internal.json'), 500) }));
    assert.equal(server.kind, 'server');
    const missing = await pollError(wmpRoutes({ balance: () => ({ status: 404, body: '<html>no</html>' }) }));
    assert.match(missing.message, /HTTP 404\). Check the account's base URL/);
  });
});

describe('WebMinePool adapter: credentials', () => {
  const adapter = createWebMinePoolAdapter();
  it('refuses keys that cannot work as a path segment', () => {
    assert.match(adapter.validateCredentials!({}, 'secret') ?? '', /Enter the secret key from Dashboard > Keys/);
    assert.match(adapter.validateCredentials!({ secretKey: '   ' }, 'secret') ?? '', /Enter the secret key/);
    assert.match(adapter.validateCredentials!({ secretKey: 'abc/def123' }, 'secret') ?? '', /slashes/);
    assert.match(adapter.validateCredentials!({ secretKey: 'abc def123' }, 'secret') ?? '', /spaces/);
    assert.match(adapter.validateCredentials!({ secretKey: 'short' }, 'secret') ?? '', /too short/);
    assert.equal(adapter.validateCredentials!({ secretKey: ` ${KEY} ` }, 'secret'), null);
  });

  it('a poll without a usable key is a config error, before any request', async () => {
    await withServer(wmpRoutes(), async (server) => {
      const ctx = { ...context(server.url), credentials: {} };
      await assert.rejects(createWebMinePoolAdapter().poll(ctx), (error: PoolError) => error.kind === 'config');
      assert.equal(server.requests.length, 0);
    });
  });

  it('a base URL with a path prefix and a trailing slash is joined correctly', async () => {
    await withServer({ '*': (req, url) => wmpRoutes()['*']!(req, new URL(url.pathname.replace(/^\/proxy/, ''), url)) }, async (server) => {
      await createWebMinePoolAdapter().poll(context(`${server.url}/proxy/`));
      assert.equal(server.requests[0]?.path, `/proxy/api/${KEY}/balance`);
    });
  });
});

describe('WebMinePool adapter: conversion rates cache', () => {
  it('reads rates once per 30 minutes per adapter instance', async () => {
    await withServer(wmpRoutes(), async (server) => {
      const adapter = createWebMinePoolAdapter();
      let now = T0;
      let previous: PoolReading | null = null;
      const rateRequests = (): number => server.requests.filter((request) => /\/(hash_rate|hash_rate_cli|wmc_rate)\//.test(request.path)).length;
      for (const step of [0, 10 * 60_000, 10 * 60_000]) {
        now += step;
        previous = await adapter.poll(context(server.url, { now: () => now, previous }));
      }
      assert.equal(rateRequests(), 3, 'three rates read once in 20 minutes');
      now += RATES_REFRESH_MS;
      previous = await adapter.poll(context(server.url, { now: () => now, previous }));
      assert.equal(rateRequests(), 6, 'read again after 30 minutes');
      assert.equal(previous.balances[0]?.valueSatoshi, 1000);
      await createWebMinePoolAdapter().poll(context(server.url, { now: () => now }));
      assert.equal(rateRequests(), 9, 'another account (adapter) has its own cache');
    });
  });

  it('a failing rate leaves the value null without failing the poll, and keeps an older rate when there is one', async () => {
    let failing = true;
    const rate: FixtureHandler = (req, url) => (failing ? { body: fixture('webminepool', 'error-internal.json') } : documented.wmc_rate!(req, url));
    await withServer(wmpRoutes({ wmc_rate: rate }), async (server) => {
      const adapter = createWebMinePoolAdapter();
      const first = await adapter.poll(context(server.url));
      assert.equal(first.balances[0]?.valueSatoshi, null);
      assert.equal(first.balances[1]?.valueSatoshi, 12, 'the other rates still apply');
      failing = false;
      const second = await adapter.poll(context(server.url, { previous: first }));
      assert.equal(second.balances[0]?.valueSatoshi, 1000, 'an incomplete reading is retried at the next poll');
      failing = true;
      const later = T0 + RATES_REFRESH_MS + 1;
      const third = await adapter.poll(context(server.url, { now: () => later, previous: second }));
      assert.equal(third.balances[0]?.valueSatoshi, 1000, 'the last known rate outlives a failed refresh');
    });
  });
});

/** A pool whose counts the test sets between polls, polled by one adapter on a test-controlled clock. */
function counterPool() {
  const state = { hashes: 1_000, users: [] as Array<{ api_key?: string; name: string; hashes: number }> };
  const routes = wmpRoutes({
    hashes: () => ({ body: JSON.stringify({ success: true, hashes: state.hashes }) }),
    users: () => ({ body: JSON.stringify({ success: true, users: state.users }) }),
  });
  return { state, routes };
}

async function pollSeries(steps: Array<{ atMs: number; hashes: number; users: Array<{ name: string; hashes: number; api_key?: string }> }>): Promise<PoolReading[]> {
  const { state, routes } = counterPool();
  return withServer(routes, async (server) => {
    const adapter: Adapter = createWebMinePoolAdapter();
    const readings: PoolReading[] = [];
    for (const step of steps) {
      state.hashes = step.hashes;
      state.users = step.users.map((user) => ({ api_key: 'demo-site-key-one', ...user }));
      readings.push(await adapter.poll(context(server.url, { now: () => step.atMs, previous: readings.at(-1) ?? null })));
    }
    return readings;
  });
}

function byName(reading: PoolReading | undefined, name: string) {
  const worker = reading?.workers.find((candidate) => candidate.name === name);
  assert.ok(worker, `${name} in the reading`);
  return worker;
}

describe('WebMinePool adapter: hashrates from successive counts', () => {
  it('rate = Δhashes / Δseconds between two polls; growing is online, unchanged is offline', async () => {
    const [first, second] = await pollSeries([
      { atMs: T0, hashes: 10_000, users: [{ name: 'miner', hashes: 1_000 }, { name: 'idle', hashes: 500 }] },
      { atMs: T0 + 60_000, hashes: 40_000, users: [{ name: 'miner', hashes: 7_000 }, { name: 'idle', hashes: 500 }] },
    ]);
    assert.equal(byName(first, 'miner').hashrate.h10m, null, 'no rate from one count');
    assert.equal(byName(second, 'miner').hashrate.h10m, 100);
    assert.equal(byName(second, 'miner').state, 'online');
    assert.deepEqual(byName(second, 'idle').hashrate, { h10m: 0, h1h: null, h24h: null });
    assert.equal(byName(second, 'idle').state, 'offline');
    assert.equal(second?.hashrate.h10m, 500, 'account rate from its unpaid-hash counter (30,000 in 60 s)');
    assert.deepEqual(second?.groups[0]?.workers, { online: 1, offline: 1, dead: 0, unknown: 0, total: 2 });
    assert.equal(second?.groups[0]?.hashrate.h10m, 100);
  });

  it('a count reset to zero is a restart: rate 0 and offline, never negative', async () => {
    const readings = await pollSeries([
      { atMs: T0, hashes: 1, users: [{ name: 'u', hashes: 10_000 }] },
      { atMs: T0 + 60_000, hashes: 1, users: [{ name: 'u', hashes: 16_000 }] },
      { atMs: T0 + 120_000, hashes: 1, users: [{ name: 'u', hashes: 0 }] },
    ]);
    assert.equal(byName(readings[2], 'u').hashrate.h10m, 0);
    assert.equal(byName(readings[2], 'u').state, 'offline');
  });

  it('a reset followed by mining at the known pace counts from zero (a lower bound); a withdrawal leaving a remainder gives no rate', async () => {
    const readings = await pollSeries([
      { atMs: T0, hashes: 1, users: [{ name: 'reset', hashes: 10_000 }, { name: 'withdrawn', hashes: 50_000 }] },
      { atMs: T0 + 60_000, hashes: 1, users: [{ name: 'reset', hashes: 16_000 }, { name: 'withdrawn', hashes: 56_000 }] },
      // reset: 16,000 -> 0, then 3,000 mined; withdrawal: 56,000 - 30,000 + 6,000
      { atMs: T0 + 120_000, hashes: 1, users: [{ name: 'reset', hashes: 3_000 }, { name: 'withdrawn', hashes: 32_000 }] },
      { atMs: T0 + 180_000, hashes: 1, users: [{ name: 'reset', hashes: 9_000 }, { name: 'withdrawn', hashes: 38_000 }] },
    ]);
    assert.equal(byName(readings[2], 'reset').hashrate.h10m, 50);
    assert.equal(byName(readings[2], 'reset').state, 'online');
    assert.equal(byName(readings[2], 'withdrawn').hashrate.h10m, null);
    assert.equal(byName(readings[2], 'withdrawn').state, 'unknown');
    assert.equal(byName(readings[3], 'withdrawn').hashrate.h10m, 100, 'the next poll derives from the new count');
    assert.equal(byName(readings[3], 'withdrawn').state, 'online');
  });

  it('a payout (the account counter falls): the larger of the restart estimate and the users\' rates summed', async () => {
    const users = (a: number, b: number) => [{ name: 'a', hashes: a }, { name: 'b', hashes: b }];
    const readings = await pollSeries([
      { atMs: T0, hashes: 900_000, users: users(0, 0) },
      // no earlier account rate: only the users tell (10 + 20 H/s)
      { atMs: T0 + 100_000, hashes: 5_000, users: users(1_000, 2_000) },
      { atMs: T0 + 200_000, hashes: 105_000, users: users(2_000, 4_000) },
      // paid out, then 20,000 hashes: 200 H/s since the payout at best, more than the users' 30 H/s
      { atMs: T0 + 300_000, hashes: 20_000, users: users(3_000, 6_000) },
      // paid out again just before the poll: the users' rates are the better lower bound
      { atMs: T0 + 400_000, hashes: 0, users: users(4_000, 8_000) },
    ]);
    assert.deepEqual(
      readings.map((reading) => reading.hashrate.h10m),
      [null, 30, 1_000, 200, 30],
    );
  });

  it('users gone from the list become dead with their last count, stay dead, come back online, and are forgotten after 30 days', async () => {
    const day = 86_400_000;
    const readings = await pollSeries([
      { atMs: T0, hashes: 1, users: [{ name: 'stays', hashes: 10 }, { name: 'leaves', hashes: 777 }] },
      { atMs: T0 + 60_000, hashes: 1, users: [{ name: 'stays', hashes: 20 }] },
      { atMs: T0 + 120_000, hashes: 1, users: [{ name: 'stays', hashes: 30 }] },
      { atMs: T0 + 180_000, hashes: 1, users: [{ name: 'stays', hashes: 40 }, { name: 'leaves', hashes: 800 }, { name: 'newcomer', hashes: 5 }] },
      { atMs: T0 + 240_000, hashes: 1, users: [{ name: 'stays', hashes: 50 }] },
      { atMs: T0 + 31 * day, hashes: 1, users: [{ name: 'stays', hashes: 60 }] },
    ]);
    const gone = byName(readings[1], 'leaves');
    assert.equal(gone.state, 'dead');
    assert.deepEqual(gone.hashrate, { h10m: 0, h1h: null, h24h: null });
    assert.equal(gone.attributes?.hashes, 777);
    assert.equal(gone.attributes?.countedAt, new Date(T0).toISOString(), 'when it was last listed');
    assert.equal(byName(readings[2], 'leaves').state, 'dead', 'still dead a poll later');
    assert.equal(readings[2]?.groups[0]?.workers.dead, 1);
    assert.equal(byName(readings[3], 'leaves').state, 'online', 'listed again: it mined');
    assert.equal(byName(readings[3], 'leaves').hashrate.h10m, null, 'no rate across an absence');
    assert.equal(byName(readings[3], 'newcomer').state, 'online', 'new in the 3-day list: it mined since the last poll');
    assert.equal(byName(readings[4], 'leaves').state, 'dead');
    assert.deepEqual(readings[5]?.workers.map((worker) => worker.name), ['stays'], 'dead for over 30 days: forgotten');
  });
});

describe('WebMinePool adapter: the secret key never leaves the request wrapper', () => {
  const SECRET = 'sk-very-secret-9f8e7d6c5b4a';

  function assertNoSecret(value: unknown, secret: string, seen = new Set<unknown>()): void {
    if (value === null || value === undefined || seen.has(value)) return;
    seen.add(value);
    if (typeof value === 'string') {
      assert.ok(!value.includes(secret) && !value.includes(encodeURIComponent(secret)), `secret found in: ${value}`);
      return;
    }
    if (typeof value !== 'object') return;
    if (value instanceof Error) {
      assertNoSecret(value.message, secret, seen);
      assertNoSecret(String(value), secret, seen);
      assertNoSecret(value.stack, secret, seen);
      assertNoSecret(value.cause, secret, seen);
    }
    for (const key of Object.getOwnPropertyNames(value)) assertNoSecret((value as Record<string, unknown>)[key], secret, seen);
  }

  async function errorFrom(baseUrl: string, options: { key?: string; timeoutMs?: number } = {}): Promise<unknown> {
    const adapter = createWebMinePoolAdapter();
    const http = createHttpClient({
      poolName: 'WebMinePool',
      sleep: async () => {},
      limits: { maxRetries: 1, timeoutMs: options.timeoutMs ?? 2_000 },
      redactUrl: adapter.redactUrl!,
    });
    try {
      await adapter.poll({ ...context(baseUrl), http, credentials: { secretKey: options.key ?? SECRET } });
    } catch (error) {
      return error;
    }
    return assert.fail('the poll should have failed');
  }

  it('redactUrl hides the key segment, secret-looking query values, and keys behind a base path ending in /api', () => {
    const adapter = createWebMinePoolAdapter();
    assert.equal(adapter.redactUrl!(`https://mail.webminepool.com/api/${SECRET}/users/`), 'https://mail.webminepool.com/api/[redacted]/users/');
    assert.equal(adapter.redactUrl!(`https://h/api/${SECRET}/withdraw/bob/10?secret_key=${SECRET}&x=1`), 'https://h/api/[redacted]/withdraw/bob/10?secret_key=[redacted]&x=1');
    assert.ok(!adapter.redactUrl!(`https://proxy.example/api/api/${SECRET}/balance`).includes(SECRET));
    assert.ok(!adapter.redactUrl!(`http://h/API/${SECRET}`).includes(SECRET));
  });

  it('the http client the engine builds for this adapter uses the same redaction', () => {
    const adapter = createWebMinePoolAdapter();
    const url = `https://mail.webminepool.com/api/${SECRET}/balance`;
    assert.equal(createPoolHttpClient(adapter, undefined, Date.now).redact(url), adapter.redactUrl!(url));
  });

  it('a rejected key', async () => {
    await withServer(wmpRoutes(), async (server) => {
      const error = await errorFrom(server.url);
      assert.ok(error instanceof PoolError && error.kind === 'auth');
      assertNoSecret(error, SECRET);
    });
  });

  it('a pool that echoes the key or the URL in its error text', async () => {
    await withServer({ '*': (_req, url) => ({ body: JSON.stringify({ success: false, message: `bad request to http://x${url.pathname} with key ${SECRET}` }) }) }, async (server) => {
      const error = await errorFrom(server.url);
      assert.ok(error instanceof PoolError);
      assert.match(error.message, /\[redacted\]/);
      assertNoSecret(error, SECRET);
    });
  });

  it('connection refused', async () => {
    const closed = await startFixtureServer({});
    const url = closed.url;
    await closed.close();
    const error = await errorFrom(url);
    assert.ok(error instanceof PoolError && error.kind === 'unreachable');
    assert.match(error.message, /refused/);
    assertNoSecret(error, SECRET);
  });

  it('connection reset', async () => {
    await withServer({ '*': () => 'reset' }, async (server) => {
      const error = await errorFrom(server.url);
      assert.ok(error instanceof PoolError && error.kind === 'unreachable');
      assertNoSecret(error, SECRET);
    });
  });

  it('a timeout', async () => {
    const { createServer } = await import('node:http');
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = hanging.address() as { port: number };
      const error = await errorFrom(`http://127.0.0.1:${port}`, { timeoutMs: 150 });
      assert.ok(error instanceof PoolError && error.kind === 'unreachable');
      assert.match(error.message, /did not answer/);
      assertNoSecret(error, SECRET);
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('a key with characters that need percent-encoding is sent encoded and scrubbed in both forms', async () => {
    const odd = 'odd+key&with=chars';
    await withServer({ '*': (_req, url) => ({ body: JSON.stringify({ success: false, message: `no such key ${url.pathname}` }) }) }, async (server) => {
      const error = await errorFrom(server.url, { key: odd });
      assert.equal(server.requests[0]?.path, `/api/${encodeURIComponent(odd)}/balance`);
      assertNoSecret(error, odd);
    });
  });
});
