// `npm run bench`: speed and memory figures for the paths that must stay fast at 30,000 and 100,000 workers.
// Prints figures; asserts nothing (targets are judged by people reading them, not by timed unit tests).
//   npm run bench -- [--sizes 30000,100000] [--spider-sizes 10000,100000] [--spider-serve-sizes 100000] [--serve-seconds 60] [--serve-seconds-big 30] [--idle-seconds 60]
//                    [--sections pipeline,serve,idle,components,ui] [--ui-loads 5] [--ui-workers 100000]
// Simulators run in their own processes, so their CPU is not counted as the app's.
import { parseArgs } from 'node:util';
import { createAdapter } from '../../main/pools/registry';
import { createHttpClient } from '../../main/pools/http-client';
import { diffWorkers } from '../../main/engine/worker-diff';
import { AlertEvaluator } from '../../main/alerts/alert-evaluator';
import { buildSnapshotJson } from '../../main/engine/snapshot-json';
import { importSpiderPrivateKey } from '../../main/pools/spider/spider-key';
import { signSpiderRequest } from '../../main/pools/spider/spider-signing';
import { summaryOf } from './bench-summary';
import { startChildSim } from './child-sim';
import { measure, printTable } from './measure';
import { benchCharts } from './chart-bench';
import { benchStore } from './store-bench';
import { benchPipeline } from './pipeline-bench';
import type { RequestPreparer } from './request-floor';
import { benchIdle, benchResponsiveness } from './serve-bench';
import { benchUi } from './ui-bench';

const SECTIONS = ['pipeline', 'serve', 'idle', 'components', 'ui'] as const;

const sbiCredentials = (keys: Record<string, unknown>) => {
  const key = keys.fullKey as { apiKey: string; apiSecret: string };
  return { apiKey: key.apiKey, apiSecret: key.apiSecret };
};
/** A captured Spider request signed anew, as any client must sign each request (the private key parsed once). */
const spiderResigner = (credentials: Record<string, string>): RequestPreparer => {
  const imported = importSpiderPrivateKey(credentials.privateKey ?? '');
  if (!imported.ok) throw new Error('the Spider simulator\'s key did not import');
  return (request) => {
    const sent = JSON.parse(request.body ?? '{}') as { dataJson: string };
    const params = JSON.parse(sent.dataJson) as Record<string, unknown>;
    return { ...request, body: JSON.stringify(signSpiderRequest(params, credentials.accessKey ?? '', Date.now(), imported.key)) };
  };
};
const spiderCredentials = (keys: Record<string, unknown>) => {
  const key = keys.fullKey as { accessKey: string; privateKey: string };
  return { accessKey: key.accessKey, privateKey: key.privateKey };
};

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '30000,100000' },
      'spider-sizes': { type: 'string', default: '10000,100000' },
      'spider-serve-sizes': { type: 'string', default: '100000' },
      'serve-seconds': { type: 'string', default: '60' },
      'serve-seconds-big': { type: 'string', default: '30' },
      'idle-seconds': { type: 'string', default: '60' },
      sections: { type: 'string', default: SECTIONS.join(',') },
      'ui-loads': { type: 'string', default: '5' },
      'ui-workers': { type: 'string', default: '100000' },
    },
  });
  const numbers = (text: string, flag: string) =>
    text.split(',').map((part) => {
      const value = Number(part);
      if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} takes whole numbers of at least 1, not "${part}"`);
      return value;
    });
  const sections = values.sections.split(',');
  const unknown = sections.filter((section) => !SECTIONS.includes(section as (typeof SECTIONS)[number]));
  if (unknown.length > 0) throw new Error(`--sections takes ${SECTIONS.join(', ')}, not ${unknown.join(', ')}`);
  return {
    sizes: numbers(values.sizes, 'sizes'),
    spiderSizes: numbers(values['spider-sizes'], 'spider-sizes'),
    spiderServeSizes: numbers(values['spider-serve-sizes'], 'spider-serve-sizes'),
    serveSeconds: numbers(values['serve-seconds'], 'serve-seconds')[0]!,
    serveSecondsBig: numbers(values['serve-seconds-big'], 'serve-seconds-big')[0]!,
    idleSeconds: numbers(values['idle-seconds'], 'idle-seconds')[0]!,
    uiLoads: numbers(values['ui-loads'], 'ui-loads')[0]!,
    uiWorkers: numbers(values['ui-workers'], 'ui-workers')[0]!,
    sections: new Set(sections),
  };
}

/** The per-component table kept from before issue 10: poll, diff, alerts, snapshot JSON, history store, charts. */
async function benchComponents(workerCount: number): Promise<void> {
  const sim = await startChildSim('sbi', ['--workers', String(workerCount)]);
  const rows: Array<{ name: string; medianMs: number; heapMb: number; note?: string }> = [];
  try {
    const adapter = createAdapter('sbi');
    const poll = () =>
      adapter.poll({
        baseUrl: sim.url,
        credentials: sbiCredentials(sim.keys),
        options: { subaccounts: undefined },
        http: createHttpClient({ poolName: 'SBI Crypto Pool' }),
        now: () => Date.now(),
        previous: null,
      });
    const polled = await measure(`SBI poll, ${workerCount} workers over loopback (wall)`, 3, poll);
    rows.push({ ...polled, note: `${polled.result.workers.length} workers normalized` });
    const workers = polled.result.workers;

    const changed = workers.map((worker, index) => (index % 100 === 0 ? { ...worker, state: 'offline' as const } : worker));
    const diff = await measure(`worker diff, ${workerCount} workers, 1% changed`, 5, () => diffWorkers(workers, changed));
    rows.push({ ...diff, note: `${diff.result.upserted.length} pushed to the UI` });

    const alerts = new AlertEvaluator();
    let at = Date.now();
    const observe = await measure(`alert evaluation, ${workerCount} workers`, 5, () => {
      at += 60_000;
      return alerts.observe({ atMs: at, account: summaryOf(workers), workers, pollIntervalMs: 60_000 });
    });
    rows.push({ ...observe, note: 'per poll' });

    const snapshot = await measure(`snapshot JSON with worker list, ${workerCount} workers`, 5, () =>
      JSON.stringify(buildSnapshotJson(Date.now(), [summaryOf(workers)], () => workers)),
    );
    rows.push({ ...snapshot, note: `${(snapshot.result.length / 1024 / 1024).toFixed(1)} MB of JSON` });

    rows.push(...(await benchStore(workers, summaryOf)));
    rows.push(...(await benchCharts(workers, summaryOf)));
  } finally {
    await sim.close();
  }
  console.log('\nComponents (wall time)');
  printTable(rows);
}

async function main(): Promise<void> {
  const run = options();
  const started = Date.now();
  if (run.sections.has('pipeline')) {
    console.log('Per poll, CPU time in this process (the simulators run in their own): pipeline stages against the floor');
    for (const workers of run.sizes) {
      await benchPipeline({ pool: 'sbi', name: 'SBI Crypto Pool', adapter: createAdapter('sbi'), simArgs: ['--workers', String(workers)], credentials: sbiCredentials, full: true });
    }
    for (const workers of run.spiderSizes) {
      await benchPipeline({
        pool: 'spider',
        name: 'Spider Pool (paged workers, 50 a page in the simulator, each request RSA-signed)',
        adapter: createAdapter('spider'),
        simArgs: ['--workers', String(workers)],
        credentials: spiderCredentials,
        full: true,
        perRequest: { name: 'RSA signature', preparer: spiderResigner },
      });
    }
    await benchPipeline({
      pool: 'stratumsphere',
      name: 'Stratumsphere (one scheduler of 500 rentals, the most the adapter reads a poll, each its own request)',
      adapter: createAdapter('stratumsphere'),
      simArgs: ['--rentals', '500'],
      credentials: (keys) => ({ apiKey: keys.apiKey as string }),
      full: true,
    });
  }
  if (run.sections.has('serve')) {
    for (const workers of run.sizes) await benchResponsiveness('sbi', workers, workers === run.sizes[0] ? run.serveSeconds : run.serveSecondsBig);
    for (const workers of run.spiderServeSizes) await benchResponsiveness('spider', workers, run.serveSecondsBig);
  }
  if (run.sections.has('idle')) await benchIdle(run.idleSeconds);
  if (run.sections.has('components')) await benchComponents(run.sizes[0]!);
  if (run.sections.has('ui')) await benchUi({ loads: run.uiLoads, workers: run.uiWorkers });
  console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
