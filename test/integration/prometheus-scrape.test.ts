import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { dirname, join } from 'node:path';
import { startSbiSim, type SbiSim } from '../sim/sbi';
import { startSpiderSim, type SpiderSim } from '../sim/spider';
import { startStratumsphereSim, type StratumsphereSim } from '../sim/stratumsphere';
import { startWebMinePoolSim, type WmpSim } from '../sim/webminepool';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { startPrometheus, writeTokenFile, type PrometheusProcess } from '../support/prometheus-process';
import { waitForValue } from '../support/wait-for';
import { unpaidWholeCoins } from '../../main/pools/whole-coins';

// A real Prometheus (Debian's package) scrapes `poolwatch serve` against the four pool simulators; what it stores
// must be the numbers /api/snapshot shows.

interface SnapshotAccount {
  id: string;
  pool: 'sbi' | 'spider' | 'webminepool' | 'stratumsphere';
  status: string;
  lastGoodAt: string | null;
  hashrate: Record<'h10m' | 'h1h' | 'h24h', number | null>;
  workers: Record<'online' | 'offline' | 'dead' | 'unknown', number>;
  groups: Array<{ name: string; coin: string | null; algorithm: string; hashrate: Record<'h10m' | 'h1h' | 'h24h', number | null>; workers: Record<string, number> }>;
  balances: Array<{ coin: string; unpaid: number; unit: 'coin' | 'base-unit' }>;
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

const ROOT = join(__dirname, '..', '..');

/** The dashboard's PromQL: every panel target and every templating query. */
function dashboardQueries(): string[] {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana', 'poolwatch.json'), 'utf8')) as {
    panels: Array<{ targets?: Array<{ expr: string }> }>;
    templating: { list: Array<{ query?: unknown }> };
  };
  const targets = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  const variables = dashboard.templating.list.flatMap((variable) => {
    const query = variable.query as { query?: string } | string | undefined;
    return typeof query === 'object' && query?.query ? [query.query] : [];
  });
  return [...targets, ...variables];
}

/** The poolwatch_ names a text uses (PromQL, rules). */
function metricNames(text: string): Set<string> {
  return new Set(text.match(/\bpoolwatch_[a-z0-9_]+/g) ?? []);
}

/** The sample names of a /metrics document (histograms' _bucket, _sum and _count included). */
function exposedNames(metrics: string): Set<string> {
  return new Set(metrics.split('\n').filter((line) => line.startsWith('poolwatch_')).map((line) => /^[a-z0-9_]+/.exec(line)![0]));
}

const WINDOWS = [['h10m', '10m'], ['h1h', '1h'], ['h24h', '24h']] as const;
const STATES = ['online', 'offline', 'dead', 'unknown'] as const;

async function getText(serve: ServeProcess, path: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(`http://127.0.0.1:${serve.port}${path}`, { headers: { Authorization: `Bearer ${serve.token}` } });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? '' };
}

/** The series of one metric with these labels, as stored by Prometheus; fails when there is not exactly one. */
function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((sample) => sample.metric.__name__ === name && Object.entries(labels).every(([key, value]) => sample.metric[key] === value));
  assert.equal(found.length, 1, `one series ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return Number(found[0]!.value[1]);
}

function countOf(samples: readonly Sample[], name: string, labels: Record<string, string>): number {
  return samples.filter((sample) => sample.metric.__name__ === name && Object.entries(labels).every(([key, value]) => sample.metric[key] === value)).length;
}

describe('Prometheus scrapes poolwatch serve', { timeout: 60_000 }, () => {
  let sims: { sbi: SbiSim; spider: SpiderSim; wmp: WmpSim; stratumsphere: StratumsphereSim };
  let serve: ServeProcess;
  let prometheus: PrometheusProcess | null = null;
  let snapshot: { accounts: SnapshotAccount[] };

  before(async () => {
    const [sbi, spider, wmp, stratumsphere] = await Promise.all([
      startSbiSim({ seed: 13, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 40 }, { name: 'cash', coin: 'BCH', workers: 12 }] }),
      startSpiderSim({ seed: 13 }),
      startWebMinePoolSim({ seed: 13 }),
      startStratumsphereSim({ seed: 13 }),
    ]);
    sims = { sbi, spider, wmp, stratumsphere };
    // Polled once at start and then not for an hour: every scrape after the first polls sees the same figures.
    const account = (id: string, pool: string, baseUrl: string, credentials: Record<string, string>) => ({
      id,
      pool,
      label: `${id} farm`,
      baseUrl,
      pollIntervalSec: 3600,
      credentials: Object.fromEntries(Object.entries(credentials).map(([field, env]) => [field, { env }])),
    });
    serve = await startServeProcess({
      config: {
        accounts: [
          account('sbi-farm', 'sbi', sbi.url, { apiKey: 'T_SBI_KEY', apiSecret: 'T_SBI_SECRET' }),
          account('spider-farm', 'spider', spider.url, { accessKey: 'T_SPIDER_ACCESS', privateKey: 'T_SPIDER_PRIVATE' }),
          account('wmp-site', 'webminepool', wmp.url, { secretKey: 'T_WMP' }),
          account('rentals', 'stratumsphere', stratumsphere.url, { apiKey: 'T_SS' }),
        ],
      },
      env: {
        T_SBI_KEY: sbi.fullKey.apiKey,
        T_SBI_SECRET: sbi.fullKey.apiSecret,
        T_SPIDER_ACCESS: spider.fullKey.accessKey,
        T_SPIDER_PRIVATE: spider.fullKey.privateKey,
        T_WMP: wmp.secretKey,
        T_SS: stratumsphere.apiKey,
      },
    });
    snapshot = await waitForValue(
      async () => {
        const read = JSON.parse((await getText(serve, '/api/snapshot')).body) as { accounts: SnapshotAccount[] };
        return read.accounts.every((candidate) => candidate.status === 'ok') ? read : undefined;
      },
      20_000,
      () => `every account polled ok (${serve.stderr()})`,
    );
  });

  after(async () => {
    await prometheus?.stop();
    await serve?.stop();
    await Promise.all(Object.values(sims ?? {}).map((sim) => sim.close()));
  });

  it('refuses /metrics without the token', async () => {
    const response = await fetch(`http://127.0.0.1:${serve.port}/metrics`);
    assert.equal(response.status, 401);
    const wrong = await fetch(`http://127.0.0.1:${serve.port}/metrics`, { headers: { Authorization: 'Bearer not-the-token' } });
    assert.equal(wrong.status, 401);
  });

  it('writes the Prometheus text format, which promtool accepts', async () => {
    const metrics = await getText(serve, '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.type, /^text\/plain; version=0\.0\.4/);
    assert.match(metrics.body, /^# TYPE poolwatch_poll_duration_seconds histogram$/m);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: metrics.body, encoding: 'utf8' });
    assert.equal(check.status, 0, `promtool check metrics: ${check.stdout}${check.stderr}`);
    assert.ok(!metrics.body.includes(sims.sbi.fullKey.apiSecret) && !metrics.body.includes(sims.wmp.secretKey));
  });

  it('has every metric the Grafana dashboard and the example alerting rules use', async () => {
    const exposed = exposedNames((await getText(serve, '/metrics')).body);
    const used = metricNames(dashboardQueries().join('\n'));
    for (const name of ['poolwatch_group_hashrate_hps', 'poolwatch_account_workers', 'poolwatch_account_up', 'poolwatch_alerts_firing']) {
      assert.ok(used.has(name), `the dashboard shows ${name}`);
    }
    const rules = metricNames(readFileSync(join(ROOT, 'docs', 'prometheus', 'alerts.yml'), 'utf8'));
    for (const name of [...used, ...rules]) assert.ok(exposed.has(name), `${name} is in /metrics`);
  });

  it('is scraped by a real Prometheus with the token file, and stores the snapshot\'s numbers', async () => {
    const tokenFile = await writeTokenFile(dirname(serve.configFile), serve.token);
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    prometheus = await startPrometheus({ port: serve.port, tokenFile });
    const server = prometheus;
    // Up, and scraped after every account's poll (the figures do not move for an hour after it).
    const samples = await waitForValue(
      async () => {
        const targets = await server.api<{ activeTargets: Array<{ health: string; lastError: string }> }>('/api/v1/targets');
        if (targets.activeTargets[0]?.health !== 'up') return undefined;
        const result = (await server.api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent('{__name__=~"poolwatch_.+"}')}`)).result;
        const up = result.filter((sample) => sample.metric.__name__ === 'poolwatch_account_up' && sample.value[1] === '1');
        return up.length === snapshot.accounts.length ? result : undefined;
      },
      20_000,
      () => `the target up with every account (${server.stderr()})`,
    );
    const job = { job: 'poolwatch' };
    let comparedBalances = 0;
    for (const account of snapshot.accounts) {
      const labels = { ...job, account: account.id, pool: account.pool };
      assert.equal(valueOf(samples, 'poolwatch_account_up', labels), 1);
      assert.equal(valueOf(samples, 'poolwatch_last_success_timestamp_seconds', labels), Date.parse(account.lastGoodAt!) / 1000);
      for (const [field, window] of WINDOWS) {
        const expected = account.hashrate[field];
        if (expected === null) assert.equal(countOf(samples, 'poolwatch_account_hashrate_hps', { ...labels, window }), 0, `${account.id} ${window}: no series`);
        else assert.equal(valueOf(samples, 'poolwatch_account_hashrate_hps', { ...labels, window }), expected, `${account.id} ${window}`);
      }
      for (const state of STATES) assert.equal(valueOf(samples, 'poolwatch_account_workers', { ...labels, state }), account.workers[state], `${account.id} ${state}`);
      for (const group of account.groups) {
        const groupLabels = { ...labels, group: group.name };
        for (const state of STATES) assert.equal(valueOf(samples, 'poolwatch_group_workers', { ...groupLabels, state }), group.workers[state]);
        for (const [field, window] of WINDOWS) {
          const expected = group.hashrate[field];
          if (expected === null) continue;
          assert.equal(valueOf(samples, 'poolwatch_group_hashrate_hps', { ...groupLabels, window, algorithm: group.algorithm }), expected, `${account.id}/${group.name} ${window}`);
        }
      }
      const unpaid = unpaidWholeCoins(account.balances.map((balance) => ({ ...balance, group: null })));
      for (const [coin, coins] of unpaid) assert.equal(valueOf(samples, 'poolwatch_account_unpaid_balance', { ...labels, coin }), coins, `${account.id} ${coin}`);
      assert.equal(countOf(samples, 'poolwatch_account_unpaid_balance', labels), unpaid.size);
      comparedBalances += unpaid.size;
      // One poll each so far, and none failed.
      assert.equal(valueOf(samples, 'poolwatch_poll_duration_seconds_count', labels), 1);
      assert.equal(countOf(samples, 'poolwatch_poll_failures_total', labels), 9);
      assert.ok(samples.filter((sample) => sample.metric.__name__ === 'poolwatch_poll_failures_total' && sample.metric.account === account.id).every((sample) => sample.value[1] === '0'));
      for (const severity of ['info', 'warning', 'critical']) assert.ok(countOf(samples, 'poolwatch_alerts_firing', { ...labels, severity }) === 1);
    }
    assert.ok(comparedBalances >= 3, `unpaid balances compared: ${comparedBalances}`);
    // The four pools' accounts together: SBI and Spider mine SHA-256 coins, Stratumsphere schedulers name theirs.
    const algorithms = new Set(samples.filter((sample) => sample.metric.__name__ === 'poolwatch_group_hashrate_hps').map((sample) => sample.metric.algorithm));
    assert.ok(algorithms.has('sha256'), [...algorithms].join(', '));
    assert.ok(!algorithms.has(''), 'every group names an algorithm, "unknown" at worst');
  });

  it('answers every query of the Grafana dashboard, with data for the fleet panels', async () => {
    assert.ok(prometheus, 'Prometheus runs (previous test)');
    const server = prometheus;
    for (const query of dashboardQueries()) {
      const promql = query.replaceAll('$instance', '.*').replaceAll('$account', '.*');
      if (promql.startsWith('label_values(')) {
        const [, metric, label] = /^label_values\((.+), (\w+)\)$/.exec(promql) ?? [];
        const values = await server.api<string[]>(`/api/v1/label/${label}/values?match[]=${encodeURIComponent(metric!)}`);
        assert.ok(values.length > 0, `${query}: no values`);
        continue;
      }
      const result = (await server.api<{ result: unknown[] }>(`/api/v1/query?query=${encodeURIComponent(promql)}`)).result;
      // Rates and quantiles need minutes of samples; everything else has data at once.
      if (!/\b(rate|increase)\(/.test(promql)) assert.ok(result.length > 0, `${query}: no data`);
    }
  });
});
