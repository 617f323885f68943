import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startDemoPools } from '../../build/demo-pools';
import { startServe, type RunningServe } from '../e2e/headless-support';
import { startChildSim } from './child-sim';
import { pageProbeScript, type PageProbeReport } from './ui-page-probe';
import { startUiTrace, stopUiTrace, uiTraceFile } from './ui-trace';
import { REPO_ROOT } from './paths';

// The headless UI in Debian's Chromium against the built `poolwatch serve` (dist/, built first when missing):
// how fast the first screen shows, what it loads, how many worker rows a 100,000-worker table keeps in the DOM,
// and which tasks run long in the page while such an account is polled. Prints figures; asserts nothing.

const ROOT = REPO_ROOT;
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LONG_TASK_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'main', 'cli.js')) && existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log(`UI: using dist/ as built at ${statSync(join(RENDERER_DIR, 'index.html')).mtime.toISOString()} (npm run build to rebuild)`);
    return;
  }
  console.log('UI: dist/ is missing; building it');
  const built = spawnSync(process.execPath, [join(ROOT, 'build', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.POOLWATCH_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function sizeOf(file: string): FileSize {
  const body = readFileSync(join(RENDERER_DIR, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

const sum = (sizes: FileSize[]) => ({ bytes: sizes.reduce((total, size) => total + size.bytes, 0), gzipBytes: sizes.reduce((total, size) => total + size.gzipBytes, 0) });

/** Every .js file of the built renderer, chunks included. */
function rendererScripts(): string[] {
  const listed = spawnSync('find', [RENDERER_DIR, '-name', '*.js', '-type', 'f'], { encoding: 'utf8' }).stdout;
  return listed
    .split('\n')
    .filter((path) => path !== '')
    .map((path) => path.slice(RENDERER_DIR.length + 1))
    .sort();
}

/** Runs in the page (a function, not a string: the page's CSP refuses string evaluation). */
function probePainted(): boolean {
  return (globalThis as { __pwProbe?: PageProbeReport }).__pwProbe?.paintedMs != null;
}

interface Load {
  report: PageProbeReport;
  domContentLoadedMs: number;
  /** Scripts the page fetched before the first screen showed, as paths inside dist/renderer. */
  scripts: string[];
}

async function loadOnce(browser: Browser, url: string, expectedCards: number): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: pageProbeScript(expectedCards) });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(probePainted, undefined, { timeout: 30_000 });
    const report = (await page.evaluate('window.__pwProbe')) as PageProbeReport;
    const timing = (await page.evaluate(
      `({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
          scripts: performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js')).map((e) => ({ name: e.name, startMs: e.startTime })) })`,
    )) as { dcl: number; scripts: Array<{ name: string; startMs: number }> };
    const scripts = timing.scripts
      .filter((script) => script.startMs <= report.firstScreenMs!)
      .map((script) => new URL(script.name).pathname.replace(/^\//, ''));
    return { report, domContentLoadedMs: timing.dcl, scripts: [...new Set(['app.js', ...scripts])] };
  } finally {
    await context.close();
  }
}

interface Snapshot {
  accounts: Array<{ status: string; lastGoodAt: string | null }>;
}

/** /api/snapshot on a fresh connection each time: a kept-alive one can be closed by serve just as it is reused. */
function snapshot(serve: RunningServe): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const asked = request(
      { host: '127.0.0.1', port: serve.port, path: '/api/snapshot', agent: false, headers: { Authorization: `Bearer ${serve.token}` } },
      (answer) => {
        let body = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (body += chunk));
        answer.on('end', () => {
          try {
            resolve(JSON.parse(body) as Snapshot);
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    asked.on('error', reject);
    asked.end();
  });
}

/** Waits until every account has been polled once, so the first screen shows real cards, not "pending". */
async function waitForPolls(serve: RunningServe, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { accounts } = await snapshot(serve);
    if (accounts.length > 0 && accounts.every((account) => account.status !== 'pending')) return;
    if (Date.now() > deadline) throw new Error(`the accounts were not polled within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function benchFirstScreen(browser: Browser, loads: number): Promise<void> {
  const pools = await startDemoPools();
  const serve = await startServe(pools.config, pools.env);
  try {
    await waitForPolls(serve, 60_000);
    const cards = pools.config.accounts.length;
    await loadOnce(browser, serve.url, cards); // warms the OS file cache and Chromium; not counted
    const runs: Load[] = [];
    for (let run = 0; run < loads; run += 1) runs.push(await loadOnce(browser, serve.url, cards));

    const firstLoad = [...new Set(runs.flatMap((run) => run.scripts))].filter((file) => existsSync(join(RENDERER_DIR, file))).map(sizeOf);
    const all = rendererScripts().map(sizeOf);
    const lazy = all.filter((size) => !firstLoad.some((first) => first.file === size.file));
    const firstTotal = sum(firstLoad);
    const lazyTotal = sum(lazy);
    console.log(`\nUI bundle (dist/renderer): ${all.length} script file(s)`);
    console.log(`  first load: ${firstTotal.bytes.toLocaleString('en-US')} B JS (${kb(firstTotal.bytes)}), gzip ${firstTotal.gzipBytes.toLocaleString('en-US')} B (${kb(firstTotal.gzipBytes)}): ${firstLoad.map((size) => `${size.file} ${kb(size.bytes)}`).join(', ')}`);
    console.log(`  loaded later (Charts and other lazy chunks): ${lazyTotal.bytes.toLocaleString('en-US')} B (gzip ${lazyTotal.gzipBytes.toLocaleString('en-US')} B) in ${lazy.length} file(s)`);
    console.log(`  styles.css ${kb(sizeOf('styles.css').bytes)}; sourcemaps are separate .map files, fetched only by developer tools`);

    const shown = runs.map((run) => run.report.firstScreenMs!);
    const painted = runs.map((run) => run.report.paintedMs!);
    console.log(`\nUI first screen: the Overview with all ${cards} demo accounts' cards, ${loads} cold loads (new browser context each) in Chromium`);
    console.log(`  cards in the DOM: median ${median(shown).toFixed(0)} ms after navigation start (min ${Math.min(...shown).toFixed(0)}, max ${Math.max(...shown).toFixed(0)})`);
    console.log(`  cards painted:    median ${median(painted).toFixed(0)} ms (min ${Math.min(...painted).toFixed(0)}, max ${Math.max(...painted).toFixed(0)})`);
    console.log(`  DOMContentLoaded: median ${median(runs.map((run) => run.domContentLoadedMs)).toFixed(0)} ms`);
  } finally {
    await serve.stop();
    await pools.close();
  }
}

/** The most worker rows in the DOM at the top, middle and bottom of the table. */
async function rowsWhileScrolling(page: Page): Promise<number[]> {
  const counts: number[] = [];
  for (const position of [0, 0.5, 1]) {
    await page.evaluate(`(() => { const s = document.querySelector('.worker-scroll'); s.scrollTop = (s.scrollHeight - s.clientHeight) * ${position}; })()`);
    await sleep(300);
    counts.push(await page.getByTestId('worker-row').count());
  }
  return counts;
}

async function lastGoodAt(serve: RunningServe): Promise<string | null> {
  return (await snapshot(serve)).accounts[0]?.lastGoodAt ?? null;
}

async function benchWorkerTable(browser: Browser, workers: number): Promise<void> {
  const sim = await startChildSim('sbi', ['--workers', String(workers)]);
  const key = sim.keys.fullKey as { apiKey: string; apiSecret: string };
  const account = { id: 'big', pool: 'sbi', label: 'Big farm', baseUrl: sim.url, pollIntervalSec: 10, credentials: { apiKey: { env: 'PW_UI_KEY' }, apiSecret: { env: 'PW_UI_SECRET' } } };
  const serve = await startServe({ accounts: [account] }, { PW_UI_KEY: key.apiKey, PW_UI_SECRET: key.apiSecret });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    await waitForPolls(serve, 180_000);
    const page = await context.newPage();
    await page.addInitScript({ content: pageProbeScript(1) });
    const deltas: number[] = [];
    let sockets = 0;
    page.on('websocket', (socket) => {
      sockets += 1;
      socket.on('framereceived', ({ payload }) => {
        const text = typeof payload === 'string' ? payload : payload.toString('utf8');
        if (text.includes('"state:workers-delta"')) deltas.push(text.length);
      });
    });
    await page.goto(serve.url);
    await page.waitForFunction(probePainted, undefined, { timeout: 60_000 });
    const opened = performance.now();
    await page.evaluate(`location.hash = '#/workers/big'`);
    await page.locator(`[data-testid="worker-count"][data-total="${workers}"]`).waitFor({ timeout: 120_000 });
    const listMs = performance.now() - opened;
    const rows = await rowsWhileScrolling(page);

    const traceFile = uiTraceFile();
    if (traceFile !== undefined) await startUiTrace(browser, page);
    await page.evaluate('window.__pwProbeReset()');
    deltas.length = 0;
    const socketsBefore = sockets;
    const before = await lastGoodAt(serve);
    let seen = before;
    for (let polls = 0; polls < 2; ) {
      await sleep(200);
      const now = await lastGoodAt(serve);
      if (now !== seen) {
        polls += 1;
        seen = now;
      }
    }
    // The deltas follow the poll: wait for one per poll (up to 30 s), then until none has arrived for 3 s.
    for (const deadline = Date.now() + 30_000; deltas.length < 2 && Date.now() < deadline; ) await sleep(200);
    for (let quietSince = Date.now(), count = deltas.length; Date.now() - quietSince < 3000; await sleep(200)) {
      if (deltas.length !== count) {
        count = deltas.length;
        quietSince = Date.now();
      }
    }
    const report = (await page.evaluate('window.__pwProbe')) as PageProbeReport;
    const long = report.longTasks.filter((task) => task.durationMs > LONG_TASK_MS);
    const longest = Math.max(0, ...report.longTasks.map((task) => task.durationMs));
    const rowsAfter = await page.getByTestId('worker-row').count();
    console.log(`\nUI worker table: one SBI account of ${workers.toLocaleString('en-US')} workers, Workers screen, 1920x1080`);
    console.log(`  list shown ${(listMs / 1000).toFixed(1)} s after opening the screen; worker rows in the DOM: top ${rows[0]}, middle ${rows[1]}, bottom ${rows[2]}, after the polls ${rowsAfter}`);
    console.log(`  two polls (${deltas.length} workers-delta frame(s), ${kb(deltas.reduce((total, bytes) => total + bytes, 0))}): ${long.length} task(s) over ${LONG_TASK_MS} ms, longest ${longest.toFixed(0)} ms, ${long.reduce((total, task) => total + task.durationMs, 0).toFixed(0)} ms in long tasks; longest gap between frames ${report.maxFrameGapMs.toFixed(0)} ms`);
    // Each reconnect reloads the whole list: serve used to close a page that had one 20 MB delta still to read.
    console.log(`  WebSocket reconnects during the polls: ${sockets - socketsBefore}`);
    if (traceFile !== undefined) await stopUiTrace(browser, traceFile, LONG_TASK_MS);
  } finally {
    await context.close();
    await serve.stop();
    await sim.close();
  }
}

export async function benchUi(options: { loads: number; workers: number }): Promise<void> {
  ensureBuilt();
  const browser = await launch();
  try {
    await benchFirstScreen(browser, options.loads);
    await benchWorkerTable(browser, options.workers);
  } finally {
    await browser.close();
  }
}
