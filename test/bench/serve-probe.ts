// Loaded with --import into the `poolwatch serve` process under test: watches its event loop and answers the
// bench over IPC with the loop's delays, the process's CPU and memory. Changes nothing in the server.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ProbeReport {
  loopMaxMs: number;
  loopP99Ms: number;
  loopP50Ms: number;
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** With POOLWATCH_BENCH_STALLS set: each stall of the event loop over 50 ms, as [monotonic end µs, length ms] (to find it in a CPU profile). */
  stalls?: Array<[number, number]>;
  /** Garbage-collection pauses of the main thread: the longest minor (scavenge) and major (mark-compact) ones, and the count. */
  gcMinorMaxMs: number;
  gcMajorMaxMs: number;
  gcPauses: number;
}

/** The histogram records each sampling interval whole; the delay is what exceeds it. */
const RESOLUTION_MS = 10;
const delayMs = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let cpu = process.cpuUsage();
  const gc = { minor: 0, major: 0, count: 0 };
  const stalls: Array<[number, number]> = [];
  if (process.env.POOLWATCH_BENCH_STALLS) {
    let last = process.hrtime.bigint();
    setInterval(() => {
      const now = process.hrtime.bigint();
      const gapMs = Number(now - last) / 1e6;
      if (gapMs > 50) stalls.push([Number(now / 1000n), Math.round(gapMs)]);
      last = now;
    }, 5).unref();
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      gc.count += 1;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor = Math.max(gc.minor, entry.duration);
      else gc.major = Math.max(gc.major, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message: unknown) => {
    if (message === 'reset') {
      loop.reset();
      cpu = process.cpuUsage();
      Object.assign(gc, { minor: 0, major: 0, count: 0 });
      process.send?.({ reset: true });
      return;
    }
    if (message !== 'report') return;
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const report: ProbeReport = {
      loopMaxMs: delayMs(loop.max),
      loopP99Ms: delayMs(loop.percentile(99)),
      loopP50Ms: delayMs(loop.percentile(50)),
      cpuMs: (used.user + used.system) / 1000,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      gcMinorMaxMs: gc.minor,
      gcMajorMaxMs: gc.major,
      gcPauses: gc.count,
      ...(process.env.POOLWATCH_BENCH_STALLS && { stalls }),
    };
    process.send?.(report);
  });
  // The IPC channel must not keep serve alive when it is told to stop.
  process.channel?.unref();
}
