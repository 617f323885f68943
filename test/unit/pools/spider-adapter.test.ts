import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PollContext, PoolReading } from '../../../main/pools/adapter';
import { createHttpClient } from '../../../main/pools/http-client';
import { PoolError } from '../../../main/base/pool-error';
import { createSpiderAdapter, WORKER_HISTORY_PER_POLL } from '../../../main/pools/spider/spider-adapter';
import { classifyFailure, CLOCK_HINT } from '../../../main/pools/spider/spider-errors';
import type { PoolAdapter } from '../../../main/pools/adapter';
import { fixture } from '../../support/fixture-server';
import { startRecordingServer, type RecordedRequest, type RecordingHandler, type RecordingServer } from '../../sim/spider/recording-server';

const NOW = Date.UTC(2024, 5, 6, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
// Generated per run: the repository holds no key material.
const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
const CREDENTIALS = {
  accessKey: randomBytes(16).toString('hex').toUpperCase(),
  privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
};

const PATH = {
  info: '/v2/subaccount/getSubaccountInfo',
  workers: '/v2/worker/getSubaccountWorkerDetailInfo',
  hashrate: '/v2/subaccount/getSubaccountHashrateDetailInfo',
  workerHashrate: '/v2/worker/getSubaccountWorkerHashrateDetailInfo',
  profit: '/v2/subaccount/getSubaccountProfitInfo',
  profitDetail: '/v2/subaccount/getSubaccountProfitDetailInfo',
  dayProfit: '/v2/sp/subaccount/getDayProfitDetailInfo',
  payments: '/v2/subaccount/getSubaccountPaymentRecord',
} as const;

function context(baseUrl: string, overrides: Partial<PollContext> = {}): PollContext {
  return {
    baseUrl,
    credentials: CREDENTIALS,
    options: { subaccounts: undefined },
    http: createHttpClient({ poolName: 'Spider Pool', sleep: async () => {}, limits: { maxRetries: 0 } }),
    now: () => NOW,
    previous: null,
    ...overrides,
  };
}

function signatureValid(request: RecordedRequest): boolean {
  const body = request.body;
  if (!body || typeof body.dataJson !== 'string' || typeof body.timestamp !== 'number' || typeof body.sign !== 'string') return false;
  return createVerify('RSA-MD5').update(`${body.dataJson}|${body.timestamp}`, 'utf8').verify(pair.publicKey, body.sign, 'base64');
}

/** Answers with the body only when the request is signed by the test key, as Spider would. */
function signed(body: string | ((request: RecordedRequest) => string)): RecordingHandler {
  return (request) =>
    signatureValid(request)
      ? { body: typeof body === 'string' ? body : body(request) }
      : { body: '{"code":"SIGN_ERROR","msg":"Signature verification failed"}' };
}

const envelope = (data: unknown, code: string | number = 'SUCCESS'): string => JSON.stringify({ code, data });

function documentedRoutes(): Record<string, RecordingHandler> {
  return {
    [PATH.info]: signed(fixture('spider', 'subaccount-info.json')),
    [PATH.workers]: signed(fixture('spider', 'workers.json')),
    [PATH.hashrate]: signed(fixture('spider', 'hashrate-detail.json')),
    [PATH.workerHashrate]: signed(fixture('spider', 'worker-hashrate-detail.json')),
    [PATH.profit]: signed(fixture('spider', 'profit-info.json')),
    [PATH.profitDetail]: signed(fixture('spider', 'profit-detail.json')),
    [PATH.dayProfit]: signed(fixture('spider', 'day-profit.json')),
    [PATH.payments]: signed(fixture('spider', 'payment-record.json')),
  };
}

function withRoutes(changes: Record<string, RecordingHandler>): Record<string, RecordingHandler> {
  return { ...documentedRoutes(), ...changes };
}

async function pollWith(routes: Record<string, RecordingHandler>, overrides: Partial<PollContext> = {}) {
  const server = await startRecordingServer(routes);
  try {
    const reading = await createSpiderAdapter().poll(context(server.url, overrides));
    return { reading, server };
  } finally {
    await server.close();
  }
}

function assertNoSecret(text: string): void {
  assert.ok(!text.includes(CREDENTIALS.accessKey), 'no access key');
  assert.ok(!text.includes(CREDENTIALS.privateKey.slice(40, 80)), 'no private key');
}

async function pollError(routes: Record<string, RecordingHandler>, overrides: Partial<PollContext> = {}): Promise<PoolError> {
  const server = await startRecordingServer(routes);
  try {
    await createSpiderAdapter().poll(context(server.url, overrides));
    assert.fail('the poll should have failed');
  } catch (error) {
    assert.ok(error instanceof PoolError, `expected PoolError, got ${String(error)}`);
    assertNoSecret(error.message);
    return error;
  } finally {
    await server.close();
  }
}

const requestsTo = (server: RecordingServer, path: string) => server.requests.filter((request) => request.path === path);

describe('Spider adapter on the documented samples (subaccounts discovered)', () => {
  let result: Awaited<ReturnType<typeof pollWith>>;
  before(async () => {
    result = await pollWith(documentedRoutes());
  });

  it('makes one group per subaccount and coin, hashrate strings in H/s, counts from the worker list', () => {
    assert.deepEqual(result.reading.groups, [
      {
        name: 'test001 (BTC)',
        coin: 'BTC',
        hashrate: { h10m: 9789798686766, h1h: null, h24h: 88667987952 },
        workers: { online: 1, offline: 0, dead: 0, unknown: 0, total: 1 },
        attributes: { Subaccount: 'test001', 'Payout address': '33Vxq5DN4vAXkv7swDp4zNZJWkazsDgwLq' },
        identity: 'spider:subaccount:test001:BTC',
      },
    ]);
    assert.deepEqual(result.reading.hashrate, { h10m: 9789798686766, h1h: null, h24h: 88667987952 });
    assert.equal(result.reading.poolAccountName, null);
  });

  it('maps workers: active = online, H/s, lastShareTime seconds to UTC ISO, reject rate', () => {
    assert.deepEqual(result.reading.workers, [
      {
        name: 'test001',
        group: 'test001 (BTC)',
        state: 'online',
        hashrate: { h10m: 2079080822, h1h: null, h24h: 20979879837 },
        lastShareAt: '2020-01-10T10:49:28.000Z',
        rejectRate: 0.001,
      },
    ]);
  });

  it('maps profit info to the unpaid balance, total earned, and yesterday/today rows (today\'s an estimate)', () => {
    assert.deepEqual(result.reading.balances, [{ coin: 'BTC', unpaid: 0.575366, unit: 'coin', group: 'test001 (BTC)', totalEarned: 26.026078521 }]);
    assert.deepEqual(result.reading.revenue, [
      { day: '2024-06-05', coin: 'BTC', amount: 0.6150533, unit: 'coin', group: 'test001 (BTC)' },
      { day: '2024-06-06', coin: 'BTC', amount: 0.575366, unit: 'coin', group: 'test001 (BTC)', estimate: true },
    ]);
  });

  it('reads day profits from both endpoints: dayDate in ms (China midnight) and day in seconds (UTC)', () => {
    assert.deepEqual(result.reading.dailyEarnings, [
      { day: '2019-09-28', coin: 'BTC', amount: 0.647981779, unit: 'coin', group: 'test001 (BTC)' },
      { day: '2024-05-28', coin: 'BTC', amount: 0.0000052632731696429, unit: 'coin', group: 'test001 (BTC)' },
    ]);
  });

  it('maps payment records: paymentDate in ms, confirmed when a txId exists', () => {
    assert.deepEqual(result.reading.payouts, [
      {
        id: '097a39595c261f141de2174d8639fd9c18122236b14f9d08c91e82aea2a87e61',
        coin: 'BTC',
        amount: 0.0666348,
        unit: 'coin',
        status: 'confirmed',
        txId: '097a39595c261f141de2174d8639fd9c18122236b14f9d08c91e82aea2a87e61',
        at: '2019-07-31T00:00:00.000Z',
        group: 'test001 (BTC)',
      },
    ]);
  });

  it('reads the hourly and daily hashrate charts: startTime in ms, timeInterval in seconds', () => {
    const hour = result.reading.history?.find((series) => series.resolution === 'hour');
    assert.deepEqual(hour, {
      group: 'test001 (BTC)',
      worker: null,
      resolution: 'hour',
      points: [
        { at: '2019-09-28T12:45:00.000Z', hps: 86989808092 },
        { at: '2019-09-28T13:45:00.000Z', hps: 87758098015 },
        { at: '2019-09-28T14:45:00.000Z', hps: 88708080889 },
        { at: '2019-09-28T15:45:00.000Z', hps: 87167897971 },
      ],
    });
    assert.equal(result.reading.history?.filter((series) => series.resolution === 'day').length, 1);
    assert.deepEqual(result.reading.limitations, []);
  });

  it('signs every request: POST JSON {dataJson, accessKey, timestamp, sign}, dataJson a string, timestamp the local ms', () => {
    assert.ok(result.server.requests.length >= 8);
    for (const request of result.server.requests) {
      assert.equal(request.method, 'POST');
      assert.match(String(request.headers['content-type']), /application\/json/);
      assert.deepEqual(Object.keys(request.body ?? {}).sort(), ['accessKey', 'dataJson', 'sign', 'timestamp']);
      assert.equal(typeof request.body?.dataJson, 'string');
      assert.equal(request.body?.timestamp, NOW);
      assert.equal(request.body?.accessKey, CREDENTIALS.accessKey);
      assert.ok(signatureValid(request), `signature of ${request.path}`);
    }
  });

  it('sends the documented parameters: no filter to discover, lower-case coins, seconds or ms as each endpoint wants', () => {
    const [info] = requestsTo(result.server, PATH.info);
    assert.equal(info?.body?.dataJson, '{}');
    for (const request of result.server.requests.filter((candidate) => candidate.path !== PATH.info)) assert.equal(request.params.coin, 'btc');
    assert.deepEqual(requestsTo(result.server, PATH.workers)[0]?.params, { coin: 'btc', subaccount: 'test001', pageNum: 1, pageNumber: 1, pageSize: 100 });
    assert.deepEqual(requestsTo(result.server, PATH.hashrate).map((request) => request.params.mode), ['hourly', 'daily']);
    const detail = requestsTo(result.server, PATH.profitDetail)[0]?.params;
    assert.equal(detail?.endTimestamp, NOW / 1000, 'profit detail takes seconds');
    assert.equal(detail?.startTimestamp, (NOW - 32 * DAY) / 1000); // 31 days and one more: Spider's days start at 16:00 UTC
    const payments = requestsTo(result.server, PATH.payments)[0]?.params;
    assert.equal(payments?.endTimestamp, NOW, 'payment records take milliseconds');
    assert.equal(payments?.startTimestamp, NOW - 90 * DAY);
    assert.equal(requestsTo(result.server, PATH.dayProfit)[0]?.params.timeStamp, Date.UTC(2024, 5, 5) / 1000, 'yesterday, UTC, in seconds');
  });
});

describe('Spider envelopes and error codes', () => {
  it('accepts both success conventions on any endpoint', async () => {
    const info = JSON.parse(fixture('spider', 'subaccount-info.json')) as { data: unknown };
    const { reading } = await pollWith(
      withRoutes({
        [PATH.info]: signed(JSON.stringify({ code: 200, msg: 'Success', t: NOW, data: info.data, success: true })),
        [PATH.dayProfit]: signed(envelope({ day: 1716854400, coin: 'btc', dayProfit: 0.5 })),
      }),
    );
    assert.equal(reading.groups[0]?.name, 'test001 (BTC)');
    assert.equal(reading.dailyEarnings?.find((row) => row.day === '2024-05-28')?.amount, 0.5);
  });

  it('code "500" inside HTTP 200 is a pool-side error with the pool\'s message', async () => {
    const error = await pollError(withRoutes({ [PATH.info]: signed(fixture('spider', 'error-500.json')) }));
    assert.equal(error.kind, 'server');
    assert.equal(error.details.httpStatus, 200);
    assert.match(error.message, /internal error answering the subaccount list \(code 500: System busy, please try again later\)/);
    assert.match(error.message, /keeps trying/);
    const numeric = await pollError(withRoutes({ [PATH.info]: signed('{"code":500,"msg":"oops","success":false,"t":1}') }));
    assert.equal(numeric.kind, 'server');
  });

  it('another string code on a call the poll needs fails it with the pool\'s message', async () => {
    const error = await pollError(withRoutes({ [PATH.info]: signed('{"code":"INVALID_PARAM","msg":"Parameter error"}') }));
    assert.equal(error.kind, 'pool_error');
    assert.match(error.message, /refused the request for the subaccount list \(INVALID_PARAM: Parameter error\)/);
  });

  it('a refused optional call becomes a limitation; the rest is still read', async () => {
    const { reading } = await pollWith(withRoutes({ [PATH.payments]: signed('{"code":"INVALID_PARAM","msg":"Parameter error"}') }));
    assert.deepEqual(reading.payouts, []);
    assert.equal(reading.workers.length, 1);
    assert.deepEqual(reading.limitations, ['The payment records of test001 (BTC) are unavailable (INVALID_PARAM: Parameter error).']);
  });

  it('success: false fails even with code 200', async () => {
    const { reading } = await pollWith(withRoutes({ [PATH.workers]: signed('{"code":200,"msg":"worker service offline","success":false,"t":1}') }));
    assert.match(reading.limitations.join(' '), /workers of test001 \(BTC\) are unavailable \(200: worker service offline\)/);
    assert.equal(reading.groups[0]?.workers.total, 110, 'counts fall back to the subaccount info');
  });

  it('the /v2/sp day profit is a supplement: its failure leaves the profit list in place', async () => {
    const { reading } = await pollWith(withRoutes({ [PATH.dayProfit]: signed(fixture('spider', 'error-500.json')) }));
    assert.deepEqual(reading.dailyEarnings?.map((row) => row.day), ['2019-09-28']);
    assert.deepEqual(reading.limitations, []);
  });

  it('HTTP 404 points at the base URL; HTML, invalid JSON, double-encoded data and a missing code are named', async () => {
    const missing = await pollError({ '*': () => ({ status: 404, body: '{"status":404}' }) });
    assert.equal(missing.kind, 'pool_error');
    assert.match(missing.message, /no endpoint for the subaccount list at this address \(HTTP 404\)\. Check the account's base URL/);
    const html = await pollError({ '*': () => ({ body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }) });
    assert.match(html.message, /HTML page/);
    const invalid = await pollError({ '*': () => ({ body: '{"code":"SUCCESS","data":[' }) });
    assert.match(invalid.message, /invalid JSON for the subaccount list/);
    const doubled = await pollError(withRoutes({ [PATH.info]: signed(JSON.stringify({ code: 'SUCCESS', data: fixture('spider', 'subaccount-info.json') })) }));
    assert.equal(doubled.kind, 'bad_response');
    assert.match(doubled.message, /the subaccount list in an unexpected shape: data/);
    const noCode = await pollError({ '*': () => ({ body: '{"msg":"hello"}' }) });
    assert.match(noCode.message, /code \(neither code nor success is present\)/);
    const unnamed = await pollError(withRoutes({ [PATH.workers]: signed(envelope([{ status: 'active' }])) }));
    assert.match(unnamed.message, /data\.list\.0\.workerName/);
  });
});

describe('Spider auth failures and the clock', () => {
  it('a bad signature is an auth error with the pool\'s message and the clock hint', async () => {
    const error = await pollError({ '*': () => ({ body: '{"code":"SIGN_ERROR","msg":"Signature verification failed"}' }) });
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /rejected the signed request for the subaccount list \(SIGN_ERROR: Signature verification failed\)/);
    assert.match(error.message, /access key and the private key are a pair/);
    assert.ok(error.message.includes(CLOCK_HINT));
  });

  it('a stale timestamp under the generic code "500" is still auth, and t shows how far off the clock is', async () => {
    const error = await pollError(
      { '*': () => ({ body: JSON.stringify({ code: '500', msg: 'Request expired', t: NOW, success: false }) }) },
      { now: () => NOW - 10 * MINUTE },
    );
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /\(500: Request expired\)/);
    assert.match(error.message, /This computer's clock is 10 min behind Spider Pool's/);
    assert.match(error.message, /correct the system time/);
    assert.doesNotMatch(error.message, /are a pair/, 'the clock, not the keys, is named as the cause');
  });

  it('falls back to the Date header for the server time, and says when the clocks agree', async () => {
    const date = new Date(NOW + 20_000).toUTCString();
    const agree = await pollError({ '*': () => ({ body: '{"code":"INVALID_ACCESS_KEY","msg":"accessKey does not exist"}', headers: { Date: date } }) });
    assert.equal(agree.kind, 'auth');
    assert.match(agree.message, /clock agrees with Spider Pool's/);
    assert.match(agree.message, /are a pair/);
    const ahead = await pollError({ '*': () => ({ body: '{"code":"SIGN_ERROR","msg":"bad sign"}', headers: { Date: new Date(NOW - 3 * 3_600_000).toUTCString() } }) });
    assert.match(ahead.message, /clock is 3 h ahead of Spider Pool's/);
  });

  it('recognises auth failures by their words, in Chinese too, and on HTTP 401/403', async () => {
    const chinese = await pollError({ '*': () => ({ body: '{"code":"500","msg":"验签失败"}' }) });
    assert.equal(chinese.kind, 'auth');
    const http401 = await pollError({ '*': () => ({ status: 401, body: '{"code":"UNAUTHORIZED","msg":"no access"}' }) });
    assert.equal(http401.kind, 'auth');
    assert.match(http401.message, /UNAUTHORIZED: no access/);
  });

  it('sorts codes by their words: auth first, then a missing subaccount, then "500", else refused', () => {
    assert.equal(classifyFailure('INVALID_SIGN', 'bad request'), 'auth');
    assert.equal(classifyFailure('500', 'Timestamp expired'), 'auth');
    assert.equal(classifyFailure('NO_PERMISSION', 'API access is not activated'), 'auth');
    assert.equal(classifyFailure('INVALID_PARAM', 'The subaccount does not exist'), 'missing-subaccount');
    assert.equal(classifyFailure('INVALID_SUBACCOUNT', 'bad name'), 'missing-subaccount');
    assert.equal(classifyFailure('500', 'System busy'), 'server');
    assert.equal(classifyFailure('INVALID_PARAM', 'startTimestamp must not be negative'), 'refused', 'a parameter named ...Timestamp is no clock problem');
    assert.equal(classifyFailure('INVALID_PARAM', 'Parameter error'), 'refused');
    assert.equal(classifyFailure('SUBACCOUNT_EXIST', 'designated subaccount exists'), 'refused');
  });

  it('masks the access key when the pool echoes it', async () => {
    const error = await pollError({ '*': () => ({ body: JSON.stringify({ code: 'ACCESS_KEY_ERROR', msg: `accessKey ${CREDENTIALS.accessKey} is disabled` }) }) });
    assert.match(error.message, /accessKey \[access key\] is disabled/);
  });

  it('a private key that stopped parsing (edited environment) is a config error listing the forms', async () => {
    const error = await pollError(documentedRoutes(), { credentials: { accessKey: CREDENTIALS.accessKey, privateKey: 'not a key' } });
    assert.equal(error.kind, 'config');
    assert.match(error.message, /BEGIN RSA PRIVATE KEY/);
  });
});

describe('Spider units and timestamps', () => {
  it('maps every status, numbers or strings, seconds or ms, and reject rates in percent', async () => {
    const workers = [
      { workerName: 'a', status: 'inactive', lastShareTime: 1717675200, realtimeHashrate: 0, avgHashrate1440: 5e12, avgRejectrate1440: 0.4 },
      { workerName: 'b', status: 'lost', lastShareTime: 1717675200000, realtimeHashrate: '0', avgHashrate1440: '1.5E12', avgRejectrate1440: 2.5 },
      { workerName: 'c', status: 'ACTIVE', lastShareTime: null, realtimeHashrate: '-1' },
      { workerName: 'd', status: '' },
      { workerName: 'e', status: 'sleeping' },
    ];
    const { reading } = await pollWith(withRoutes({ [PATH.workers]: signed(envelope(workers)) }));
    const byName = new Map(reading.workers.map((worker) => [worker.name, worker]));
    assert.deepEqual(
      reading.workers.map((worker) => worker.state),
      ['offline', 'dead', 'online', 'unknown', 'unknown'],
    );
    assert.equal(byName.get('a')?.lastShareAt, '2024-06-06T12:00:00.000Z', 'seconds');
    assert.equal(byName.get('b')?.lastShareAt, '2024-06-06T12:00:00.000Z', 'a value in ms is not multiplied again');
    assert.deepEqual(byName.get('a')?.hashrate, { h10m: 0, h1h: null, h24h: 5e12 });
    assert.deepEqual(byName.get('b')?.hashrate, { h10m: 0, h1h: null, h24h: 1.5e12 });
    assert.equal(byName.get('c')?.hashrate.h10m, null, 'a negative rate is unknown');
    assert.equal(byName.get('a')?.rejectRate, 0.4);
    assert.equal(byName.get('b')?.rejectRate, 0.025, 'above 1 can only be a percentage');
    assert.deepEqual(reading.groups[0]?.workers, { online: 1, offline: 1, dead: 1, unknown: 2, total: 5 });
  });

  it('day stamps at UTC or China midnight name the same day; a payment without txId is pending', async () => {
    const { reading } = await pollWith(
      withRoutes({
        [PATH.profitDetail]: signed(
          envelope({
            total: 2,
            dayProfitList: [
              { dayDate: Date.UTC(2024, 5, 5) - 8 * 3_600_000, avgHashrate: '1', dayProfit: 0.2 },
              { dayDate: Date.UTC(2024, 5, 4), avgHashrate: '1', dayProfit: 0.1 },
            ],
          }),
        ),
        [PATH.dayProfit]: signed(JSON.stringify({ code: 200, msg: 'Success', t: NOW, success: true, data: null })),
        [PATH.payments]: signed(envelope({ total: 1, list: [{ paymentDate: NOW / 1000, paymentAddress: 'addr', paymentMoney: '0.01', txId: '' }] })),
        [PATH.profit]: signed(envelope({ yesterdayProfit: 0.3, unpaidProfit: '1.25', totalProfit: 9 })),
      }),
    );
    assert.deepEqual(reading.dailyEarnings?.map((row) => [row.day, row.amount]), [['2024-06-04', 0.1], ['2024-06-05', 0.2]]);
    assert.deepEqual(reading.payouts.map((payout) => [payout.status, payout.txId, payout.at, payout.amount]), [['pending', null, '2024-06-06T12:00:00.000Z', 0.01]]);
    assert.equal(reading.balances[0]?.unpaid, 1.25);
    assert.deepEqual(reading.revenue.map((row) => row.day), ['2024-06-05'], 'no today row when the coin gives no estimate');
  });
});

describe('Spider subaccounts: discovery and configuration', () => {
  /** A subaccount "main" mining btc and bch; anything else does not exist. */
  function twoCoinRoutes(): Record<string, RecordingHandler> {
    const info = (coin: string) => ({ coin, subaccount: 'main', realtimeHashrate: coin === 'btc' ? '3000' : '1000', avgHashrate1440: '2000', activeWorkerNum: 1, inactiveWorkerNum: 0 });
    const exists = (request: RecordedRequest) => request.params.subaccount === 'main' && (request.params.coin === 'btc' || request.params.coin === 'bch');
    const perCoin = (answer: (coin: string) => unknown): RecordingHandler =>
      signed((request) => (exists(request) ? envelope(answer(String(request.params.coin))) : fixture('spider', 'error-subaccount.json')));
    return withRoutes({
      [PATH.info]: signed((request) => {
        if (request.params.subaccount === undefined) return envelope([info('btc'), info('bch'), info('btc')]);
        return exists(request) ? envelope([info(String(request.params.coin))]) : fixture('spider', 'error-subaccount.json');
      }),
      [PATH.workers]: perCoin((coin) => [{ workerName: 'rig1', status: 'active', realtimeHashrate: coin === 'btc' ? '3000' : '1000' }]),
      [PATH.profit]: perCoin(() => ({ unpaidProfit: 1, totalProfit: 2 })),
    });
  }

  it('discovers every subaccount and coin the key sees, once each, without colliding names', async () => {
    const { reading } = await pollWith(twoCoinRoutes());
    assert.deepEqual(reading.groups.map((group) => [group.name, group.coin, group.hashrate.h10m]), [
      ['main (BTC)', 'BTC', 3000],
      ['main (BCH)', 'BCH', 1000],
    ]);
    assert.deepEqual(reading.workers.map((worker) => `${worker.group}/${worker.name}`), ['main (BTC)/rig1', 'main (BCH)/rig1']);
    assert.deepEqual(reading.balances.map((balance) => [balance.group, balance.coin]), [['main (BTC)', 'BTC'], ['main (BCH)', 'BCH']]);
    assert.equal(reading.hashrate.h10m, 4000);
  });

  it('reads only the configured subaccounts, asking with lower-case coins', async () => {
    const { reading, server } = await pollWith(twoCoinRoutes(), { options: { subaccounts: [{ name: 'main', coin: 'BCH' }, { name: ' main ', coin: 'bch' }] } });
    assert.deepEqual(reading.groups.map((group) => group.name), ['main (BCH)']);
    assert.deepEqual(requestsTo(server, PATH.info).map((request) => request.params), [{ coin: 'bch', subaccount: 'main' }]);
  });

  it('an unknown configured subaccount is a limitation naming it; when none exists the poll fails', async () => {
    const { reading } = await pollWith(twoCoinRoutes(), { options: { subaccounts: [{ name: 'main', coin: 'btc' }, { name: 'ghost', coin: 'btc' }] } });
    assert.deepEqual(reading.groups.map((group) => group.name), ['main (BTC)']);
    assert.match(reading.limitations.join(' '), /does not know this subaccount: ghost \(BTC\) \(INVALID_PARAM: The subaccount does not exist\)/);
    const error = await pollError(twoCoinRoutes(), { options: { subaccounts: [{ name: 'main', coin: 'ltc' }] } });
    assert.equal(error.kind, 'config');
    assert.match(error.message, /main \(LTC\)/);
    assert.match(error.message, /Check the subaccount names and coins/);
  });

  it('a key that sees no subaccount gives an empty reading that says so', async () => {
    const { reading } = await pollWith(withRoutes({ [PATH.info]: signed(envelope([])) }));
    assert.deepEqual(reading.groups, []);
    assert.match(reading.limitations[0] ?? '', /lists no subaccounts for this access key/);
  });
});

describe('Spider worker paging', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ workerName: `rig${String(index).padStart(3, '0')}`, status: 'active', realtimeHashrate: '1' }));

  it('pages 1-based with pageNum, following a server that caps the page size', async () => {
    const all = rows(75);
    const { reading, server } = await pollWith(
      withRoutes({
        [PATH.workers]: signed((request) => {
          const size = Math.min(Number(request.params.pageSize), 30);
          const page = Number(request.params.pageNum);
          return envelope({ list: all.slice((page - 1) * size, page * size), total: all.length, pageNum: page, pageSize: size });
        }),
      }),
    );
    assert.equal(reading.workers.length, 75);
    assert.deepEqual(requestsTo(server, PATH.workers).map((request) => request.params.pageNum), [1, 2, 3]);
  });

  it('pages with pageNumber on older endpoints, and reads a {records, total} page', async () => {
    const all = rows(130);
    const { reading } = await pollWith(
      withRoutes({
        [PATH.workers]: signed((request) => {
          const page = Number(request.params.pageNumber);
          return envelope({ records: all.slice((page - 1) * 100, page * 100), total: all.length });
        }),
      }),
    );
    assert.equal(reading.workers.length, 130);
    assert.equal(new Set(reading.workers.map((worker) => worker.name)).size, 130);
  });

  it('a plain list that fills a page is asked again; a server ignoring paging repeats itself and reading stops', async () => {
    const { reading, server } = await pollWith(withRoutes({ [PATH.workers]: signed(envelope(rows(100))) }));
    assert.equal(reading.workers.length, 100);
    assert.equal(requestsTo(server, PATH.workers).length, 2);
  });

  it('a plain list shorter than a page is the whole list, unless the subaccount info counts more workers', async () => {
    const info = (active: number) => signed(envelope([{ coin: 'btc', subaccount: 'test001', activeWorkerNum: active, inactiveWorkerNum: 7 }]));
    const whole = await pollWith(withRoutes({ [PATH.info]: info(30), [PATH.workers]: signed(envelope(rows(37))) }));
    assert.equal(whole.reading.workers.length, 37);
    assert.equal(requestsTo(whole.server, PATH.workers).length, 1);
    // 37 of 110: the server may cap pages below the size asked, so the next page is asked for (and repeats here)
    const capped = await pollWith(withRoutes({ [PATH.info]: info(103), [PATH.workers]: signed(envelope(rows(37))) }));
    assert.equal(capped.reading.workers.length, 37);
    assert.equal(requestsTo(capped.server, PATH.workers).length, 2);
  });

  it('a page with one bad worker among plain ones names that worker\'s field, whatever page it is', async () => {
    const all = rows(120).map((row, index) => (index === 103 ? { ...row, realtimeHashrate: '12 TH/s' } : index === 104 ? { ...row, workerName: '' } : row));
    const error = await pollError(
      withRoutes({
        [PATH.workers]: signed((request) => {
          const page = Number(request.params.pageNum);
          return envelope({ list: all.slice((page - 1) * 100, page * 100), total: all.length });
        }),
      }),
    );
    assert.equal(error.kind, 'bad_response');
    assert.equal(
      error.message,
      'Spider Pool sent the worker list of test001 (BTC) in an unexpected shape: data.list.3.realtimeHashrate (a number), data.list.4.workerName (Too small: expected string to have >=1 characters). The pool\'s API may have changed; PoolWatch keeps the last good data.',
    );
  });

  it('refuses an absurd worker total instead of paging forever', async () => {
    const error = await pollError(withRoutes({ [PATH.workers]: signed(envelope({ list: rows(1), total: 10_000_000 })) }));
    assert.equal(error.kind, 'bad_response');
    assert.match(error.message, /more than PoolWatch reads/);
  });
});

describe('Spider caching of slow-changing data', () => {
  let server: RecordingServer;
  let adapter: PoolAdapter;
  let statuses: Record<string, string>;
  before(async () => {
    statuses = {};
    server = await startRecordingServer(
      withRoutes({
        [PATH.info]: signed(envelope([{ coin: 'btc', subaccount: 'test001', realtimeHashrate: '30', activeWorkerNum: 6, inactiveWorkerNum: 0 }])),
        [PATH.workers]: signed(() =>
          envelope(
            ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']
              .filter((name) => statuses[name] !== 'removed')
              .map((name) => ({ workerName: name, status: statuses[name] ?? 'active', realtimeHashrate: '5' })),
          ),
        ),
      }),
    );
    adapter = createSpiderAdapter();
  });
  after(async () => {
    await server.close();
  });

  const counts = () => Object.fromEntries(Object.values(PATH).map((path) => [path, requestsTo(server, path).length]));

  it('reads charts, day profits and payments at most every 30 min; workers and profit info every poll', async () => {
    const first = await adapter.poll(context(server.url));
    const afterFirst = counts();
    const second = await adapter.poll(context(server.url, { now: () => NOW + 5 * MINUTE, previous: first }));
    const afterSecond = counts();
    assert.equal(afterSecond[PATH.workers], afterFirst[PATH.workers]! + 1);
    assert.equal(afterSecond[PATH.profit], afterFirst[PATH.profit]! + 1);
    for (const path of [PATH.hashrate, PATH.profitDetail, PATH.dayProfit, PATH.payments]) assert.equal(afterSecond[path], afterFirst[path], `${path} cached`);
    assert.deepEqual(second.history, first.history);
    assert.deepEqual(second.dailyEarnings, first.dailyEarnings);
    assert.deepEqual(second.payouts, first.payouts);

    await adapter.poll(context(server.url, { now: () => NOW + 31 * MINUTE, previous: second }));
    const afterThird = counts();
    for (const path of [PATH.hashrate, PATH.profitDetail, PATH.dayProfit, PATH.payments]) assert.ok(afterThird[path]! > afterSecond[path]!, `${path} refreshed`);
  });

  it(`reads the chart of workers that just went down, at most ${WORKER_HISTORY_PER_POLL} per poll`, async () => {
    let previous: PoolReading = await adapter.poll(context(server.url, { now: () => NOW + 40 * MINUTE }));
    const before = requestsTo(server, PATH.workerHashrate).length;
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5']) statuses[name] = 'inactive';
    previous = await adapter.poll(context(server.url, { now: () => NOW + 41 * MINUTE, previous }));
    const asked = requestsTo(server, PATH.workerHashrate).slice(before);
    assert.deepEqual(asked.map((request) => request.params.worker), ['r1', 'r2', 'r3']);
    assert.deepEqual(asked[0]?.params, { coin: 'btc', subaccount: 'test001', worker: 'r1', mode: 'hourly' });
    const workerSeries = previous.history?.filter((series) => series.worker !== null) ?? [];
    assert.deepEqual(workerSeries.map((series) => series.worker), ['r1', 'r2', 'r3']);
    assert.deepEqual(workerSeries[0]?.points[0], { at: '2020-02-15T05:00:00.000Z', hps: 32369622321725 });

    // r4 and r5 were already down at the previous poll: no longer "just went down"; the cached charts stay
    const next = await adapter.poll(context(server.url, { now: () => NOW + 42 * MINUTE, previous }));
    assert.equal(requestsTo(server, PATH.workerHashrate).length, before + 3);
    assert.equal(next.history?.filter((series) => series.worker !== null).length, 3);

    // a worker no longer listed takes its chart along
    statuses.r2 = 'removed';
    const without = await adapter.poll(context(server.url, { now: () => NOW + 43 * MINUTE, previous: next }));
    assert.deepEqual(without.history?.filter((series) => series.worker !== null).map((series) => series.worker), ['r1', 'r3']);
  });
});
