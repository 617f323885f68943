import { downsampleMinMax, lttb } from '../../shared/charts/lttb';
import { hashrateChartData } from '../../renderer/features/charts/hashrate-series';
import { MEMORY_DB, openHistoryDb } from '../../main/store/history-db';
import { MEMORY_RETENTION } from '../../main/store/sample-policy';
import { sqliteSampleStore } from '../../main/store/sample-sqlite';
import type { AccountSummary, Worker } from '../../shared/model';
import { measure } from './measure';

const MINUTE = 60_000;

/** A year of one-minute figures, with the drops and spikes downsampling must keep. */
function yearOfMinutes() {
  return Array.from({ length: 365 * 24 * 60 }, (_, i) => {
    const hps = 1e17 * (1 + 0.05 * Math.sin(i / 500)) * (i % 50_000 === 0 ? 0.2 : 1);
    return { at: i * MINUTE, min: hps * 0.98, avg: hps, max: hps * 1.02 };
  });
}

/** Figures for "a year of data renders as smoothly as an hour", and for the history kept in memory when SQLite cannot open. */
export async function benchCharts(workers: Worker[], summaryOf: (workers: Worker[]) => AccountSummary) {
  const rows: Array<{ name: string; medianMs: number; heapMb: number; note?: string }> = [];
  const year = yearOfMinutes();
  const minMax = await measure('downsample 1 y of minutes to 2,000 min/max buckets', 5, () => downsampleMinMax(year, 2_000));
  rows.push({ ...minMax, note: `${year.length} points in, ${minMax.result.length} out` });
  const xy = year.map((point) => ({ x: point.at, y: point.avg }));
  const tri = await measure('LTTB 1 y of minutes to 2,000 points', 5, () => lttb(xy, 2_000));
  rows.push({ ...tri, note: `${tri.result.length} out, extremes kept` });
  const sent = downsampleMinMax(year, 10_000).map((point) => ({ at: new Date(point.at).toISOString(), min: point.min, avg: point.avg, max: point.max }));
  const drawn = await measure('renderer: 10,000 points to a 1,500 px chart', 5, () => hashrateChartData(sent, 'si', 3_000));
  rows.push({ ...drawn, note: `${drawn.result.data.length} data handed to recharts` });

  // The history database in memory, as openMemoryHistoryStores opens it: its pages live outside the JS heap, so the
  // note adds the database's size and the process's resident growth.
  const db = openHistoryDb(MEMORY_DB);
  const store = sqliteSampleStore(db, MEMORY_RETENTION);
  const summary = summaryOf(workers);
  global.gc?.();
  const before = process.memoryUsage();
  const filled = await measure(`memory history, ${workers.length} workers, 200 polls (database unavailable)`, 1, () => {
    for (let poll = 0; poll < 200; poll += 1) {
      const changed = workers.map((worker, i) => ((i + poll) % 50 === 0 ? { ...worker, hashrate: { ...worker.hashrate, h10m: (worker.hashrate.h10m ?? 0) * 0.5 } } : worker));
      store.recordPoll({ atMs: poll * MINUTE, account: summary, workers: changed, pollIntervalMs: MINUTE });
    }
    return store;
  });
  global.gc?.();
  const after = process.memoryUsage();
  const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);
  const database = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  const kept = `database ${mb(database)} MB + heap kept ${mb(after.heapUsed - before.heapUsed)} MB (the recorder's caches)`;
  rows.push({ ...filled, note: `${kept}; resident Δ ${mb(after.rss - before.rss)} MB` });
  return rows;
}
