/** Runs `work` a few times and reports the median wall time and the heap growth of the last run. */
export async function measure<T>(name: string, runs: number, work: () => T | Promise<T>): Promise<{ name: string; medianMs: number; heapMb: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  let heapMb = 0;
  for (let run = 0; run < runs; run += 1) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    result = await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    heapMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, heapMb, result };
}

export function printTable(rows: Array<{ name: string; medianMs: number; heapMb: number; note?: string }>): void {
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'benchmark'.padEnd(width)}  ${'median ms'.padStart(10)}  ${'heap Δ MB'.padStart(10)}  note`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(width)}  ${row.medianMs.toFixed(1).padStart(10)}  ${row.heapMb.toFixed(1).padStart(10)}  ${row.note ?? ''}`);
  }
}
