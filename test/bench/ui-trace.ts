import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';

// POOLWATCH_BENCH_UI_TRACE=<file>: the UI bench records a Chromium trace and a CPU profile (<file>.cpuprofile) of the
// page while the big account is polled (open them in the DevTools Performance panel), and prints what its long tasks
// were made of: trace events (MajorGC, MinorGC, FunctionCall...) and the functions sampled. With
// POOLWATCH_BENCH_UI_HEAP=1 also where the page allocated during the polls (sampled, collected objects included).

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export function uiTraceFile(): string | undefined {
  return process.env.POOLWATCH_BENCH_UI_TRACE || undefined;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Samples of the page's CPU profile: when (µs, the trace's clock) and in which function. */
interface Sample {
  ts: number;
  name: string;
}

let profiler: CDPSession | undefined;

export async function startUiTrace(browser: Browser, page: Page): Promise<void> {
  profiler = await page.context().newCDPSession(page);
  await profiler.send('Profiler.enable');
  await profiler.send('Profiler.setSamplingInterval', { interval: 250 });
  await profiler.send('Profiler.start');
  if (process.env.POOLWATCH_BENCH_UI_HEAP) await profiler.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await browser.startTracing(page, { categories: CATEGORIES });
}

function samplesOf(profile: CpuProfile): Sample[] {
  const nameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName === '' ? `(anonymous ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber})` : node.callFrame.functionName]));
  const samples: Sample[] = [];
  let ts = profile.startTime;
  profile.samples.forEach((id, index) => {
    ts += profile.timeDeltas[index] ?? 0;
    samples.push({ ts, name: nameOf.get(id) ?? '?' });
  });
  return samples;
}

function topSelf(samples: readonly Sample[], from: number, to: number): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const sample of samples) {
    if (sample.ts < from || sample.ts > to) continue;
    counts.set(sample.name, (counts.get(sample.name) ?? 0) + 1);
    total += 1;
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return top.map(([name, count]) => `${name} ${((100 * count) / Math.max(1, total)).toFixed(0)}%`).join(', ');
}

/** Writes the trace and prints, per task over `longMs` on the page's main thread, the time of what ran inside it. */
export async function stopUiTrace(browser: Browser, file: string, longMs: number): Promise<void> {
  const buffer = await browser.stopTracing();
  writeFileSync(file, buffer);
  const { profile } = (await profiler!.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
  const samples = samplesOf(profile);
  if (process.env.POOLWATCH_BENCH_UI_HEAP) printAllocations((await profiler!.send('HeapProfiler.stopSampling')) as unknown as { profile: SamplingHeapProfile });
  console.log(`  CPU profile (${file}.cpuprofile), self time over the polls: ${topSelf(samples, -Infinity, Infinity)}`);
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (main === undefined) {
    console.log(`  trace written to ${file}; no renderer main thread found in it`);
    return;
  }
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
  const tasks = onMain.filter((event) => event.name === 'RunTask' && event.dur! > longMs * 1000);
  console.log(`  trace written to ${file}; ${tasks.length} main-thread task(s) over ${longMs} ms:`);
  for (const task of tasks) {
    const inside = new Map<string, number>();
    for (const event of onMain) {
      if (event === task || event.ts < task.ts || event.ts + event.dur! > task.ts + task.dur!) continue;
      inside.set(event.name, (inside.get(event.name) ?? 0) + event.dur!);
    }
    const top = [...inside.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(`    ${(task.dur! / 1000).toFixed(0)} ms: ${top.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')}`);
    console.log(`      self time: ${topSelf(samples, task.ts, task.ts + task.dur!)}`);
  }
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: HeapNode[];
}

interface SamplingHeapProfile {
  head: HeapNode;
}

/** The allocation sites that allocated most during the polls (bytes sampled, not kept). */
function printAllocations({ profile }: { profile: SamplingHeapProfile }): void {
  const bySite = new Map<string, number>();
  const visit = (node: HeapNode, path: string[]): void => {
    const frame = node.callFrame;
    const name = `${frame.functionName || '(anon)'}@${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
    const here = [...path, name].slice(-3);
    if (node.selfSize > 0) bySite.set(here.join(' < '), (bySite.get(here.join(' < ')) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, here);
  };
  visit(profile.head, []);
  const total = [...bySite.values()].reduce((a, b) => a + b, 0);
  console.log(`  allocated during the polls (sampled): ${(total / 1048576).toFixed(0)} MB; top sites:`);
  for (const [site, bytes] of [...bySite.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(bytes / 1048576).toFixed(1)} MB ${site}`);
}
