// Loaded with --import into the `poolwatch serve` process under test: watches its event loop and answers the
// bench over IPC with the loop's delays, the process's CPU and memory. Changes nothing in the server.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeReport {
  loopMaxMs: number;
  loopP99Ms: number;
  loopP50Ms: number;
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** The histogram records each sampling interval whole; the delay is what exceeds it. */
const RESOLUTION_MS = 10;
const delayMs = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let cpu = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'reset') {
      loop.reset();
      cpu = process.cpuUsage();
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
    };
    process.send?.(report);
  });
  // The IPC channel must not keep serve alive when it is told to stop.
  process.channel?.unref();
}
