// WebMinePool simulator over real HTTP: keys in the path, documented shapes, counts on the sim clock,
// the 3-day user list, rates with amounts, both envelopes, tokens, user management, the request log.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture } from '../support/fixture-server';
import { LISTED_WITHIN_MS, startWebMinePoolSim } from '../sim/webminepool/index';
import { wmpCall, wmpJson, WMP_TEST_BASE_MS, withWmpSim, type WmpUserRow } from '../sim/webminepool/test-client';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type Body = Record<string, unknown>;

/** Same keys, and the same JSON type per key, as a documented sample (recursively into objects and list items). */
function assertSameShape(actual: unknown, documented: unknown, path = 'body'): void {
  const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
  assert.equal(kind(actual), kind(documented), `${path} type`);
  if (Array.isArray(documented) && Array.isArray(actual) && documented.length > 0) {
    for (const [index, item] of actual.entries()) assertSameShape(item, documented[0], `${path}[${index}]`);
  } else if (kind(documented) === 'object') {
    const expected = documented as Body;
    const got = actual as Body;
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort(), `${path} keys`);
    for (const key of Object.keys(expected)) assertSameShape(got[key], expected[key], `${path}.${key}`);
  }
}

async function userRows(sim: Parameters<typeof wmpJson>[0]): Promise<WmpUserRow[]> {
  const { body } = await wmpJson<{ users: WmpUserRow[] }>(sim, 'users');
  return body.users;
}

async function userHashes(sim: Parameters<typeof wmpJson>[0], name: string): Promise<number> {
  const { body } = await wmpJson<{ success: boolean; hashes: number }>(sim, 'user_hashes', [name]);
  assert.equal(body.success, true, JSON.stringify(body));
  return body.hashes;
}

describe('secret keys', () => {
  test('random per start, hex, never the same twice; same seed gives the same public data', async () => {
    const a = await startWebMinePoolSim({ seed: 5, now: () => WMP_TEST_BASE_MS });
    const b = await startWebMinePoolSim({ seed: 5, now: () => WMP_TEST_BASE_MS });
    try {
      assert.match(a.secretKey, /^[0-9a-f]{40}$/);
      assert.notEqual(a.secretKey, b.secretKey);
      assert.deepEqual(a.siteKeys, b.siteKeys);
      assert.equal(a.balance(), b.balance());
      assert.deepEqual(a.rates(), b.rates());
      assert.equal(a.accountHashes(), b.accountHashes());
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a wrong, revoked or refreshed key gets "invalid api key" with HTTP 200, on every method', async () => {
    await withWmpSim({}, async (sim) => {
      for (const method of ['balance', 'users', 'hash_rate', 'no_such_method']) {
        const { status, body } = await wmpJson(sim, method, [], { key: 'not-the-key-0000' });
        assert.equal(status, 200);
        assert.deepEqual(body, { success: false, message: 'invalid api key' }, method);
      }
      const second = sim.addKey();
      assert.equal((await wmpJson(sim, 'balance', [], { key: second })).body.success, true);
      sim.revokeKey(second);
      assert.equal((await wmpJson(sim, 'balance', [], { key: second })).body.message, 'invalid api key');
      const refreshed = sim.refreshKey(sim.secretKey);
      assert.equal((await wmpJson(sim, 'balance')).body.message, 'invalid api key', 'the old key stops working');
      assert.equal((await wmpJson(sim, 'balance', [], { key: refreshed })).body.success, true);
      assert.deepEqual(sim.secretKeys(), [refreshed]);
    });
  });

  test('the request log holds paths with the key redacted, and no secret query values', async () => {
    await withWmpSim({}, async (sim) => {
      await wmpCall(sim, 'users');
      await fetch(`${sim.url}/api/${sim.secretKey}/user_hashes/${sim.secretKey}?secret_key=${sim.secretKey}&x=1`);
      await wmpCall(sim, 'balance', [], { key: 'some-wrong-key-value' });
      const log = JSON.stringify(sim.requestLog);
      assert.ok(!log.includes(sim.secretKey));
      assert.ok(!log.includes('some-wrong-key-value'), 'a wrong key is redacted too');
      assert.deepEqual(
        sim.requestLog.map((entry) => [entry.method, entry.path, entry.status]),
        [
          ['GET', '/api/[redacted]/users', 200],
          ['GET', '/api/[redacted]/user_hashes/[redacted]', 200],
          ['GET', '/api/[redacted]/balance', 200],
        ],
      );
      assert.deepEqual(sim.requestLog[1]?.query, { secret_key: '[redacted]', x: '1' });
    });
  });
});

describe('documented shapes', () => {
  test('every method answers with the keys and types of the documented sample', async () => {
    await withWmpSim({}, async (sim) => {
      const token = (await wmpJson<{ token_id: string }>(sim, 'set_token', [1000, 'alice'])).body;
      assertSameShape(token, JSON.parse(fixture('webminepool', 'set-token.json')));
      assertSameShape((await wmpJson(sim, 'get_token', [token.token_id])).body, JSON.parse(fixture('webminepool', 'get-token.json')));
      const samples: Array<[string, Array<string | number>, string]> = [
        ['users', [], 'users.json'],
        ['balance', [], 'balance.json'],
        ['hashes', [], 'hashes.json'],
        ['user_hashes', ['alice'], 'user-hashes.json'],
        ['hash_rate', [], 'hash-rate.json'],
        ['hash_rate_cli', [], 'hash-rate-cli.json'],
        ['wmc_rate', [], 'wmc-rate.json'],
        ['create_user', ['newbie', 'referrer-x'], 'create-user.json'],
        ['withdraw', ['alice', 10], 'withdraw.json'],
        ['reset_user_hashes', ['bob'], 'reset-user-hashes.json'],
        ['delete_user', ['newbie'], 'delete-user.json'],
        ['reset_all_user_hashes', [], 'reset-all-user-hashes.json'],
      ];
      for (const [method, params, sample] of samples) {
        const { status, body } = await wmpJson(sim, method, params);
        assert.equal(status, 200, method);
        assertSameShape(body, JSON.parse(fixture('webminepool', sample)), method);
      }
      const failure = (await wmpJson(sim, 'get_token', ['no-such-token'])).body;
      assert.deepEqual(failure, JSON.parse(fixture('webminepool', 'error-nonexistent-token.json')));
    });
  });

  test('{status, error} envelope, set for all or per method; numbers as strings', async () => {
    await withWmpSim({ envelope: 'status', envelopeByMethod: { users: 'success' } }, async (sim) => {
      assert.deepEqual(Object.keys((await wmpJson(sim, 'balance')).body), ['status', 'balance']);
      assert.equal((await wmpJson(sim, 'balance')).body.status, true);
      assert.deepEqual((await wmpJson(sim, 'balance', [], { key: 'wrong-key-value-1' })).body, { status: false, error: 'invalid api key' });
      assert.equal((await wmpJson(sim, 'users')).body.success, true, 'users keeps the {success} style');
      sim.setEnvelope('success');
      sim.setNumbers('string');
      const balance = (await wmpJson(sim, 'balance')).body;
      assert.equal(balance.success, true);
      assert.equal(typeof balance.balance, 'string');
      assert.equal(Number(balance.balance), sim.balance());
      const rows = await userRows(sim);
      assert.equal(typeof rows[0]?.hashes, 'string');
    });
  });

  test('a trailing slash is the same method; other verbs get 405; paths outside /api are the website\'s 404', async () => {
    await withWmpSim({}, async (sim) => {
      const slash = await fetch(`${sim.url}/api/${sim.secretKey}/users/`);
      assert.equal(((await slash.json()) as Body).success, true);
      const post = await wmpCall(sim, 'balance', [], { httpMethod: 'POST' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET');
      const site = await fetch(`${sim.url}/dashboard`);
      assert.equal(site.status, 404);
      assert.match(site.headers.get('content-type') ?? '', /text\/html/);
      assert.deepEqual((await wmpJson(sim, 'no_such_method')).body, { success: false, message: 'unknown method' });
    });
  });
});

describe('users and their hash counts on the simulator clock', () => {
  test('counts grow at each user\'s own rate; stop freezes, start resumes', async () => {
    await withWmpSim({}, async (sim) => {
      const alice = await userHashes(sim, 'alice');
      const carol = await userHashes(sim, 'carol');
      sim.advanceClock(MINUTE);
      assert.equal(await userHashes(sim, 'alice'), alice + 40 * 60);
      assert.equal(await userHashes(sim, 'carol'), carol + 120 * 60);
      sim.stopUser('alice');
      const stopped = await userHashes(sim, 'alice');
      sim.advanceClock(MINUTE);
      assert.equal(await userHashes(sim, 'alice'), stopped);
      sim.startUser('alice');
      sim.advanceClock(10_000);
      assert.equal(await userHashes(sim, 'alice'), stopped + 400);
    });
  });

  test('/users lists only users who mined within 3 days of the sim clock', async () => {
    await withWmpSim({}, async (sim) => {
      const names = async (): Promise<string[]> => (await userRows(sim)).map((row) => row.name).sort();
      assert.deepEqual(await names(), ['alice', 'bob', 'carol', 'dave'], 'erin mined 4 days ago');
      const rows = await userRows(sim);
      assert.equal(rows.find((row) => row.name === 'carol')?.api_key, sim.siteKeys[1]);
      sim.advanceClock(LISTED_WITHIN_MS - HOUR);
      assert.ok((await names()).includes('dave'), 'dave stopped an hour before start: just inside');
      sim.advanceClock(HOUR + MINUTE);
      assert.deepEqual(await names(), ['alice', 'bob', 'carol']);
      sim.startUser('erin');
      assert.deepEqual(await names(), ['alice', 'bob', 'carol', 'erin']);
      assert.equal(await userHashes(sim, 'dave'), 51_000, 'unlisted users still exist');
    });
  });

  test('reset to zero, withdraw, reset all; the account\'s unpaid hashes do not fall with them', async () => {
    await withWmpSim({}, async (sim) => {
      const unpaid = sim.accountHashes();
      assert.equal((await wmpJson(sim, 'reset_user_hashes', ['carol'])).body.success, true);
      assert.equal(await userHashes(sim, 'carol'), 0);
      sim.advanceClock(1_000);
      assert.equal(await userHashes(sim, 'carol'), 120);
      assert.equal((await wmpJson(sim, 'withdraw', ['alice', 25_000])).body.success, true);
      assert.equal(await userHashes(sim, 'alice'), 125_000 + 40 - 25_000);
      assert.deepEqual((await wmpJson(sim, 'withdraw', ['alice', 10_000_000])).body, { success: false, message: 'not enough hashes' });
      assert.equal((await wmpJson(sim, 'withdraw', ['alice', -5])).body.message, 'invalid amount');
      sim.withdraw('bob', 1_000);
      assert.throws(() => sim.withdraw('bob', 1e9), /fewer/);
      sim.resetUser('bob');
      assert.equal(await userHashes(sim, 'bob'), 0);
      await wmpJson(sim, 'reset_all_user_hashes');
      assert.equal(await userHashes(sim, 'alice'), 0);
      assert.equal(sim.accountHashes(), unpaid + (40 + 15 + 120 + 500) * 1, 'one second of mining, nothing taken off');
      const { body } = await wmpJson<{ hashes: number }>(sim, 'hashes');
      assert.equal(body.hashes, sim.accountHashes());
    });
  });

  test('create, delete, and errors for unknown users', async () => {
    await withWmpSim({}, async (sim) => {
      assert.equal((await wmpJson(sim, 'create_user', ['zed', 'from-forum'])).body.success, true);
      assert.deepEqual((await wmpJson(sim, 'create_user', ['zed'])).body, { success: false, message: 'user already exists' });
      assert.equal(await userHashes(sim, 'zed'), 0);
      assert.ok(!(await userRows(sim)).some((row) => row.name === 'zed'), 'never mined: not listed');
      assert.equal(sim.users().find((user) => user.name === 'zed')?.referral, 'from-forum');
      assert.equal((await wmpJson(sim, 'delete_user', ['zed'])).body.success, true);
      for (const [method, params] of [['delete_user', ['zed']], ['user_hashes', ['zed']], ['withdraw', ['zed', 1]], ['reset_user_hashes', ['zed']]] as const) {
        assert.deepEqual((await wmpJson(sim, method, [...params])).body, { success: false, message: 'user does not exist' }, method);
      }
      assert.deepEqual((await wmpJson(sim, 'user_hashes')).body, { success: false, message: 'missing parameter: username' });
      const unpaid = sim.accountHashes();
      sim.deleteUser('carol');
      assert.equal(sim.accountHashes(), unpaid, 'a deleted user\'s hashes stay the account\'s');
    });
  });
});

describe('balance, payouts and conversion rates', () => {
  test('rates price an amount (hashes default 1,000,000, WMC default 1) and drift by day, not within it', async () => {
    await withWmpSim({}, async (sim) => {
      const rates = sim.rates();
      const satoshi = async (method: string, params: Array<string | number> = []): Promise<number> => (await wmpJson<{ satoshi: number }>(sim, method, params)).body.satoshi;
      assert.equal(await satoshi('hash_rate'), rates.satoshiPerMillionWebHashes);
      assert.equal(await satoshi('hash_rate', [1_000_000]), rates.satoshiPerMillionWebHashes);
      assert.equal(await satoshi('hash_rate', [1]), Number((rates.satoshiPerMillionWebHashes / 1e6).toPrecision(10)));
      assert.equal(await satoshi('hash_rate_cli', [2_000_000]), Number((rates.satoshiPerMillionCliHashes * 2).toPrecision(10)));
      assert.ok(rates.satoshiPerMillionCliHashes > rates.satoshiPerMillionWebHashes);
      assert.equal(await satoshi('wmc_rate'), rates.satoshiPerWmc);
      assert.equal(await satoshi('wmc_rate', ['2.5']), Number((rates.satoshiPerWmc * 2.5).toPrecision(10)));
      assert.equal((await wmpJson(sim, 'wmc_rate', ['abc'])).body.message, 'invalid amount');
      sim.advanceClock(HOUR);
      assert.deepEqual(sim.rates(), rates, 'same day, same rates');
      sim.advanceClock(DAY);
      assert.notDeepEqual(sim.rates(), rates, 'rates follow the sim clock');
    });
  });

  test('the doc\'s other reading of the default (1 hash) is an option', async () => {
    await withWmpSim({ defaultHashAmount: 1 }, async (sim) => {
      const { body } = await wmpJson<{ satoshi: number }>(sim, 'hash_rate');
      assert.equal(body.satoshi, Number((sim.rates().satoshiPerMillionWebHashes / 1e6).toPrecision(10)));
    });
  });

  test('a payout turns unpaid hashes into WMC at the web rate', async () => {
    await withWmpSim({ anonymousHps: 0 }, async (sim) => {
      const before = (await wmpJson<{ balance: number }>(sim, 'balance')).body.balance;
      const hashes = sim.accountHashes();
      const rates = sim.rates();
      sim.payHashes();
      assert.equal((await wmpJson<{ hashes: number }>(sim, 'hashes')).body.hashes, 0);
      const after = (await wmpJson<{ balance: number }>(sim, 'balance')).body.balance;
      assert.ok(Math.abs(after - before - (hashes / 1e6) * (rates.satoshiPerMillionWebHashes / rates.satoshiPerWmc)) < 1e-7);
      sim.advanceClock(1_000);
      assert.equal(sim.accountHashes(), 40 + 15 + 120);
    });
  });
});

describe('tokens', () => {
  test('a user token verifies when the user\'s count reaches the goal; unset deletes token and user', async () => {
    await withWmpSim({}, async (sim) => {
      const start = await userHashes(sim, 'bob');
      const { token_id: tokenId } = (await wmpJson<{ token_id: string }>(sim, 'set_token', [150, 'bob'])).body;
      const pending = (await wmpJson<{ state: number; end_hashes: number; done_at: { date: string; timezone: string } }>(sim, 'get_token', [tokenId])).body;
      assert.equal(pending.state, 0);
      assert.equal(pending.end_hashes, start + 150);
      assert.equal(pending.done_at.date, '2024-05-15 12:00:00.000000');
      assert.equal(pending.done_at.timezone, 'UTC');
      sim.advanceClock(10_000);
      const done = (await wmpJson<{ state: number; done_at: { date: string } }>(sim, 'get_token', [tokenId, 'unset'])).body;
      assert.equal(done.state, 1);
      assert.equal(done.done_at.date, '2024-05-15 12:00:10.000000');
      assert.equal((await wmpJson(sim, 'get_token', [tokenId])).body.message, 'nonexistent token');
      assert.ok(!sim.userNames().includes('bob'), 'unset removes the user as well');
    });
  });

  test('an account token follows the unpaid hashes; unset before verification keeps it', async () => {
    await withWmpSim({}, async (sim) => {
      const { token_id: tokenId } = (await wmpJson<{ token_id: string }>(sim, 'set_token', [1_000_000])).body;
      assert.equal((await wmpJson<{ state: number }>(sim, 'get_token', [tokenId, '1'])).body.state, 0);
      sim.advanceClock(30 * MINUTE);
      assert.equal((await wmpJson<{ state: number }>(sim, 'get_token', [tokenId])).body.state, 1);
      assert.equal((await wmpJson(sim, 'set_token', ['lots'])).body.message, 'invalid amount');
    });
  });
});
