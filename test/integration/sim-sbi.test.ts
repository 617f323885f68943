// SBI simulator over real HTTP: auth, permissions, scoping, paging, sorting, units, workers, payouts, observer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatJavaDouble } from '../sim/common/java-json';
import { startSbiSim } from '../sim/sbi/index';
import {
  isoDay,
  observerCall,
  observerKeyOf,
  sbiCall,
  sbiJson,
  SBI_TEST_BASE_MS,
  SMALL_SBI_ACCOUNT,
  withSbiSim,
  type SbiPage,
  type SbiStatusCounts,
  type SbiWorkerRow,
} from '../sim/sbi/test-client';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const small = { subaccounts: SMALL_SBI_ACCOUNT };

interface AccountBody {
  name: string;
  hashrate: number[];
  subaccounts: Array<{ subaccountId: number; subaccountName: string; currentMiningCurrency: { code: string } }>;
  workerStatus: { ONLINE: number; OFFLINE: number; DEAD: number };
  numOfWorkers: number;
  numOfSubaccounts: number;
}
interface SubaccountsBody {
  accountName: string;
  subaccounts: Array<{ subaccountId: number; subaccountName: string; hashrate: number[]; workerStatus: SbiStatusCounts; totalWorkers: number; payoutAddress: string }>;
}
interface ErrorBody {
  error: string;
  error_description?: string;
  status?: number;
  path?: string;
  message?: string;
}
interface EarningV2 {
  earningsFor: string;
  subaccountName: string;
  coin: string;
  state: string;
  txId: string | null;
  paidOn: string | null;
  netOwed: number;
  grossOwed: number;
}

async function workerByName(sim: Parameters<typeof sbiCall>[0], subaccount: string, name: string): Promise<SbiWorkerRow> {
  const { body } = await sbiJson<SbiPage<SbiWorkerRow>>(sim, `/api/external/v1/workers?subaccountNames=${subaccount}&workerName=${name}&size=100`);
  const row = body.content.find((worker) => worker.name === name);
  assert.ok(row, `worker ${name} listed`);
  return row;
}

async function countsOf(sim: Parameters<typeof sbiCall>[0], subaccount: string): Promise<SbiStatusCounts & { totalWorkers: number }> {
  const { body } = await sbiJson<SubaccountsBody>(sim, `/api/external/v1/subaccounts?subaccountNames=${subaccount}`);
  const entry = body.subaccounts[0];
  assert.ok(entry);
  return { ...entry.workerStatus, totalWorkers: entry.totalWorkers };
}

describe('Java double formatting', () => {
  test('matches Double.toString for the documented samples', () => {
    assert.equal(formatJavaDouble(2.9906012588065426e10), '2.9906012588065426E10');
    assert.equal(formatJavaDouble(1.3839186354940586e7), '1.3839186354940586E7');
    assert.equal(formatJavaDouble(2378202.9282266074), '2378202.9282266074');
    assert.equal(formatJavaDouble(1.237e-5), '1.237E-5');
    assert.equal(formatJavaDouble(0), '0.0');
    assert.equal(formatJavaDouble(5), '5.0');
    assert.equal(formatJavaDouble(1e7), '1.0E7');
  });
});

describe('authentication', () => {
  test('missing, wrong and swapped credentials are 401 invalid_token', async () => {
    await withSbiSim(small, async (sim) => {
      const missing = await sbiJson<ErrorBody>(sim, '/api/external/v1/account', { key: null });
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error, 'invalid_token');
      const wrong = await sbiJson<ErrorBody>(sim, '/api/external/v1/account', { key: { apiKey: sim.fullKey.apiKey, apiSecret: `${sim.fullKey.apiSecret}x` } });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error, 'invalid_token');
      const swapped = await sbiCall(sim, '/api/external/v1/account', { key: { apiKey: sim.fullKey.apiSecret, apiSecret: sim.fullKey.apiKey } });
      assert.equal(swapped.status, 401);
    });
  });

  test('header names are case-insensitive', async () => {
    await withSbiSim(small, async (sim) => {
      const response = await fetch(`${sim.url}/api/external/v1/account`, {
        headers: { 'x-api-key': sim.fullKey.apiKey, 'X-API-SECRET': sim.fullKey.apiSecret, Accept: 'application/json' },
      });
      assert.equal(response.status, 200);
    });
  });

  test('an expired key is 401 and says expired', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ'], expiresAtMs: SBI_TEST_BASE_MS + 60_000 });
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { key })).status, 200);
      sim.advanceClock(60_001);
      const expired = await sbiJson<ErrorBody>(sim, '/api/external/v1/account', { key });
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error, 'invalid_token');
      assert.match(expired.body.error_description ?? '', /expired/i);
    });
  });

  test('a revoked key is 401', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ'] });
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { key })).status, 200);
      sim.revokeKey(key.apiKey);
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { key })).status, 401);
      assert.equal((await sbiCall(sim, '/api/external/v1/account')).status, 200, 'other keys unaffected');
    });
  });

  test('keys and secrets are random per simulator', async () => {
    const first = await startSbiSim({ subaccounts: [{ name: 'one', coin: 'BTC', workers: 1 }] });
    const second = await startSbiSim({ subaccounts: [{ name: 'one', coin: 'BTC', workers: 1 }] });
    try {
      assert.notEqual(first.fullKey.apiSecret, second.fullKey.apiSecret);
      assert.ok(first.fullKey.apiSecret.length >= 32);
      assert.equal((await sbiCall(second, '/api/external/v1/account', { key: first.fullKey })).status, 401);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('permissions (no inheritance)', () => {
  test('READ-only key: account yes, every FINANCIALS endpoint 403 access_denied', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ'] });
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { key })).status, 200);
      for (const path of ['/api/external/v1/earnings?fromDate=2024-05-01&toDate=2024-05-15', '/api/external/v2/earnings', '/api/external/v1/revenue', '/api/external/v1/payouts']) {
        const denied = await sbiJson<ErrorBody>(sim, path, { key });
        assert.equal(denied.status, 403, path);
        assert.equal(denied.body.error, 'access_denied');
      }
    });
  });

  test('FINANCIALS-only key cannot read workers; UPDATE-only key cannot read; payouts need the owner', async () => {
    await withSbiSim(small, async (sim) => {
      const money = sim.addKey({ permissions: ['FINANCIALS'] });
      assert.equal((await sbiCall(sim, '/api/external/v1/workers', { key: money })).status, 403);
      assert.equal((await sbiCall(sim, '/api/external/v2/earnings', { key: money })).status, 200);
      assert.equal((await sbiCall(sim, '/api/external/v1/payouts', { key: money })).status, 403, 'not the account owner');
      const owner = sim.addKey({ permissions: ['FINANCIALS'], accountOwner: true });
      assert.equal((await sbiCall(sim, '/api/external/v1/payouts', { key: owner })).status, 200);
      const updater = sim.addKey({ permissions: ['UPDATE'] });
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { key: updater })).status, 403);
      const reader = sim.addKey({ permissions: ['READ'] });
      const patch = await sbiCall(sim, '/api/external/v1/subaccount', { key: reader, method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"subaccountName":"alpha","coin":"BCH"}' });
      assert.equal(patch.status, 403);
    });
  });

  test('a key without subaccounts gets 403 on account', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ'], subaccounts: [] });
      const denied = await sbiJson<ErrorBody>(sim, '/api/external/v1/account', { key });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error, 'access_denied');
    });
  });
});

describe('subaccount scoping', () => {
  test('a key for one subaccount sees only its workers and totals', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ'], subaccounts: ['beta'] });
      const account = await sbiJson<AccountBody>(sim, '/api/external/v1/account', { key });
      assert.equal(account.body.numOfSubaccounts, 1);
      assert.equal(account.body.numOfWorkers, 12);
      assert.deepEqual(account.body.subaccounts.map((subaccount) => subaccount.subaccountName), ['beta']);
      const workers = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=100', { key });
      assert.equal(workers.body.totalElements, 12);
      assert.ok(workers.body.content.every((worker) => worker.subaccount === 'beta'));
    });
  });

  test('subaccountNames outside the key is 404 on subaccounts, workers and revenue', async () => {
    await withSbiSim(small, async (sim) => {
      const key = sim.addKey({ permissions: ['READ', 'FINANCIALS'], subaccounts: ['beta'] });
      for (const path of ['/api/external/v1/subaccounts?subaccountNames=alpha', '/api/external/v1/workers?subaccountNames=alpha', '/api/external/v1/revenue?subaccountNames=beta,alpha']) {
        const missing = await sbiJson<ErrorBody>(sim, path, { key });
        assert.equal(missing.status, 404, path);
        assert.equal(missing.body.status, 404);
      }
      assert.equal((await sbiCall(sim, '/api/external/v1/subaccounts?subaccountNames=nope')).status, 404, 'unknown name with the full key');
      const own = await sbiJson<SubaccountsBody>(sim, '/api/external/v1/subaccounts?subaccountNames=beta', { key });
      assert.equal(own.status, 200);
      assert.deepEqual(own.body.subaccounts.map((subaccount) => subaccount.subaccountName), ['beta']);
    });
  });
});

describe('content negotiation and unknown routes', () => {
  test('JSON-ish Accept values pass, others are 406; vendor types are answered in kind', async () => {
    await withSbiSim(small, async (sim) => {
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { accept: 'text/html' })).status, 406);
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { accept: '*/*' })).status, 200);
      const vendor = await sbiCall(sim, '/api/external/v1/workers', { accept: 'application/vnd.sbi.details.worker+json' });
      assert.equal(vendor.status, 200);
      assert.equal(vendor.headers.get('content-type'), 'application/vnd.sbi.details.worker+json');
    });
  });

  test('unknown path is a Spring 404, wrong method a 405', async () => {
    await withSbiSim(small, async (sim) => {
      const missing = await sbiJson<ErrorBody & { timestamp: string }>(sim, '/api/external/v1/nothing-here');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error, 'Not Found');
      assert.equal(missing.body.path, '/api/external/v1/nothing-here');
      assert.match(missing.body.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
      assert.equal((await sbiCall(sim, '/api/external/v1/account', { method: 'POST' })).status, 405);
    });
  });
});

describe('account and subaccounts', () => {
  test('default account: E-notation hashrates in the raw body, counts consistent with workers', async () => {
    const sim = await startSbiSim({ now: () => SBI_TEST_BASE_MS });
    try {
      const response = await sbiCall(sim, '/api/external/v1/account');
      const raw = await response.text();
      assert.match(raw, /"hashrate":\[\d\.\d+E\d+,/);
      const account = JSON.parse(raw) as AccountBody;
      assert.equal(account.numOfWorkers, 7540);
      assert.deepEqual(account.subaccounts.map((subaccount) => subaccount.subaccountName), ['batchtest', 'usonly', 'bchtestpayout']);
      const { ONLINE, OFFLINE, DEAD } = account.workerStatus;
      assert.equal(ONLINE + OFFLINE + DEAD, 7540);
      assert.ok(Math.abs(DEAD - 0.73 * 7500) < 2, `about 73% of batchtest dead, got ${DEAD}`);
      assert.ok((account.hashrate[0] ?? 0) > 1e10, 'tens of PH/s expressed in MH/s');

      const subaccountsRaw = await (await sbiCall(sim, '/api/external/v1/subaccounts')).text();
      assert.match(subaccountsRaw, /"hashrate":\[\d\.\d+E\d+/);
      const subaccounts = JSON.parse(subaccountsRaw) as SubaccountsBody;
      const sum = subaccounts.subaccounts.reduce((total, subaccount) => total + (subaccount.hashrate[0] ?? 0), 0);
      assert.ok(Math.abs(sum - (account.hashrate[0] ?? 0)) / sum < 1e-9, 'account hashrate is the sum of subaccounts');

      const all = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?subaccountNames=batchtest&size=10000');
      const workerSum = all.body.content.reduce((total, worker) => total + (worker.hashrates[0] ?? 0), 0);
      const batch = subaccounts.subaccounts.find((subaccount) => subaccount.subaccountName === 'batchtest');
      assert.ok(batch);
      assert.ok(Math.abs(workerSum - (batch.hashrate[0] ?? 0)) / workerSum < 1e-9, 'subaccount hashrate is the sum of its workers');
      const emptyState = all.body.content.filter((worker) => worker.state === '');
      assert.equal(emptyState.length, 1, 'one worker reports an empty state, as seen live');
      const dead = all.body.content.filter((worker) => worker.state === 'DEAD');
      assert.ok(dead.every((worker) => worker.hashrates[0] === 0 && worker.hashrates[1] === 0));
      assert.ok(dead.some((worker) => (worker.hashrates[2] ?? 0) > 0), 'some dead workers still have a 1d average');
      assert.ok(all.body.content.every((worker) => /^simulator123-\d+$/.test(worker.name)));
      const rigs = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?subaccountNames=usonly&size=3');
      assert.deepEqual(rigs.body.content.map((worker) => worker.name), ['rig-01', 'rig-02', 'rig-03']);
    } finally {
      await sim.close();
    }
  });

  test('same seed gives the same data', async () => {
    const names: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await withSbiSim({ subaccounts: [{ name: 'big', coin: 'BTC', workers: 150 }], seed: 99 }, async (sim) => {
        names.push(sim.workerNames('big'));
      });
    }
    assert.deepEqual(names[0], names[1]);
  });
});

describe('workers paging', () => {
  test('defaults: page 0, size 20, Spring envelope', async () => {
    await withSbiSim(small, async (sim) => {
      const { body } = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers');
      assert.equal(body.size, 20);
      assert.equal(body.number, 0);
      assert.equal(body.first, true);
      assert.equal(body.last, false);
      assert.equal(body.totalElements, 72);
      assert.equal(body.totalPages, 4);
      assert.equal(body.numberOfElements, 20);
      assert.equal(body.content.length, 20);
      assert.deepEqual(body.sort, { field: 'name', ascending: true });
      const first = body.content[0];
      assert.ok(first);
      assert.match(first.lastShareTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+00:00$/);
      assert.equal(first.hashrates.length, 3);
    });
  });

  test('page/size and pageNumber/pageSize give the same page; last page and past-the-end page', async () => {
    await withSbiSim(small, async (sim) => {
      const names = sim.workerNames('alpha').concat(sim.workerNames('beta'), sim.workerNames('gamma')).sort();
      const springStyle = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?page=2&size=7');
      const docStyle = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?pageNumber=2&pageSize=7');
      assert.deepEqual(springStyle.body.content.map((worker) => worker.name), names.slice(14, 21));
      assert.deepEqual(docStyle.body.content, springStyle.body.content);
      assert.equal(docStyle.body.number, 2);
      assert.equal(docStyle.body.totalPages, Math.ceil(72 / 7));

      const last = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?page=10&size=7');
      assert.equal(last.body.last, true);
      assert.equal(last.body.numberOfElements, 2);
      assert.deepEqual(last.body.content.map((worker) => worker.name), names.slice(70));

      const past = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?page=500&size=7');
      assert.equal(past.status, 200);
      assert.deepEqual(past.body.content, []);
      assert.equal(past.body.numberOfElements, 0);
      assert.equal(past.body.first, false);
      assert.equal(past.body.last, true);
      assert.equal(past.body.totalElements, 72);
    });
  });

  test('non-numeric or negative page and zero size are 400; size is capped at 10,000', async () => {
    await withSbiSim(small, async (sim) => {
      assert.equal((await sbiCall(sim, '/api/external/v1/workers?pageNumber=abc')).status, 400);
      assert.equal((await sbiCall(sim, '/api/external/v1/workers?page=-1')).status, 400);
      assert.equal((await sbiCall(sim, '/api/external/v1/workers?size=0')).status, 400);
      const capped = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=50000');
      assert.equal(capped.body.size, 10_000);
      assert.equal(capped.body.content.length, 72);
    });
  });
});

describe('workers sorting and filters', () => {
  test('sort by name desc, hashrate desc, lastShareTime asc; unsupported sort falls back and says so', async () => {
    await withSbiSim(small, async (sim) => {
      const byNameDesc = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=100&sort=name,desc');
      const names = byNameDesc.body.content.map((worker) => worker.name);
      assert.deepEqual(names, [...names].sort().reverse());
      assert.deepEqual(byNameDesc.body.sort, { field: 'name', ascending: false });

      const byRate = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=100&sort=hashrate,desc');
      const rates = byRate.body.content.map((worker) => worker.hashrates[0] ?? 0);
      assert.ok(rates.every((rate, index) => index === 0 || rate <= (rates[index - 1] ?? Infinity)));
      assert.ok((rates[0] ?? 0) > (rates[rates.length - 1] ?? 0));

      const byShare = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=100&sort=lastShareTime,asc');
      const times = byShare.body.content.map((worker) => Date.parse(worker.lastShareTime));
      assert.ok(times.every((time, index) => index === 0 || time >= (times[index - 1] ?? 0)));
      assert.equal(byShare.body.content[0]?.state, 'DEAD');

      const bogus = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?size=5&sort=color,desc');
      assert.equal(bogus.status, 200);
      assert.deepEqual(bogus.body.sort, { field: 'name', ascending: true });
    });
  });

  test('statusFilters and name filters; bad status is 400', async () => {
    await withSbiSim(small, async (sim) => {
      const counts = await countsOf(sim, 'alpha');
      assert.equal(counts.dead, 10);
      assert.equal(counts.offline, 5);
      const dead = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?subaccountNames=alpha&statusFilters=DEAD&size=100');
      assert.equal(dead.body.totalElements, counts.dead);
      assert.ok(dead.body.content.every((worker) => worker.state === 'DEAD'));
      const live = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?subaccountNames=alpha&statusFilters=ONLINE,OFFLINE&size=100');
      assert.equal(live.body.totalElements, counts.online + counts.offline);
      const empty = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?statusFilters=&size=100');
      assert.equal(empty.body.totalElements, 72, 'an empty statusFilters means no filter');

      const named = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?nameFilter=rig-0&size=100');
      assert.equal(named.body.totalElements, 27, 'rig-01..rig-09 in each of three subaccounts');
      assert.ok(named.body.content.every((worker) => worker.name.includes('rig-0')));
      const byWorkerName = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?workerName=rig-1&subaccountNames=gamma');
      assert.deepEqual(byWorkerName.body.content.map((worker) => worker.name), ['rig-10']);

      for (const bad of ['statusFilters=BROKEN', 'statusFilters=online', 'statusFilters=ONLINE,NOPE', 'nameFilter=r']) {
        const rejected = await sbiJson<ErrorBody>(sim, `/api/external/v1/workers?${bad}`);
        assert.equal(rejected.status, 400, bad);
        assert.equal(rejected.body.status, 400);
      }
    });
  });
});

describe('worker lifecycle by sim clock', () => {
  test('stopWorker: OFFLINE after 2 min, DEAD after 10 min; startWorker: ONLINE again', async () => {
    await withSbiSim(small, async (sim) => {
      const running = await workerByName(sim, 'gamma', 'rig-03');
      assert.equal(running.state, 'ONLINE');
      const ageMs = SBI_TEST_BASE_MS - Date.parse(running.lastShareTime);
      assert.ok(ageMs >= 0 && ageMs <= 20_000, `running worker shared ${ageMs} ms ago`);

      sim.stopWorker('gamma', 'rig-03');
      sim.advanceClock(1 * MINUTE_MS);
      assert.equal((await workerByName(sim, 'gamma', 'rig-03')).state, 'ONLINE');
      sim.advanceClock(2 * MINUTE_MS);
      assert.equal((await workerByName(sim, 'gamma', 'rig-03')).state, 'OFFLINE');
      assert.deepEqual(await countsOf(sim, 'gamma'), { online: 9, offline: 1, dead: 0, totalWorkers: 10 });
      sim.advanceClock(8 * MINUTE_MS);
      const dead = await workerByName(sim, 'gamma', 'rig-03');
      assert.equal(dead.state, 'DEAD');
      assert.equal(dead.hashrates[0], 0, 'no shares in the last 10 minutes');
      assert.deepEqual(await countsOf(sim, 'gamma'), { online: 9, offline: 0, dead: 1, totalWorkers: 10 });
      const others = await workerByName(sim, 'gamma', 'rig-04');
      assert.equal(others.state, 'ONLINE', 'running workers keep sending shares as the clock moves');

      sim.startWorker('gamma', 'rig-03');
      assert.equal((await workerByName(sim, 'gamma', 'rig-03')).state, 'ONLINE');
    });
  });

  test('setWorkerLastShare, addWorker and clear-inactive-workers', async () => {
    await withSbiSim(small, async (sim) => {
      sim.setWorkerLastShare('gamma', 'rig-05', SBI_TEST_BASE_MS - 5 * MINUTE_MS);
      assert.equal((await workerByName(sim, 'gamma', 'rig-05')).state, 'OFFLINE');
      sim.setWorkerLastShare('gamma', 'rig-06', SBI_TEST_BASE_MS - 3 * DAY_MS);
      assert.equal((await workerByName(sim, 'gamma', 'rig-06')).state, 'DEAD');

      sim.addWorker('gamma', 'rig-00');
      assert.throws(() => sim.addWorker('gamma', 'rig-00'), /already exists/);
      assert.deepEqual(sim.workerNames('gamma').slice(0, 2), ['rig-00', 'rig-01']);
      const firstPage = await sbiJson<SbiPage<SbiWorkerRow>>(sim, '/api/external/v1/workers?subaccountNames=gamma&size=1');
      assert.equal(firstPage.body.content[0]?.name, 'rig-00');
      assert.equal(firstPage.body.content[0]?.state, 'ONLINE');
      assert.equal(firstPage.body.totalElements, 11);

      const reader = sim.addKey({ permissions: ['READ'] });
      assert.equal((await sbiCall(sim, '/api/external/v1/clear-inactive-workers?subaccountName=gamma', { key: reader, method: 'POST' })).status, 403);
      assert.equal((await sbiCall(sim, '/api/external/v1/clear-inactive-workers', { method: 'POST' })).status, 400);
      assert.equal((await sbiCall(sim, '/api/external/v1/clear-inactive-workers?subaccountName=nope', { method: 'POST' })).status, 404);
      const cleared = await sbiCall(sim, '/api/external/v1/clear-inactive-workers?subaccountName=gamma', { method: 'POST' });
      assert.equal(cleared.status, 204);
      assert.ok(!sim.workerNames('gamma').includes('rig-06'), 'DEAD worker removed');
      assert.ok(sim.workerNames('gamma').includes('rig-05'), 'OFFLINE worker kept');
      assert.deepEqual(await countsOf(sim, 'gamma'), { online: 9, offline: 1, dead: 0, totalWorkers: 10 });
    });
  });
});

describe('coin switch (PATCH subaccount)', () => {
  test('202 switch, 200 same coin, 400 unsupported, 422 no payout address, 404 unknown, 415 non-JSON', async () => {
    await withSbiSim(small, async (sim) => {
      const patch = (body: string, contentType = 'application/json') =>
        sbiJson<Record<string, unknown>>(sim, '/api/external/v1/subaccount', { method: 'PATCH', headers: { 'Content-Type': contentType }, body });
      const switched = await patch('{"subaccountName":"alpha","coin":"BCH"}');
      assert.equal(switched.status, 202);
      assert.equal(switched.body.coin, 'BCH');
      assert.match(String(switched.body.payoutAddress), /^bitcoincash:/);
      const account = await sbiJson<AccountBody>(sim, '/api/external/v1/account');
      assert.equal(account.body.subaccounts.find((subaccount) => subaccount.subaccountName === 'alpha')?.currentMiningCurrency.code, 'BCH');
      assert.equal((await patch('{"subaccountName":"alpha","coin":"BCH"}')).status, 200);
      assert.equal((await patch('{"subaccountName":"alpha","coin":"DOGE"}')).status, 400);
      assert.equal((await patch('{"subaccountName":"alpha","coin":"BSV"}')).status, 422);
      assert.equal((await patch('{"subaccountName":"nope","coin":"BTC"}')).status, 404);
      assert.equal((await patch('{"coin":"BTC"}')).status, 400);
      assert.equal((await patch('{not json')).status, 400);
      assert.equal((await patch('{"subaccountName":"alpha","coin":"BTC"}', 'text/plain')).status, 415);
    });
  });
});

describe('earnings and payouts', () => {
  const today = isoDay(SBI_TEST_BASE_MS);
  const yesterday = isoDay(SBI_TEST_BASE_MS - DAY_MS);
  const window = `startDate=${isoDay(SBI_TEST_BASE_MS - 40 * DAY_MS)}&endDate=${isoDay(SBI_TEST_BASE_MS + 5 * DAY_MS)}&size=500`;
  const dayOf = (earning: EarningV2): string => earning.earningsFor.slice(0, 10);

  test('v2: 30 days per subaccount, whole coin, older CONFIRMED, yesterday POSTED, today NEW', async () => {
    await withSbiSim(small, async (sim) => {
      const { status, body } = await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}`);
      assert.equal(status, 200);
      assert.equal(body.totalElements, 90);
      assert.deepEqual(body.sort, { field: 'earningsFor', ascending: false });
      assert.equal(dayOf(body.content[0] as EarningV2), today, 'newest first');
      for (const earning of body.content) {
        const expected = dayOf(earning) === today ? 'NEW' : dayOf(earning) === yesterday ? 'POSTED' : 'CONFIRMED';
        assert.equal(earning.state, expected, `${earning.subaccountName} ${dayOf(earning)}`);
        assert.equal(earning.txId === null, expected === 'NEW');
        assert.equal(earning.paidOn === null, expected === 'NEW');
        assert.ok(earning.netOwed > 0 && earning.netOwed < earning.grossOwed && earning.grossOwed < 10, 'whole coin');
      }
      const defaultMonth = await sbiJson<SbiPage<EarningV2>>(sim, '/api/external/v2/earnings?size=500');
      assert.equal(defaultMonth.body.totalElements, 15 * 3, 'defaults to the current month (1st to 15th so far)');
    });
  });

  test('a payout still POSTED when the simulator starts was sent under 24 h ago, at any hour of the day', async () => {
    const dayStart = Date.UTC(2024, 4, 15);
    for (const hour of [0.5, 12, 20.6, 23.99]) {
      const nowMs = dayStart + hour * 3_600_000;
      await withSbiSim({ ...small, now: () => nowMs }, async (sim) => {
        const { body } = await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}`);
        const posted = body.content.filter((earning) => earning.state === 'POSTED');
        assert.equal(posted.length, 3, `hour ${hour}`);
        for (const earning of posted) {
          const ageMs = nowMs - Date.parse(earning.paidOn ?? '');
          assert.ok(ageMs > 0 && ageMs < DAY_MS, `hour ${hour}: ${earning.subaccountName} posted ${ageMs / 3_600_000} h ago`);
        }
      });
    }
  });

  test('v2 validation: bad dates 400, start after end 400, bad sort 422; sort by state follows the declared order', async () => {
    await withSbiSim(small, async (sim) => {
      assert.equal((await sbiCall(sim, '/api/external/v2/earnings?startDate=2024-13-01')).status, 400);
      assert.equal((await sbiCall(sim, '/api/external/v2/earnings?startDate=2024-05-10&endDate=2024-05-01')).status, 400);
      assert.equal((await sbiCall(sim, '/api/external/v2/earnings?sort=bogus,asc')).status, 422);
      const byState = await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}&sort=state,asc`);
      const states = [...new Set(byState.body.content.map((earning) => earning.state))];
      assert.deepEqual(states, ['CONFIRMED', 'POSTED', 'NEW']);
    });
  });

  test('v1: required dates, integer base-unit amounts, default page size 100', async () => {
    await withSbiSim(small, async (sim) => {
      assert.equal((await sbiCall(sim, '/api/external/v1/earnings')).status, 400);
      assert.equal((await sbiCall(sim, `/api/external/v1/earnings?fromDate=${today}`)).status, 400);
      assert.equal((await sbiCall(sim, `/api/external/v1/earnings?fromDate=15-05-2024&toDate=${today}`)).status, 400);
      assert.equal((await sbiCall(sim, `/api/external/v1/earnings?fromDate=${today}&toDate=${yesterday}`)).status, 400);
      const { body } = await sbiJson<SbiPage<{ amount: number; feesPaid: number; status: string; asOf: string; coin: { code: string }; subaccountName: string; blockchainId: string | null }>>(
        sim,
        `/api/external/v1/earnings?fromDate=${isoDay(SBI_TEST_BASE_MS - 6 * DAY_MS)}&toDate=${today}`,
      );
      assert.equal(body.size, 100);
      assert.equal(body.totalElements, 21);
      assert.deepEqual(body.sort, { field: 'created', ascending: false });
      for (const earning of body.content) {
        assert.ok(Number.isInteger(earning.amount) && earning.amount > 1000, 'integer base units');
        assert.ok(Number.isInteger(earning.feesPaid));
      }
      const bch = body.content.find((earning) => earning.subaccountName === 'beta');
      assert.equal(bch?.coin.code, 'BCH');
    });
  });

  test('advancePayouts moves NEW -> POSTED -> CONFIRMED and opens a new day; failNextPayout fails one', async () => {
    await withSbiSim(small, async (sim) => {
      const todays = async (): Promise<EarningV2[]> => (await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}`)).body.content.filter((earning) => dayOf(earning) === today);
      sim.advancePayouts();
      assert.ok((await todays()).every((earning) => earning.state === 'POSTED' && earning.txId !== null && earning.paidOn !== null));
      sim.advancePayouts();
      assert.ok((await todays()).every((earning) => earning.state === 'CONFIRMED'));

      sim.advanceClock(DAY_MS);
      sim.failNextPayout();
      sim.advancePayouts();
      const tomorrow = isoDay(SBI_TEST_BASE_MS + DAY_MS);
      const all = (await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}`)).body.content;
      assert.equal(all.filter((earning) => dayOf(earning) === tomorrow && earning.state === 'NEW').length, 3, 'a NEW earning per subaccount for the new day');
      sim.advancePayouts();
      const after = (await sbiJson<SbiPage<EarningV2>>(sim, `/api/external/v2/earnings?${window}`)).body.content.filter((earning) => dayOf(earning) === tomorrow);
      const failed = after.filter((earning) => earning.state === 'FAILED');
      const posted = after.filter((earning) => earning.state === 'POSTED');
      assert.ok(failed.length >= 1, 'one payout failed');
      assert.equal(failed.length + posted.length, 3);
      assert.ok(failed.every((earning) => earning.txId === null));
      assert.equal(new Set(failed.map((earning) => earning.coin)).size, 1, 'the failed payout is one transaction (one coin)');
    });
  });

  test('tx payouts: whole coin, states, owner only, FAILED ones never appear', async () => {
    await withSbiSim(small, async (sim) => {
      type Payout = { internalTxId: string; coin: string; amount: number; txFee: number; state: string; txId: string | null; paidOn: string | null };
      const list = async (): Promise<Payout[]> => (await sbiJson<SbiPage<Payout>>(sim, `/api/external/v1/payouts?${window}`)).body.content;
      const before = await list();
      assert.equal(before.length, 60, 'one transaction per coin per day (BTC, BCH) over 30 days');
      assert.deepEqual([...new Set(before.map((payout) => payout.state))].sort(), ['CONFIRMED', 'NEW', 'POSTED']);
      assert.ok(before.every((payout) => payout.amount > 0 && payout.amount < 10 && payout.txFee < 0.01));
      const onlyBch = await sbiJson<SbiPage<Payout>>(sim, `/api/external/v1/payouts?${window}&coinFilters=BCH`);
      assert.ok(onlyBch.body.content.every((payout) => payout.coin === 'BCH') && onlyBch.body.totalElements === 30);
      assert.equal((await sbiCall(sim, `/api/external/v1/payouts?coinFilters=XYZ`)).status, 400);
      assert.equal((await sbiCall(sim, `/api/external/v1/payouts?sort=nope,desc`)).status, 422);
      sim.failNextPayout();
      sim.advancePayouts();
      const after = await list();
      assert.equal(after.length, 59);
      assert.ok(after.every((payout) => payout.state !== 'FAILED'));
    });
  });

  test('revenue: a map keyed by today and yesterday (UTC midnight)', async () => {
    await withSbiSim(small, async (sim) => {
      const { body } = await sbiJson<{ estimatedRevenues: Record<string, Array<{ subaccountName: string; coin: string; amount: number }>> }>(sim, '/api/external/v1/revenue');
      const dates = Object.keys(body.estimatedRevenues);
      assert.deepEqual(dates, [`${today}T00:00:00.000+00:00`, `${yesterday}T00:00:00.000+00:00`]);
      const todayRows = body.estimatedRevenues[dates[0] as string] ?? [];
      assert.deepEqual(todayRows.map((row) => row.subaccountName), ['alpha', 'beta', 'gamma']);
      assert.ok(todayRows.every((row) => row.amount > 0));
      const yesterdayAlpha = body.estimatedRevenues[dates[1] as string]?.[0]?.amount ?? 0;
      assert.ok(yesterdayAlpha > (todayRows[0]?.amount ?? 0), 'today is only half over');
    });
  });
});

describe('observer endpoints', () => {
  test('validate is 204; a bad key is 401 with the documented body; API keys do not open observer endpoints', async () => {
    await withSbiSim(small, async (sim) => {
      assert.equal((await observerCall(sim, '/api/observer/v1/workers/validate', observerKeyOf(sim, 'alpha'))).status, 204);
      const bad = await observerCall(sim, '/api/observer/v1/workers/validate', 'not-a-key');
      assert.equal(bad.status, 401);
      assert.deepEqual(await bad.json(), { error: 'invalid_token', error_description: 'Observer Key is invalid.' });
      assert.equal((await sbiCall(sim, '/api/observer/v1/workers/status')).status, 401);
    });
  });

  test('details, status and hashrates cover only the observed subaccount', async () => {
    await withSbiSim(small, async (sim) => {
      const key = observerKeyOf(sim, 'alpha');
      const details = (await (await observerCall(sim, '/api/observer/v1/workers/details?size=100&hashrateRanges=10,60', key)).json()) as SbiPage<SbiWorkerRow>;
      assert.equal(details.totalElements, 50);
      assert.ok(details.content.every((worker) => worker.subaccount === 'alpha' && worker.hashrates.length === 2));
      const deadOnly = (await (await observerCall(sim, '/api/observer/v1/workers/details?statusFilters=DEAD', key)).json()) as SbiPage<SbiWorkerRow>;
      assert.equal(deadOnly.totalElements, 10);

      const counts = await countsOf(sim, 'alpha');
      const status = (await (await observerCall(sim, '/api/observer/v1/workers/status', key)).json()) as { status: Record<string, SbiStatusCounts & { name: string }> };
      const entries = Object.entries(status.status);
      assert.equal(entries.length, 1);
      assert.deepEqual(entries[0]?.[1], { name: 'alpha', online: counts.online, offline: counts.offline, dead: counts.dead });

      const subaccounts = await sbiJson<SubaccountsBody>(sim, '/api/external/v1/subaccounts?subaccountNames=alpha');
      const expected = subaccounts.body.subaccounts[0]?.hashrate ?? [];
      const ranges = (await (await observerCall(sim, '/api/observer/v1/workers/hashrates?ranges=10,60,1440', key)).json()) as { subaccounts: Record<string, number>; hashrate: Record<string, number[]> };
      assert.deepEqual(Object.keys(ranges.hashrate), ['alpha']);
      assert.equal(ranges.subaccounts.alpha, entries[0]?.[0] === undefined ? NaN : Number(entries[0][0]));
      (ranges.hashrate.alpha ?? []).forEach((value, index) => assert.ok(Math.abs(value - (expected[index] ?? 0)) <= 1e-6 * value, `range ${index} matches subaccount hashrate`));

      const series = (await (await observerCall(sim, '/api/observer/v1/workers/hashrates?range=0:60&resolution=6', key)).json()) as { hashrate: Record<string, number[]> };
      assert.equal(series.hashrate.alpha?.length, 6);
      assert.equal((await observerCall(sim, '/api/observer/v1/workers/hashrates?range=0:1&resolution=10', key)).status, 400, 'sub-ranges under 20 s');
      assert.equal((await observerCall(sim, '/api/observer/v1/workers/hashrates?ranges=10&range=0:60', key)).status, 400);

      const coin = (await (await observerCall(sim, '/api/observer/v1/hashrates/coin?range=0:60&resolution=13', key)).json()) as { now: string; hashrate: Record<string, number[]> };
      assert.match(coin.now, /Z$/);
      assert.deepEqual(Object.keys(coin.hashrate), ['BTC']);
      assert.equal(coin.hashrate.BTC?.length, 13);

      const betaStatus = (await (await observerCall(sim, '/api/observer/v1/workers/status', observerKeyOf(sim, 'beta'))).json()) as { status: Record<string, { name: string }> };
      assert.deepEqual(Object.values(betaStatus.status).map((entry) => entry.name), ['beta']);
    });
  });

  test('worker stopped via the sim shows in the observer view too; CSV export on Accept text/csv', async () => {
    await withSbiSim(small, async (sim) => {
      const key = observerKeyOf(sim, 'gamma');
      sim.stopWorker('gamma', 'rig-02');
      sim.advanceClock(11 * MINUTE_MS);
      const csvResponse = await observerCall(sim, '/api/observer/v1/workers/details', key, 'text/csv');
      assert.match(csvResponse.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await csvResponse.text()).trim().split('\n');
      assert.equal(lines[0], 'worker,subaccount,status,lastShareDate,hashrate10m,hashrate60m,hashrate1440m');
      assert.equal(lines.length, 11);
      assert.match(lines.find((line) => line.startsWith('rig-02,')) ?? '', /^rig-02,gamma,DEAD,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00,0,/);
    });
  });
});
