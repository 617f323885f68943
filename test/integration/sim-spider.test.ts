// Spider simulator over real HTTP: signatures, timestamps, keys, envelopes, errors, paging, units, workers, profits.
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { startSpiderSim } from '../sim/spider/index';
import { PATHS, SMALL_SPIDER_ACCOUNT, SPIDER_TEST_BASE_MS, signText, spiderCall, withSpiderSim, type SpiderEnvelope } from '../sim/spider/test-client';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const small = { subaccounts: SMALL_SPIDER_ACCOUNT };

interface InfoRow {
  coin: string;
  subaccount: string;
  walletAddress: string;
  realtimeHashrate: string;
  avgHashrate1440: string;
  activeWorkerNum: number;
  inactiveWorkerNum: number;
}
interface WorkerRow {
  workerName: string;
  realtimeHashrate: string;
  avgHashrate1440: string;
  avgRejectrate1440: number;
  status: string;
  lastShareTime: number;
}
interface WorkerPage {
  list: WorkerRow[];
  total: number;
  pageNum?: number;
  pageNumber?: number;
  pageSize: number;
}
interface Chart {
  startTime: number;
  timeInterval: number;
  hashrates: string[];
}
interface Profit {
  yesterdayProfit: number;
  unpaidProfit: number;
  totalProfit: number;
  dayEstimateProfit?: number;
}
interface ProfitList {
  total: number;
  dayProfitList: Array<{ dayDate: number; avgHashrate: string; dayProfit: number }>;
}
interface Payments {
  total: number;
  list: Array<{ paymentDate: number; paymentAddress: string; paymentMoney: number; txId: string | null }>;
}

const alphaBtc = { coin: 'btc', subaccount: 'alpha01' };

describe('signed requests', () => {
  test('a correctly signed request succeeds with code "SUCCESS" in HTTP 200', async () => {
    await withSpiderSim(small, async (sim) => {
      const { status, body } = await spiderCall<SpiderEnvelope<InfoRow[]>>(sim, PATHS.info, {});
      assert.equal(status, 200);
      assert.equal(body.code, 'SUCCESS');
      assert.equal(body.data?.length, 3);
    });
  });

  test('a tampered dataJson, a signature by another key and a garbled signature are SIGN_ERROR', async () => {
    await withSpiderSim(small, async (sim) => {
      const tampered = await spiderCall(sim, PATHS.info, { subaccount: 'alpha01' }, { after: (body) => void (body.dataJson = '{"subaccount":"beta002"}') });
      assert.equal(tampered.status, 200);
      assert.deepEqual(tampered.body, { code: 'SIGN_ERROR', msg: 'Signature verification failed' });
      const other = sim.addKey();
      const crossed = await spiderCall(sim, PATHS.info, {}, { after: (body) => void (body.sign = signText(other.privateKey, `${body.dataJson}|${body.timestamp}`)) });
      assert.equal(crossed.body.code, 'SIGN_ERROR');
      const garbled = await spiderCall(sim, PATHS.info, {}, { after: (body) => void (body.sign = 'not base64 at all!') });
      assert.equal(garbled.body.code, 'SIGN_ERROR');
      const changedTime = await spiderCall(sim, PATHS.info, {}, { after: (body) => void (body.timestamp = Number(body.timestamp) + 1) });
      assert.equal(changedTime.body.code, 'SIGN_ERROR', 'the timestamp is part of what is signed');
    });
  });

  test('an unknown or revoked access key is refused', async () => {
    await withSpiderSim(small, async (sim) => {
      const unknown = await spiderCall(sim, PATHS.info, {}, { key: { ...sim.fullKey, accessKey: '0'.repeat(32) } });
      assert.deepEqual(unknown.body, { code: 'INVALID_ACCESS_KEY', msg: 'accessKey does not exist' });
      const key = sim.addKey();
      assert.equal((await spiderCall(sim, PATHS.info, {}, { key })).body.code, 'SUCCESS');
      sim.revokeKey(key.accessKey);
      assert.equal((await spiderCall(sim, PATHS.info, {}, { key })).body.code, 'INVALID_ACCESS_KEY');
    });
  });

  test('timestamps outside ±5 min of the server clock are refused with code "500"; inside are fine', async () => {
    await withSpiderSim(small, async (sim) => {
      for (const offset of [-6 * MINUTE, 6 * MINUTE]) {
        const stale = await spiderCall(sim, PATHS.info, {}, { timestampMs: SPIDER_TEST_BASE_MS + offset });
        assert.equal(stale.status, 200);
        assert.equal(stale.body.code, '500');
        assert.match(stale.body.msg ?? '', /timestamp/);
      }
      for (const offset of [-4 * MINUTE, 4 * MINUTE]) {
        assert.equal((await spiderCall(sim, PATHS.info, {}, { timestampMs: SPIDER_TEST_BASE_MS + offset })).body.code, 'SUCCESS');
      }
      sim.advanceClock(3 * DAY);
      assert.equal((await spiderCall(sim, PATHS.info, {})).body.code, 'SUCCESS', 'advanceClock moves the data, not the clock timestamps are checked against');
    });
  });

  test('the window is configurable', async () => {
    await withSpiderSim({ ...small, timestampWindowMs: 2_000 }, async (sim) => {
      assert.equal((await spiderCall(sim, PATHS.info, {}, { timestampMs: SPIDER_TEST_BASE_MS - 1_500 })).body.code, 'SUCCESS');
      assert.equal((await spiderCall(sim, PATHS.info, {}, { timestampMs: SPIDER_TEST_BASE_MS - 2_500 })).body.code, '500');
    });
  });

  test('the timestamp may be a string, as in the Python sample; the text is what is signed', async () => {
    await withSpiderSim(small, async (sim) => {
      const text = String(SPIDER_TEST_BASE_MS);
      const result = await spiderCall(sim, PATHS.info, {}, { after: (body) => void ((body.timestamp = text), (body.sign = signText(sim.fullKey.privateKey, `${body.dataJson}|${text}`))) });
      assert.equal(result.body.code, 'SUCCESS');
    });
  });

  test('a broken envelope is INVALID_PARAM "Parameter error" in HTTP 200; wrong method and path are Spring errors', async () => {
    await withSpiderSim(small, async (sim) => {
      for (const rawBody of ['not json', '[]', '{"dataJson":{"coin":"btc"},"accessKey":"x","timestamp":1,"sign":"x"}', '{"accessKey":"x"}']) {
        const result = await spiderCall(sim, PATHS.info, {}, { rawBody });
        assert.equal(result.status, 200, rawBody);
        assert.deepEqual(result.body, { code: 'INVALID_PARAM', msg: 'Parameter error' });
      }
      const notObject = await spiderCall(sim, PATHS.info, {}, {
        after: (body) => void ((body.dataJson = '"just a string"'), (body.sign = signText(sim.fullKey.privateKey, `${body.dataJson}|${body.timestamp}`))),
      });
      assert.equal(notObject.body.code, 'INVALID_PARAM');
      const get = await spiderCall<{ status: number; error: string }>(sim, PATHS.info, {}, { method: 'GET' });
      assert.equal(get.status, 405);
      assert.equal(get.response.headers.get('allow'), 'POST');
      const missing = await spiderCall<{ status: number; path: string }>(sim, '/v2/subaccount/nothingHere', {});
      assert.equal(missing.status, 404);
      assert.equal(missing.body.path, '/v2/subaccount/nothingHere');
    });
  });

  test('keys are generated per simulator: a 32-hex access key and a bare base64 PKCS#8 DER 1024-bit RSA key', async () => {
    const first = await startSpiderSim({ subaccounts: SMALL_SPIDER_ACCOUNT });
    const second = await startSpiderSim({ subaccounts: SMALL_SPIDER_ACCOUNT });
    try {
      assert.match(first.fullKey.accessKey, /^[0-9A-F]{32}$/);
      assert.doesNotMatch(first.fullKey.privateKey, /BEGIN|\s/);
      const key = createPrivateKey({ key: Buffer.from(first.fullKey.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
      assert.equal(key.asymmetricKeyType, 'rsa');
      assert.equal(key.asymmetricKeyDetails?.modulusLength, 1024);
      assert.notEqual(first.fullKey.privateKey, second.fullKey.privateKey);
      assert.notEqual(first.fullKey.accessKey, second.fullKey.accessKey);
      const crossed = await spiderCall(second, PATHS.info, {}, { key: first.fullKey, timestampMs: Date.now() });
      assert.equal(crossed.body.code, 'INVALID_ACCESS_KEY');
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('envelopes, parameters and errors', () => {
  test('/v2/sp answers {code: 200, msg, t, data, success}; its errors carry t and success false', async () => {
    await withSpiderSim(small, async (sim) => {
      const ok = await spiderCall<SpiderEnvelope<{ day: number; dayProfit: number; coin: string }>>(sim, PATHS.dayProfit, { ...alphaBtc, timeStamp: (Date.UTC(2024, 4, 14) / 1000) });
      assert.equal(ok.body.code, 200);
      assert.equal(ok.body.msg, 'Success');
      assert.equal(ok.body.success, true);
      assert.equal(ok.body.t, SPIDER_TEST_BASE_MS);
      assert.equal(ok.body.data?.day, Date.UTC(2024, 4, 14) / 1000, 'day in seconds');
      const failed = await spiderCall(sim, PATHS.dayProfit, { coin: 'btc', subaccount: 'nobody', timeStamp: 1 });
      assert.deepEqual(failed.body, { code: 'INVALID_PARAM', msg: 'The subaccount does not exist', t: SPIDER_TEST_BASE_MS, success: false });
      const stale = await spiderCall(sim, PATHS.dayProfit, { ...alphaBtc, timeStamp: 1 }, { timestampMs: SPIDER_TEST_BASE_MS - HOUR });
      assert.equal(stale.body.code, '500');
      assert.equal(stale.body.t, SPIDER_TEST_BASE_MS, 'the server time rides along, so a client can measure its skew');
      assert.equal(stale.response.headers.get('date'), new Date(SPIDER_TEST_BASE_MS).toUTCString());
    });
  });

  test('coins must be lower case; unknown subaccounts and coins do not exist; keys see only their subaccounts', async () => {
    await withSpiderSim(small, async (sim) => {
      assert.deepEqual((await spiderCall(sim, PATHS.info, { coin: 'BTC' })).body, { code: 'INVALID_PARAM', msg: 'Parameter error' });
      assert.deepEqual((await spiderCall(sim, PATHS.workers, { coin: 'BTC', subaccount: 'alpha01' })).body, { code: 'INVALID_PARAM', msg: 'Parameter error' });
      assert.deepEqual((await spiderCall(sim, PATHS.info, { subaccount: 'nobody' })).body, { code: 'INVALID_PARAM', msg: 'The subaccount does not exist' });
      assert.equal((await spiderCall(sim, PATHS.profit, { coin: 'ltc', subaccount: 'alpha01' })).body.msg, 'The subaccount does not exist');
      assert.equal((await spiderCall(sim, PATHS.workers, { subaccount: 'alpha01' })).body.msg, 'Parameter error', 'coin is required here');
      const scoped = sim.addKey({ subaccounts: ['beta002'] });
      const seen = await spiderCall<SpiderEnvelope<InfoRow[]>>(sim, PATHS.info, {}, { key: scoped });
      assert.deepEqual(seen.body.data?.map((row) => row.subaccount), ['beta002']);
      assert.equal((await spiderCall(sim, PATHS.workers, alphaBtc, { key: scoped })).body.msg, 'The subaccount does not exist');
    });
  });

  test('subaccount info: every subaccount and coin without filters, hashrate strings of H/s, lost counted as inactive', async () => {
    await withSpiderSim(small, async (sim) => {
      const all = (await spiderCall<SpiderEnvelope<InfoRow[]>>(sim, PATHS.info, {})).body.data ?? [];
      assert.deepEqual(all.map((row) => `${row.subaccount}/${row.coin}`), ['alpha01/btc', 'alpha01/bch', 'beta002/ltc']);
      const alpha = all[0]!;
      assert.match(alpha.realtimeHashrate, /^\d+$/);
      assert.ok(Number(alpha.realtimeHashrate) > 1e15, 'PH/s-scale for 16 active BTC rigs, in H/s');
      assert.equal(alpha.activeWorkerNum, 16);
      assert.equal(alpha.inactiveWorkerNum, 4);
      assert.match(alpha.walletAddress, /^bc1q/);
      const filtered = (await spiderCall<SpiderEnvelope<InfoRow[]>>(sim, PATHS.info, { subaccount: 'alpha01' })).body.data ?? [];
      assert.deepEqual(filtered.map((row) => row.coin), ['btc', 'bch']);
      const byCoin = (await spiderCall<SpiderEnvelope<InfoRow[]>>(sim, PATHS.info, { coin: 'ltc' })).body.data ?? [];
      assert.deepEqual(byCoin.map((row) => row.subaccount), ['beta002']);
    });
  });
});

describe('worker list', () => {
  test('pages 1-based with pageNum, default size 10, size capped at 50', async () => {
    await withSpiderSim({ subaccounts: [{ name: 'big001', coins: [{ coin: 'btc', workers: 120 }] }] }, async (sim) => {
      const params = { coin: 'btc', subaccount: 'big001' };
      const first = (await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, params)).body.data!;
      assert.equal(first.total, 120);
      assert.equal(first.list.length, 10);
      assert.equal(first.pageNum, 1);
      const seen: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const data = (await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, { ...params, pageNum: page, pageSize: 100 })).body.data!;
        assert.equal(data.pageSize, 50);
        seen.push(...data.list.map((row) => row.workerName));
      }
      assert.equal(seen.length, 120);
      assert.equal(new Set(seen).size, 120);
      assert.deepEqual(seen, [...seen].sort());
      assert.deepEqual((await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, { ...params, pageNum: 4, pageSize: 50 })).body.data?.list, []);
      assert.equal((await spiderCall(sim, PATHS.workers, { ...params, pageNum: 0 })).body.msg, 'Parameter error');
    });
  });

  test('older paging reads pageNumber; the documented style is one plain list', async () => {
    const spec = { subaccounts: [{ name: 'big001', coins: [{ coin: 'btc' as const, workers: 60 }] }] };
    await withSpiderSim({ ...spec, workerPaging: 'pageNumber' }, async (sim) => {
      const data = (await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, { coin: 'btc', subaccount: 'big001', pageNum: 9, pageNumber: 2, pageSize: 50 })).body.data!;
      assert.equal(data.pageNumber, 2);
      assert.equal(data.list.length, 10, 'pageNum is ignored');
    });
    await withSpiderSim({ ...spec, workerPaging: 'none' }, async (sim) => {
      const data = (await spiderCall<SpiderEnvelope<WorkerRow[]>>(sim, PATHS.workers, { coin: 'btc', subaccount: 'big001', pageNum: 2, pageSize: 10 })).body.data!;
      assert.ok(Array.isArray(data));
      assert.equal(data.length, 60);
    });
  });

  test('status follows the last share: active up to 10 min, inactive up to 24 h, then lost; start brings it back', async () => {
    await withSpiderSim(small, async (sim) => {
      const worker = async (name: string): Promise<WorkerRow> => {
        const data = (await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, { ...alphaBtc, pageSize: 50 }, { timestampMs: SPIDER_TEST_BASE_MS })).body.data!;
        const row = data.list.find((candidate) => candidate.workerName === name);
        assert.ok(row, name);
        return row;
      };
      const initial = (await spiderCall<SpiderEnvelope<WorkerPage>>(sim, PATHS.workers, { ...alphaBtc, pageSize: 50 })).body.data!.list.map((row) => row.status);
      assert.deepEqual([...new Set(initial)].sort(), ['active', 'inactive', 'lost'], 'generated accounts have silent workers too');
      const rig = 'btcrig001';
      const running = await worker(rig);
      assert.equal(running.status, 'active');
      assert.ok(Math.abs(running.lastShareTime * 1000 - SPIDER_TEST_BASE_MS) < 30_000, 'lastShareTime in seconds');
      assert.match(running.realtimeHashrate, /^\d+$/);
      assert.ok(running.avgRejectrate1440 > 0 && running.avgRejectrate1440 < 0.01);
      sim.stopWorker('alpha01', 'btc', rig);
      const stoppedAt = Math.floor(sim.now() / 1000);
      sim.advanceClock(9 * MINUTE);
      assert.equal((await worker(rig)).status, 'active');
      sim.advanceClock(2 * MINUTE);
      const silent = await worker(rig);
      assert.equal(silent.status, 'inactive');
      assert.equal(silent.lastShareTime, stoppedAt);
      sim.advanceClock(DAY);
      const lost = await worker(rig);
      assert.equal(lost.status, 'lost');
      assert.equal(lost.realtimeHashrate, '0');
      sim.startWorker('alpha01', 'btc', rig);
      assert.equal((await worker(rig)).status, 'active');
    });
  });
});

describe('hashrate charts', () => {
  test('hourly: 24 complete hours, startTime in ms on the hour, timeInterval 3600 s; daily: 30 days', async () => {
    await withSpiderSim(small, async (sim) => {
      const hourly = (await spiderCall<SpiderEnvelope<Chart & { coin: string; subaccount: string }>>(sim, PATHS.hashrate, alphaBtc)).body.data!;
      assert.equal(hourly.coin, 'btc');
      assert.equal(hourly.timeInterval, 3600);
      assert.equal(hourly.hashrates.length, 24);
      assert.equal(hourly.startTime, SPIDER_TEST_BASE_MS - 24 * HOUR);
      assert.ok(hourly.hashrates.every((value) => /^\d+$/.test(value) && Number(value) > 1e15));
      const daily = (await spiderCall<SpiderEnvelope<Chart>>(sim, PATHS.hashrate, { ...alphaBtc, mode: 'daily' })).body.data!;
      assert.equal(daily.timeInterval, 86_400);
      assert.equal(daily.hashrates.length, 30);
      assert.equal(daily.startTime, Date.UTC(2024, 4, 15) - 30 * DAY);
      assert.equal((await spiderCall(sim, PATHS.hashrate, { ...alphaBtc, mode: 'weekly' })).body.msg, 'Parameter error');
    });
  });

  test('worker chart: one worker; daily only for BTC; unknown workers refused', async () => {
    await withSpiderSim(small, async (sim) => {
      const chart = (await spiderCall<SpiderEnvelope<Chart>>(sim, PATHS.workerHashrate, { ...alphaBtc, worker: 'btcrig001' })).body.data!;
      assert.equal(chart.hashrates.length, 24);
      assert.ok(Number(chart.hashrates[23]) > 50e12 && Number(chart.hashrates[23]) < 200e12);
      assert.equal((await spiderCall(sim, PATHS.workerHashrate, { ...alphaBtc, worker: 'btcrig001', mode: 'daily' })).body.code, 'SUCCESS');
      assert.equal((await spiderCall(sim, PATHS.workerHashrate, { coin: 'bch', subaccount: 'alpha01', worker: 'bchrig001', mode: 'daily' })).body.msg, 'Parameter error');
      assert.deepEqual((await spiderCall(sim, PATHS.workerHashrate, { ...alphaBtc, worker: 'nope' })).body, { code: 'INVALID_PARAM', msg: 'The worker does not exist' });
    });
  });
});

describe('profits and payments', () => {
  test('profits grow: today\'s estimate through the day, total and the day list as days settle', async () => {
    await withSpiderSim(small, async (sim) => {
      const profit = async () => (await spiderCall<SpiderEnvelope<Profit>>(sim, PATHS.profit, alphaBtc)).body.data!;
      const list = async () => (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, { ...alphaBtc, pageSize: 100 })).body.data!;
      const before = await profit();
      const listBefore = await list();
      assert.ok(before.totalProfit > 0 && before.yesterdayProfit > 0 && before.dayEstimateProfit! > 0);
      sim.advanceClock(HOUR);
      const later = await profit();
      assert.ok(later.dayEstimateProfit! > before.dayEstimateProfit!, 'today accrues');
      assert.equal(later.totalProfit, before.totalProfit, 'nothing settled yet');
      sim.advanceClock(DAY);
      const nextDay = await profit();
      assert.ok(nextDay.totalProfit > before.totalProfit);
      assert.equal((await list()).total, listBefore.total + 1);
    });
  });

  test('the day list: dayDate is China midnight in ms, newest first, range in seconds, 1-based pageNumber', async () => {
    await withSpiderSim(small, async (sim) => {
      const page = (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, alphaBtc)).body.data!;
      assert.equal(page.dayProfitList.length, 10, 'default page size 10');
      const newest = page.dayProfitList[0]!;
      assert.equal(newest.dayDate, Date.UTC(2024, 4, 14) - 8 * HOUR, 'yesterday settled; today has not');
      assert.match(newest.avgHashrate, /^\d+$/);
      assert.ok(page.dayProfitList[1]!.dayDate < newest.dayDate);
      const second = (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, { ...alphaBtc, pageNumber: 2 })).body.data!;
      assert.equal(second.dayProfitList[0]!.dayDate, newest.dayDate - 10 * DAY);
      const ranged = (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, { ...alphaBtc, startTimestamp: (Date.UTC(2024, 4, 12) - 8 * HOUR) / 1000, pageSize: 100 })).body.data!;
      assert.equal(ranged.total, 3);
      const inMs = (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, { ...alphaBtc, startTimestamp: SPIDER_TEST_BASE_MS - 3 * DAY })).body.data!;
      assert.equal(inMs.total, 0, 'a range sent in ms lies far in the future');
    });
  });

  test('/v2/sp day profit: null until the day settles; pps and pplns parts add up', async () => {
    await withSpiderSim(small, async (sim) => {
      const today = await spiderCall<SpiderEnvelope<null>>(sim, PATHS.dayProfit, { ...alphaBtc, timeStamp: Date.UTC(2024, 4, 15) / 1000 });
      assert.equal(today.body.code, 200);
      assert.equal(today.body.data, null);
      const yesterday = (await spiderCall<SpiderEnvelope<{ dayProfit: number; ppsDayProfit: number; pplnsDayProfit: number; userName: string }>>(sim, PATHS.dayProfit, { ...alphaBtc, timeStamp: Date.UTC(2024, 4, 14) })).body.data!;
      assert.equal(yesterday.userName, 'alpha01');
      assert.ok(Math.abs(yesterday.ppsDayProfit + yesterday.pplnsDayProfit - yesterday.dayProfit) < 1e-12);
      const list = (await spiderCall<SpiderEnvelope<ProfitList>>(sim, PATHS.profitDetail, alphaBtc)).body.data!;
      assert.equal(list.dayProfitList[0]!.dayProfit, yesterday.dayProfit, 'both endpoints agree on the day');
      assert.equal((await spiderCall(sim, PATHS.dayProfit, alphaBtc)).body.code, 'INVALID_PARAM', 'timeStamp is required');
    });
  });

  test('payments: range and paymentDate in ms, newest first, txId once the transaction is out', async () => {
    await withSpiderSim(small, async (sim) => {
      const payments = async () => (await spiderCall<SpiderEnvelope<Payments>>(sim, PATHS.payments, { ...alphaBtc, pageSize: 100 })).body.data!;
      const first = await payments();
      assert.ok(first.total >= 3);
      assert.ok(first.list.every((payment) => payment.paymentMoney >= 0.005 && /^[0-9a-f]{64}$/.test(payment.txId ?? '')));
      assert.ok(first.list[0]!.paymentDate > first.list[1]!.paymentDate);
      assert.equal(first.list[0]!.paymentDate % HOUR, 0);
      assert.match(first.list[0]!.paymentAddress, /^bc1q/);
      const ranged = (await spiderCall<SpiderEnvelope<Payments>>(sim, PATHS.payments, { ...alphaBtc, startTimestamp: first.list[0]!.paymentDate })).body.data!;
      assert.equal(ranged.total, 1);
      // look at 02:30 UTC each day until a new payment has gone out (at 02:00): no txId in its first hour
      sim.advanceClock(14.5 * HOUR);
      let fresh: Payments['list'][number] | undefined;
      for (let step = 0; step < 30 && !fresh; step += 1) {
        const now = await payments();
        if (now.total > first.total) fresh = now.list[0];
        else sim.advanceClock(DAY);
      }
      assert.ok(fresh, 'a new payment appears as days settle');
      assert.equal(fresh.txId, null);
      sim.advanceClock(HOUR);
      assert.match((await payments()).list[0]!.txId ?? '', /^[0-9a-f]{64}$/);
    });
  });
});
