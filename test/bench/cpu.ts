// CPU time of a piece of work in this process (user + system), besides wall time: the machine is shared, so wall
// time also counts waiting for a core; CPU time counts only what the work itself cost.

/**
 * A full collection, and time for V8's helper threads to finish sweeping after it: the CPU they spend would
 * otherwise be counted in the work timed next (a stage would pay for the garbage of the stage before it).
 */
async function settledHeap(): Promise<void> {
  if (!global.gc) return;
  global.gc();
  await new Promise((resolve) => setTimeout(resolve, SWEEP_SETTLE_MS));
}

/** Enough for concurrent sweeping after a full collection of a few hundred MB on this machine. */
const SWEEP_SETTLE_MS = 100;

export interface Timed<T> {
  cpuMs: number;
  wallMs: number;
  result: T;
}

export async function timed<T>(work: () => T | Promise<T>): Promise<Timed<T>> {
  await settledHeap();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs, result };
}

/** Runs `work` `runs` times; the run with the median CPU time. */
export async function medianTimed<T>(runs: number, work: () => T | Promise<T>): Promise<Timed<T>> {
  const all: Array<Timed<T>> = [];
  for (let run = 0; run < runs; run += 1) all.push(await timed(work));
  all.sort((a, b) => a.cpuMs - b.cpuMs);
  return all[Math.floor(all.length / 2)]!;
}

export const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(0);
