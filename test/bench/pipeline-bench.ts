import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PoolAdapter, PoolReading } from '../../main/pools/adapter';
import { createHttpClient } from '../../main/pools/http-client';
import { NotHashingTracker } from '../../main/engine/not-hashing';
import { diffWorkers } from '../../main/engine/worker-diff';
import { AlertEvaluator } from '../../main/alerts/alert-evaluator';
import { openHistoryStores } from '../../main/store/history-stores';
import type { Worker } from '../../shared/model';
import { summaryOf } from './bench-summary';
import { capturingFetch, type CapturedRequest } from './capture-fetch';
import { bareRequests } from './request-floor';
import { startChildSim } from './child-sim';
import { medianTimed, mb, timed } from './cpu';

// Issue 10's yardstick: per poll, the CPU the app spends (adapter, diff, alerts, history) against the least any
// program must spend on the same data (parse the same pages, insert one row per worker in one transaction).

export interface PipelineCase {
  pool: 'sbi' | 'spider' | 'stratumsphere';
  name: string;
  adapter: PoolAdapter;
  simArgs: string[];
  /** The adapter's credential fields from what the simulator's /__sim/keys answers. */
  credentials(keys: Record<string, unknown>): Record<string, string>;
  /** Whether to run the whole pipeline (diff, alerts, history) or only the adapter against the floor. */
  full: boolean;
  /** What every request costs before it is sent, whatever it asks (Spider's RSA signature): timed apart, for the note. */
  perRequest?: { name: string; cost(credentials: Record<string, string>): () => void };
}

interface Stage {
  name: string;
  cpuMs: number;
  wallMs: number;
}

const POLL_MS = 60_000;
const RUNS = 3;

/** The floor: JSON.parse of the pages the adapter received, and one bare transaction inserting a row per worker. */
async function floorStages(bodies: string[], workers: number, dir: string): Promise<Stage[]> {
  const parse = await medianTimed(RUNS, () => bodies.map((body) => JSON.parse(body) as unknown));
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE sample (at INTEGER NOT NULL, worker INTEGER NOT NULL, hps REAL, PRIMARY KEY (at, worker)) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO sample (at, worker, hps) VALUES (?, ?, ?)');
  let at = 0;
  const insertAll = db.transaction((atMs: number) => {
    for (let worker = 0; worker < workers; worker += 1) insert.run(atMs, worker, 1e12 + worker);
  });
  const sqlite = await medianTimed(RUNS, () => insertAll((at += POLL_MS)));
  db.close();
  return [
    { name: `JSON.parse of ${bodies.length} pages`, cpuMs: parse.cpuMs, wallMs: parse.wallMs },
    { name: `one transaction, ${workers} rows`, cpuMs: sqlite.cpuMs, wallMs: sqlite.wallMs },
  ];
}

/**
 * Polls (and floor runs) measured whole, one after another, no collection forced between them. The first ones are
 * not counted: after the forced full collections of the stage table, V8 has shrunk the young generation, and until
 * it grows back every poll pays for extra scavenges that an app polling all day does not. Enough runs are counted
 * that the full collections (one every dozen polls or so) weigh in the mean as often as they happen.
 */
const WHOLE_WARMUPS = 4;
const WHOLE_RUNS = 12;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The floor as a whole, the way the whole poll is measured: parse every page, then insert every row, as often. */
function wholeFloor(bodies: string[], workers: number, dir: string): number[] {
  const db = new Database(join(dir, 'floor-whole.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE sample (at INTEGER NOT NULL, worker INTEGER NOT NULL, hps REAL, PRIMARY KEY (at, worker)) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO sample (at, worker, hps) VALUES (?, ?, ?)');
  const insertAll = db.transaction((atMs: number) => {
    for (let worker = 0; worker < workers; worker += 1) insert.run(atMs, worker, 1e12 + worker);
  });
  const runs: number[] = [];
  let parsed = 0;
  for (let run = 0; run < WHOLE_WARMUPS + WHOLE_RUNS; run += 1) {
    const cpu = process.cpuUsage();
    // The parsed pages are dropped at once (the least a program could keep): their garbage dies young.
    for (const body of bodies) parsed += JSON.parse(body) === null ? 0 : 1;
    insertAll((run + 1) * POLL_MS);
    if (run >= WHOLE_WARMUPS) runs.push(cpuMsSince(cpu));
  }
  if (parsed === 0) throw new Error('no page parsed');
  db.close();
  return runs;
}

function printStages(title: string, pipeline: Stage[], floor: Stage[], notes: string[]): void {
  const sum = (stages: Stage[]) => stages.reduce((total, stage) => total + stage.cpuMs, 0);
  const line = (kind: string, stage: Stage) =>
    console.log(`  ${kind.padEnd(8)} ${stage.name.padEnd(44)} ${stage.cpuMs.toFixed(0).padStart(7)} ms CPU ${stage.wallMs.toFixed(0).padStart(7)} ms wall`);
  console.log(`\n${title}`);
  for (const stage of pipeline) line('pipeline', stage);
  for (const stage of floor) line('floor', stage);
  const ratio = sum(pipeline) / sum(floor);
  console.log(`  pipeline ${sum(pipeline).toFixed(0)} ms CPU / floor ${sum(floor).toFixed(0)} ms CPU = ${ratio.toFixed(1)}x`);
  for (const note of notes) console.log(`  ${note}`);
}

/** One pool at one size: the stages' CPU per steady-state poll, the floor, the ratio, and the heap the pipeline keeps. */
export async function benchPipeline(test: PipelineCase): Promise<void> {
  const sim = await startChildSim(test.pool, test.simArgs);
  const dir = mkdtempSync(join(tmpdir(), 'pw-pipeline-bench-'));
  const stores = openHistoryStores(join(dir, 'history.sqlite'));
  try {
    const credentials = test.credentials(sim.keys);
    const bodies: string[] = [];
    const requests: CapturedRequest[] = [];
    // As the engine does: the last reading goes along (unchanged workers keep their objects).
    let last: PoolReading | null = null;
    const pollWith = (fetchImpl?: typeof fetch) =>
      test.adapter.poll({
        baseUrl: sim.url,
        credentials,
        options: { subaccounts: undefined },
        http: createHttpClient({ poolName: test.name, ...(fetchImpl && { fetchImpl }) }),
        now: () => Date.now(),
        previous: last,
      });
    const captured = await pollWith(capturingFetch(bodies, requests));
    last = captured;
    const count = captured.workers.length;
    const bytes = bodies.reduce((total, body) => total + Buffer.byteLength(body), 0);

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const alerts = new AlertEvaluator();
    let at = Date.now();
    let previous: Worker[] = captured.workers;
    let workers: Worker[] = captured.workers;
    const notHashing = new NotHashingTracker();
    const stages = { poll: [] as Stage[], notHashing: [] as Stage[], diff: [] as Stage[], alerts: [] as Stage[], history: [] as Stage[] };
    // The captured reading warms up alerts and history (their first poll is not steady state); then RUNS polls.
    for (let run = 0; run < RUNS + 1; run += 1) {
      const steady = run >= 1;
      // A minute passes between polls, for the pool too: every online worker's rates and last share have moved.
      if (steady) await sim.advanceClock(POLL_MS);
      const polled = steady ? await timed(() => pollWith()) : { cpuMs: 0, wallMs: 0, result: captured };
      workers = polled.result.workers;
      last = polled.result;
      const account = summaryOf(workers, test.pool);
      at += POLL_MS;
      const judged = await timed(() => notHashing.mark(workers, at, 10 * 60_000));
      const diffed = await timed(() => diffWorkers(previous, workers));
      previous = workers;
      const observed = await timed(() => alerts.observe({ atMs: at, account, workers, pollIntervalMs: POLL_MS }));
      const recorded = await timed(() => stores.samples.recordPoll({ atMs: at, account, workers, pollIntervalMs: POLL_MS }));
      if (!steady) continue;
      stages.poll.push({ name: 'adapter poll (HTTP, parse, validate, normalize)', ...polled });
      stages.notHashing.push({ name: 'not-hashing judgement', ...judged });
      stages.diff.push({ name: 'worker diff', ...diffed });
      stages.alerts.push({ name: 'alert evaluation', ...observed });
      stages.history.push({ name: 'history record (steady state)', ...recorded });
    }
    // The same polls again as the app runs them, one after another with no forced collection: the garbage of a
    // stage is collected where it falls, so the mean over the polls is the whole cost, collection included.
    const wholeMs: number[] = [];
    for (let run = 0; run < WHOLE_WARMUPS + WHOLE_RUNS; run += 1) {
      await sim.advanceClock(POLL_MS);
      const cpu = process.cpuUsage();
      const reading = await pollWith();
      last = reading;
      const account = summaryOf(reading.workers, test.pool);
      at += POLL_MS;
      notHashing.mark(reading.workers, at, 10 * 60_000);
      diffWorkers(previous, reading.workers);
      previous = reading.workers;
      alerts.observe({ atMs: at, account, workers: reading.workers, pollIntervalMs: POLL_MS });
      stores.samples.recordPoll({ atMs: at, account, workers: reading.workers, pollIntervalMs: POLL_MS });
      if (run >= WHOLE_WARMUPS) wholeMs.push(cpuMsSince(cpu));
      workers = reading.workers;
    }
    global.gc?.();
    const heapKept = process.memoryUsage().heapUsed - heapBefore;
    const median = (list: Stage[]) => [...list].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(list.length / 2)]!;
    const pipeline = test.full ? [stages.poll, stages.notHashing, stages.diff, stages.alerts, stages.history].map(median) : [median(stages.poll)];
    const floor = await floorStages(bodies, count, dir);
    const floorWholeMs = wholeFloor(bodies, count, dir);
    // The data itself: a copy of the worker list alone, for comparison with what the pipeline keeps.
    global.gc?.();
    const dataBefore = process.memoryUsage().heapUsed;
    const copy = structuredClone(workers);
    global.gc?.();
    const dataBytes = process.memoryUsage().heapUsed - dataBefore;
    const notes = [
      `${count} workers in ${bodies.length} pages, ${mb(bytes)} MB of JSON; median of ${RUNS} steady polls` + (test.full ? '' : ' (adapter stage only)'),
      `heap kept by the pipeline (reading, diff index, alert state, history caches): ${mb(heapKept)} MB;` +
        ` the worker list alone: ${mb(dataBytes)} MB (${copy.length} workers); beyond the data: ${mb(heapKept - dataBytes)} MB`,
    ];
    if (test.perRequest) {
      const once = test.perRequest.cost(credentials);
      const timedOnce = await medianTimed(RUNS, () => {
        for (let i = 0; i < 50; i += 1) once();
      });
      const totalMs = (timedOnce.cpuMs / 50) * bodies.length;
      notes.push(`of the adapter's CPU, ${bodies.length} ${test.perRequest.name} take about ${totalMs.toFixed(0)} ms (${(timedOnce.cpuMs / 50).toFixed(2)} ms each)`);
    }
    const mean = (list: number[]) => list.reduce((total, ms) => total + ms, 0) / list.length;
    // A signed request sent again may be refused as stale; its short answer only makes this floor lower.
    const bare = await medianTimed(RUNS, () => bareRequests(requests));
    notes.push(
      `the same ${requests.length} requests sent bare (node:http, kept alive, answers read and dropped): ${bare.cpuMs.toFixed(0)} ms CPU;` +
        ` whole poll / (floor + bare requests) = ${(mean(wholeMs) / (mean(floorWholeMs) + bare.cpuMs)).toFixed(1)}x`,
    );
    notes.unshift(
      `whole poll, GC where it falls (mean of ${WHOLE_RUNS}): pipeline ${mean(wholeMs).toFixed(0)} ms CPU / floor ${mean(floorWholeMs).toFixed(0)} ms CPU` +
        ` = ${(mean(wholeMs) / mean(floorWholeMs)).toFixed(1)}x (polls ${Math.min(...wholeMs).toFixed(0)}-${Math.max(...wholeMs).toFixed(0)} ms,` +
        ` after ${WHOLE_WARMUPS} not counted)`,
    );
    printStages(`${test.name}, ${count} workers`, pipeline, floor, notes);
  } finally {
    stores.close();
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}
