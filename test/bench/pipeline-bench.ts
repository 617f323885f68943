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
import { bareRequests, type RequestPreparer } from './request-floor';
import { startChildSim } from './child-sim';
import { medianTimed, mb } from './cpu';

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
  /** What the API demands of every request before it is sent (Spider's fresh RSA signature), named for the note. */
  perRequest?: { name: string; preparer(credentials: Record<string, string>): RequestPreparer };
}

interface Stage {
  name: string;
  cpuMs: number;
}

const kb = (bytes: number): string => Math.round(bytes / 1024).toLocaleString('en-US');
const POLL_MS = 60_000;

/**
 * Polls measured one after another as the app runs them, no collection forced between them: the garbage of a stage
 * is collected where it falls, so a stage's figure carries the collections its allocations happen to trigger and the
 * sum is the whole cost. The first ones are not counted (the JIT warms up, and after the capture poll's full
 * collection V8 has shrunk the young generation: until it grows back every poll pays for extra scavenges that an
 * app polling all day does not). Enough are counted that the full collections (one every dozen polls or so) weigh
 * in the mean as often as they happen.
 */
const WARMUPS = 4;
const RUNS = 12;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** CPU ms per named stage, summed over the counted runs. */
class StageClock {
  private readonly totals = new Map<string, number>();
  private mark = process.cpuUsage();
  private counting = false;

  startRun(counting: boolean): void {
    this.counting = counting;
    this.mark = process.cpuUsage();
  }

  /** Ends the stage `name` here: the CPU since the last lap (or the run's start) is its. */
  lap(name: string): void {
    const spent = cpuMsSince(this.mark);
    this.mark = process.cpuUsage();
    if (this.counting) this.totals.set(name, (this.totals.get(name) ?? 0) + spent);
  }

  meanPerRun(): Stage[] {
    return [...this.totals].map(([name, totalMs]) => ({ name, cpuMs: totalMs / RUNS }));
  }
}

/** The floor, measured as the polls are: parse every page the adapter received, then insert a row per worker in one transaction. */
function floorStages(bodies: string[], workers: number, dir: string): Stage[] {
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE sample (at INTEGER NOT NULL, worker INTEGER NOT NULL, hps REAL, PRIMARY KEY (at, worker)) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO sample (at, worker, hps) VALUES (?, ?, ?)');
  const insertAll = db.transaction((atMs: number) => {
    for (let worker = 0; worker < workers; worker += 1) insert.run(atMs, worker, 1e12 + worker);
  });
  const clock = new StageClock();
  let parsed = 0;
  for (let run = 0; run < WARMUPS + RUNS; run += 1) {
    clock.startRun(run >= WARMUPS);
    // The parsed pages are dropped at once (the least a program could keep): their garbage dies young.
    for (const body of bodies) parsed += JSON.parse(body) === null ? 0 : 1;
    clock.lap(`JSON.parse of ${bodies.length} pages`);
    insertAll((run + 1) * POLL_MS);
    clock.lap(`one transaction, ${workers} rows`);
  }
  if (parsed === 0) throw new Error('no page parsed');
  db.close();
  return clock.meanPerRun();
}

function printStages(title: string, pipeline: Stage[], floor: Stage[], notes: string[]): void {
  const sum = (stages: Stage[]) => stages.reduce((total, stage) => total + stage.cpuMs, 0);
  const line = (kind: string, stage: Stage) => console.log(`  ${kind.padEnd(8)} ${stage.name.padEnd(48)} ${stage.cpuMs.toFixed(0).padStart(6)} ms CPU`);
  console.log(`\n${title}`);
  for (const stage of pipeline) line('pipeline', stage);
  for (const stage of floor) line('floor', stage);
  console.log(`  pipeline ${sum(pipeline).toFixed(0)} ms CPU / floor ${sum(floor).toFixed(0)} ms CPU = ${(sum(pipeline) / sum(floor)).toFixed(1)}x (mean of ${RUNS} polls after ${WARMUPS} not counted)`);
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
    const clock = new StageClock();
    const pollMs: number[] = [];
    // The captured reading warms up alerts and history (their first poll is not steady state).
    for (let run = 0; run < 1 + WARMUPS + RUNS; run += 1) {
      // A minute passes between polls, for the pool too: every online worker's rates and last share have moved.
      if (run > 0) await sim.advanceClock(POLL_MS);
      const counting = run > WARMUPS;
      clock.startRun(counting);
      const start = process.cpuUsage();
      const reading = run > 0 ? await pollWith() : captured;
      clock.lap('adapter poll (HTTP, parse, validate, normalize)');
      last = reading;
      workers = reading.workers;
      const account = summaryOf(workers, test.pool);
      at += POLL_MS;
      notHashing.mark(workers, at, 10 * 60_000);
      clock.lap('not-hashing judgement');
      diffWorkers(previous, workers);
      previous = workers;
      clock.lap('worker diff');
      alerts.observe({ atMs: at, account, workers, pollIntervalMs: POLL_MS });
      clock.lap('alert evaluation');
      stores.samples.recordPoll({ atMs: at, account, workers, pollIntervalMs: POLL_MS });
      clock.lap('history record');
      if (counting) pollMs.push(cpuMsSince(start));
    }
    global.gc?.();
    const heapKept = process.memoryUsage().heapUsed - heapBefore;
    const stages = clock.meanPerRun();
    const pipeline = test.full ? stages : stages.slice(0, 1);
    const floor = floorStages(bodies, count, dir);
    // The data itself: a copy of the worker list alone, for comparison with what the pipeline keeps.
    global.gc?.();
    const dataBefore = process.memoryUsage().heapUsed;
    const copy = structuredClone(workers);
    global.gc?.();
    const dataBytes = process.memoryUsage().heapUsed - dataBefore;
    const floorMs = floor.reduce((total, stage) => total + stage.cpuMs, 0);
    const notes = [
      `${count} workers in ${bodies.length} pages, ${mb(bytes)} MB of JSON; one poll ${Math.min(...pollMs).toFixed(0)}-${Math.max(...pollMs).toFixed(0)} ms CPU` +
        (test.full ? '' : ' (adapter stage only)'),
      `heap kept by the pipeline (reading, diff index, alert state, history caches): ${mb(heapKept)} MB;` +
        ` the worker list alone: ${mb(dataBytes)} MB (${copy.length} workers); beyond the data: ${mb(heapKept - dataBytes)} MB`,
    ];
    // Sent with their bodies and, where the API signs each request, signed anew: the pool answers the same pages.
    const prepare = test.perRequest?.preparer(credentials);
    const bare = await medianTimed(3, () => bareRequests(requests, prepare));
    const pipelineMs = pipeline.reduce((total, stage) => total + stage.cpuMs, 0);
    const made = test.perRequest ? `, each with its ${test.perRequest.name}` : '';
    notes.push(
      `the same ${requests.length} requests sent bare${made} (node:http, kept alive, answers read and dropped): ${bare.cpuMs.toFixed(0)} ms CPU, ${kb(bare.result)} of the adapter's ${kb(bytes)} KB received;` +
        ` pipeline / (floor + bare requests) = ${(pipelineMs / (floorMs + bare.cpuMs)).toFixed(1)}x`,
    );
    if (prepare && requests[0]) {
      const first = requests[0];
      const timedOnce = await medianTimed(3, () => {
        for (let i = 0; i < 50; i += 1) prepare(first);
      });
      notes.push(`of that, ${requests.length} ${test.perRequest!.name} take about ${((timedOnce.cpuMs / 50) * requests.length).toFixed(0)} ms (${(timedOnce.cpuMs / 50).toFixed(2)} ms each)`);
    }
    printStages(`${test.name}, ${count} workers`, pipeline, floor, notes);
  } finally {
    stores.close();
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}
