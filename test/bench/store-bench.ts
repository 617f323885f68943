import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSummary, Worker } from '../../shared/model';
import { openHistoryStores, type HistoryStores } from '../../main/store/history-stores';
import type { PollObservation } from '../../main/base/poll-observation';
import { measure } from './measure';

// History-store figures at 30,000 workers: recordPoll (first and steady state), chart queries, maintenance.

type Row = { name: string; medianMs: number; heapMb: number; note?: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A Monday at 00:00 UTC, so hour and day buckets line up with the polls. */
const START = Date.UTC(2026, 0, 5);
const POLL_MS = 5 * MINUTE;

/** The fleet at poll `n`: `percent` % of the workers (a different set each poll) moved their hashrate by 20 %. */
function workersAt(workers: readonly Worker[], n: number, percent = 2): Worker[] {
  return workers.map((worker, i) => {
    if ((i + n * 7) % 100 >= percent) return worker;
    const h = worker.hashrate.h10m;
    return { ...worker, hashrate: { ...worker.hashrate, h10m: h === null ? null : h * 1.2 } };
  });
}

interface TimedSteps {
  rolledUp: number;
  deleted: number;
  steps: number;
  longestMs: number;
  /** What the longest step did. */
  longestDid: string;
}

/** Runs maintenance steps to the end, timing each: the longest step is what a poll may wait behind. */
function timedSteps(steps: Iterable<{ rolledUp: number; deleted: number }>): TimedSteps {
  const total = { rolledUp: 0, deleted: 0, steps: 0, longestMs: 0, longestDid: '' };
  const iterator = steps[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const step = iterator.next();
    const tookMs = performance.now() - started;
    if (tookMs > total.longestMs) {
      total.longestMs = tookMs;
      total.longestDid = step.done ? 'the end of the pass' : `${step.value.rolledUp} rolled up, ${step.value.deleted} deleted`;
    }
    if (step.done) return total;
    total.steps += 1;
    total.rolledUp += step.value.rolledUp;
    total.deleted += step.value.deleted;
  }
}

function stepsNote(result: TimedSteps): string {
  return `${result.rolledUp} rollup rows, ${result.deleted} deleted, in ${result.steps} steps, longest step ${result.longestMs.toFixed(1)} ms (${result.longestDid})`;
}

export async function benchStore(workers: Worker[], summaryOf: (workers: Worker[]) => AccountSummary): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-store-bench-'));
  const rows: Row[] = [];
  const poll = (atMs: number, list: Worker[]): PollObservation => ({ atMs, account: summaryOf(list), workers: list, pollIntervalMs: POLL_MS });
  const open: HistoryStores[] = [];
  const openAt = (name: string) => {
    const stores = openHistoryStores(join(dir, name));
    open.push(stores);
    return stores;
  };
  try {
    const fresh = [0, 1, 2].map((i) => openAt(`first-${i}.sqlite`));
    let run = 0;
    const first = await measure(`history recordPoll, first poll, ${workers.length} workers`, fresh.length, () => fresh[run++]!.samples.recordPoll(poll(START, workers)));
    rows.push({ ...first, note: 'every worker is new: ids and one row each, one transaction' });

    const { samples } = openAt('history.sqlite');
    let n = 0;
    // Two days of 5-minute polls: the raw data a 24 h chart reads.
    const historyStart = performance.now();
    for (let at = START; at < START + 2 * DAY; at += POLL_MS, n += 1) samples.recordPoll(poll(at, workersAt(workers, n)));
    const historyMs = performance.now() - historyStart;
    const steadyAt = () => START + n * POLL_MS;
    const steady = await measure(`history recordPoll, steady state, ${workers.length} workers, 2% changed`, 7, () => {
      samples.recordPoll(poll(steadyAt(), workersAt(workers, n)));
      n += 1;
    });
    rows.push({ ...steady, note: `plus keepalive rows; ${n} polls of history took ${(historyMs / 1000).toFixed(1)} s to write` });
    // A worker's 10-minute figure often moves more than 5 % between polls (share luck): the heavy case.
    const churn = await measure(`history recordPoll, steady state, ${workers.length} workers, 30% changed`, 7, () => {
      samples.recordPoll(poll(steadyAt(), workersAt(workers, n, 30)));
      n += 1;
    });
    rows.push({ ...churn, note: 'rows of a poll fill adjacent pages (worker tables are keyed time first)' });

    const catchUp = await measure('history maintenance, first pass over 2 days', 1, () => timedSteps(samples.maintenanceSteps(steadyAt())));
    rows.push({ ...catchUp, note: stepsNote(catchUp.result) });

    // The pool's hourly history for the five days before: what a 7-day chart shows besides our own data.
    const points = Array.from({ length: 5 * 24 }, (_, i) => ({ at: new Date(START - (i + 1) * HOUR).toISOString(), hps: 1e17 }));
    samples.recordBackfill('bench', 'Bench', [{ group: workers[0]!.group, worker: null, resolution: 'hour', points }], [], steadyAt());

    const now = steadyAt();
    const account = { accountId: 'bench' };
    const day = await measure('history query, account hashrate, 24 h (raw)', 9, () => samples.hashrate(account, now - DAY, now, 1000));
    rows.push({ ...day, note: `${day.result.points.length} points, resolution ${day.result.resolution}` });
    const week = await measure('history query, account hashrate, 7 d (hourly)', 9, () => samples.hashrate(account, now - 7 * DAY, now, 1000));
    rows.push({ ...week, note: `${week.result.points.length} points, resolution ${week.result.resolution}` });
    const one = workers[123]!;
    const workerDay = await measure('history query, one worker, 24 h (raw)', 9, () => samples.hashrate({ accountId: 'bench', group: one.group, worker: one.name }, now - DAY, now, 1000));
    rows.push({ ...workerDay, note: `${workerDay.result.points.length} points` });
    const states = await measure('history query, worker states, 7 d', 9, () => samples.workerStates(account, now - 7 * DAY, now, 1000));
    rows.push({ ...states, note: `${states.result.points.length} points` });

    // One more hour of polls, then the hourly pass the app runs in slices.
    for (let i = 0; i < 12; i += 1) {
      samples.recordPoll(poll(steadyAt(), workersAt(workers, n)));
      n += 1;
    }
    const hourly = await measure('history maintenance, hourly pass', 1, () => timedSteps(samples.maintenanceSteps(steadyAt() + 10 * MINUTE)));
    const sizeMb = statSync(join(dir, 'history.sqlite')).size / 1024 / 1024 + statSync(join(dir, 'history.sqlite-wal')).size / 1024 / 1024;
    rows.push({ ...hourly, note: `${stepsNote(hourly.result)}; database ${sizeMb.toFixed(0)} MB` });
  } finally {
    for (const stores of open) stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
