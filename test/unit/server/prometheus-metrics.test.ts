import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountSummary, Worker } from '../../../shared/model';
import type { ActiveAlertView } from '../../../shared/contract';
import type { PollObservation } from '../../../main/base/poll-observation';
import { EventBus } from '../../../main/base/event-bus';
import { createPrometheusMetrics } from '../../../main/server/prometheus-metrics';
import { makeSummary } from '../renderer/fixtures';

/** A monitor's state the test changes between scrapes, and its poll events. */
function source(initial: { accounts: AccountSummary[]; alerts?: ActiveAlertView[]; workers?: Record<string, Worker[]> }) {
  const state = { alerts: [] as ActiveAlertView[], workers: {} as Record<string, Worker[]>, ...initial };
  const polls = new EventBus<PollObservation>();
  return {
    state,
    polls,
    source: {
      summaries: () => state.accounts,
      workersOf: (id: string) => state.workers[id] ?? [],
      activeAlerts: () => state.alerts,
      onPolled: (observer: (observation: PollObservation) => void) => polls.subscribe(observer),
    },
  };
}

/** The value of the one line `name{labels} value` of the text format, or undefined when there is no such series. */
function series(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function alert(overrides: Partial<ActiveAlertView> & Pick<ActiveAlertView, 'severity' | 'state'>): ActiveAlertView {
  return {
    key: `k-${Math.random()}`,
    ruleId: 'worker-offline',
    scope: { accountId: 'a', accountLabel: 'A', group: null, worker: null },
    ref: null,
    since: '2026-11-21T12:00:00.000Z',
    firedAt: null,
    message: 'm',
    urgent: false,
    snoozed: false,
    ...overrides,
  };
}

const worker = (name: string, state: Worker['state'], h10m: number | null): Worker => ({
  name,
  group: 'rigs',
  state,
  hashrate: { h10m, h1h: null, h24h: null },
  lastShareAt: null,
  rejectRate: null,
});

describe('Prometheus metrics', () => {
  it('gives unpaid balances in whole coins, summed over groups; base units of unknown size left out', async () => {
    const { source: from } = source({
      accounts: [
        makeSummary({
          id: 'a',
          balances: [
            { coin: 'BTC', unpaid: 0.00001208, unit: 'coin', group: 'rigs' },
            { coin: 'BTC', unpaid: 0.00000792, unit: 'coin', group: 'more' },
            { coin: 'ETH', unpaid: 5_000_000, unit: 'base-unit', group: 'eth1' },
            { coin: 'LTC', unpaid: 1.5, unit: 'coin', group: null },
          ],
        }),
      ],
    });
    const text = await createPrometheusMetrics(from, { perWorker: false }).render();
    assert.ok(Math.abs(series(text, 'poolwatch_account_unpaid_balance', 'account="a",pool="sbi",coin="BTC"')! - 0.00002) < 1e-15);
    assert.equal(series(text, 'poolwatch_account_unpaid_balance', 'account="a",pool="sbi",coin="LTC"'), 1.5);
    assert.equal(series(text, 'poolwatch_account_unpaid_balance', 'account="a",pool="sbi",coin="ETH"'), undefined);
  });

  it('counts firing alerts by account and severity, zero where none fire, and machine-wide ones under account ""', async () => {
    const { source: from } = source({
      accounts: [makeSummary({ id: 'a' }), makeSummary({ id: 'b', pool: 'spider' })],
      alerts: [
        alert({ severity: 'warning', state: 'firing' }),
        alert({ severity: 'warning', state: 'firing', snoozed: true }),
        alert({ severity: 'critical', state: 'pending' }),
        alert({ severity: 'critical', state: 'firing', ruleId: 'machine-offline', scope: { accountId: '', accountLabel: '', group: null, worker: null } }),
      ],
    });
    const text = await createPrometheusMetrics(from, { perWorker: false }).render();
    assert.equal(series(text, 'poolwatch_alerts_firing', 'account="a",pool="sbi",severity="warning"'), 2);
    assert.equal(series(text, 'poolwatch_alerts_firing', 'account="a",pool="sbi",severity="critical"'), 0);
    assert.equal(series(text, 'poolwatch_alerts_firing', 'account="b",pool="spider",severity="warning"'), 0);
    assert.equal(series(text, 'poolwatch_alerts_firing', 'account="",pool="",severity="critical"'), 1);
  });

  it('says up only for a poll that worked, and has no hashrate series for a window the pool does not report', async () => {
    const { source: from } = source({
      accounts: [
        makeSummary({ id: 'ok', hashrate: { h10m: 5e12, h1h: null, h24h: 4e12 }, lastGoodAt: '2026-11-21T12:00:00.500Z' }),
        makeSummary({ id: 'limited', status: 'permission_limited' }),
        makeSummary({ id: 'down', status: 'unreachable', stale: true }),
        makeSummary({ id: 'new', status: 'pending' }),
      ],
    });
    const text = await createPrometheusMetrics(from, { perWorker: false }).render();
    assert.equal(series(text, 'poolwatch_account_up', 'account="ok",pool="sbi"'), 1);
    assert.equal(series(text, 'poolwatch_account_up', 'account="limited",pool="sbi"'), 1);
    assert.equal(series(text, 'poolwatch_account_up', 'account="down",pool="sbi"'), 0);
    assert.equal(series(text, 'poolwatch_account_up', 'account="new",pool="sbi"'), 0);
    assert.equal(series(text, 'poolwatch_account_hashrate_hps', 'account="ok",pool="sbi",window="10m"'), 5e12);
    assert.equal(series(text, 'poolwatch_account_hashrate_hps', 'account="ok",pool="sbi",window="1h"'), undefined);
    assert.equal(series(text, 'poolwatch_last_success_timestamp_seconds', 'account="ok",pool="sbi"'), Date.parse('2026-11-21T12:00:00.500Z') / 1000);
    assert.equal(series(text, 'poolwatch_last_success_timestamp_seconds', 'account="new",pool="sbi"'), undefined);
  });

  it('writes per-worker series only when asked', async () => {
    const { source: from } = source({
      accounts: [makeSummary({ id: 'a' })],
      workers: { a: [worker('rig-1', 'online', 1e12), worker('rig-2', 'dead', null)] },
    });
    const without = await createPrometheusMetrics(from, { perWorker: false }).render();
    assert.doesNotMatch(without, /poolwatch_worker_/);
    const withWorkers = await createPrometheusMetrics(from, { perWorker: true }).render();
    assert.equal(series(withWorkers, 'poolwatch_worker_hashrate_hps', 'account="a",pool="sbi",group="rigs",worker="rig-1",window="10m"'), 1e12);
    assert.equal(series(withWorkers, 'poolwatch_worker_state', 'account="a",pool="sbi",group="rigs",worker="rig-2",state="dead"'), 1);
    assert.equal(series(withWorkers, 'poolwatch_worker_state', 'account="a",pool="sbi",group="rigs",worker="rig-2",state="online"'), undefined);
  });

  it('writes the per-worker series again only after a poll, and lets scrapes that overlap share one text', async () => {
    const a = makeSummary({ id: 'a' });
    const { source: from, polls, state } = source({ accounts: [a], workers: { a: [worker('rig-1', 'online', 1e12)] } });
    const metrics = createPrometheusMetrics(from, { perWorker: true });
    const [first, overlapping] = await Promise.all([metrics.render(), metrics.render()]);
    assert.equal(first, overlapping);
    state.workers = { a: [worker('rig-1', 'offline', 0)] };
    const beforePoll = await metrics.render();
    assert.equal(series(beforePoll, 'poolwatch_worker_state', 'account="a",pool="sbi",group="rigs",worker="rig-1",state="online"'), 1, 'no poll yet: the text written last');
    polls.emit({ atMs: 0, account: a, workers: state.workers.a!, pollIntervalMs: 60_000, durationMs: 10 });
    const afterPoll = await metrics.render();
    assert.equal(series(afterPoll, 'poolwatch_worker_state', 'account="a",pool="sbi",group="rigs",worker="rig-1",state="offline"'), 1);
    assert.equal(series(afterPoll, 'poolwatch_worker_state', 'account="a",pool="sbi",group="rigs",worker="rig-1",state="online"'), undefined);
  });

  it('counts poll durations and failures by kind from poll events, and drops a removed account\'s series', async () => {
    const a = makeSummary({ id: 'a' });
    const b = makeSummary({ id: 'b', pool: 'webminepool' });
    const { source: from, polls, state } = source({ accounts: [a, b] });
    const metrics = createPrometheusMetrics(from, { perWorker: false });
    const first = await metrics.render();
    assert.equal(series(first, 'poolwatch_poll_failures_total', 'account="b",pool="webminepool",kind="auth"'), 0, 'every kind starts at 0');
    assert.equal(series(first, 'poolwatch_poll_duration_seconds_count', 'account="b",pool="webminepool"'), 0);
    const observation = (account: AccountSummary, durationMs: number, errorKind?: PollObservation['errorKind']): PollObservation => ({
      atMs: 0,
      account,
      workers: null,
      pollIntervalMs: 60_000,
      durationMs,
      ...(errorKind ? { errorKind, failure: 'other' as const } : {}),
    });
    polls.emit(observation(b, 200));
    polls.emit(observation(b, 3_000, 'auth'));
    polls.emit(observation(b, 15_000, 'unreachable'));
    polls.emit(observation(b, 20_000, 'unreachable'));
    const second = await metrics.render();
    assert.equal(series(second, 'poolwatch_poll_failures_total', 'account="b",pool="webminepool",kind="auth"'), 1);
    assert.equal(series(second, 'poolwatch_poll_failures_total', 'account="b",pool="webminepool",kind="unreachable"'), 2);
    assert.equal(series(second, 'poolwatch_poll_duration_seconds_count', 'account="b",pool="webminepool"'), 4);
    assert.equal(series(second, 'poolwatch_poll_duration_seconds_sum', 'account="b",pool="webminepool"'), 38.2);
    assert.equal(series(second, 'poolwatch_poll_duration_seconds_bucket', 'le="5",account="b",pool="webminepool"'), 2);

    state.accounts = [a];
    const third = await metrics.render();
    assert.doesNotMatch(third, /account="b"/);
    metrics.close();
    polls.emit(observation(a, 100, 'server'));
    assert.equal(series(await metrics.render(), 'poolwatch_poll_failures_total', 'account="a",pool="sbi",kind="server"'), 0, 'closed: no longer listening');
  });
});
