import { Registry } from 'prom-client';
import type { AccountSummary, Worker } from '../../shared/model';
import type { ActiveAlertView } from '../../shared/contract';
import type { PollObservation } from '../base/poll-observation';
import { PollMetrics } from './poll-metrics';
import { SnapshotMetrics } from './snapshot-metrics';
import { WorkerMetrics } from './worker-metrics';

/** What /metrics reads: the snapshot's sources, the active alerts and the engine's poll events. */
export interface MetricsSource {
  summaries(): AccountSummary[];
  workersOf(accountId: string): readonly Worker[];
  activeAlerts(): ActiveAlertView[] | Promise<ActiveAlertView[]>;
  /** Subscribes to every poll's outcome; returns the function that stops. */
  onPolled(observer: (observation: PollObservation) => void): () => void;
}

export interface PrometheusMetrics {
  /** The exposition format's content type (text/plain; version=0.0.4). */
  readonly contentType: string;
  /** Every metric in the Prometheus text format, read from the monitor now. */
  render(): Promise<string>;
  close(): void;
}

/**
 * The monitor's metrics for GET /metrics, in a private registry (the process's global one is left alone). Gauges are
 * filled at scrape time from one read of the snapshot; poll durations and failures count the engine's poll events.
 */
export function createPrometheusMetrics(source: MetricsSource, options: { perWorker: boolean }): PrometheusMetrics {
  const registry = new Registry();
  const snapshot = new SnapshotMetrics(registry);
  const polls = new PollMetrics(registry);
  const workers = options.perWorker ? new WorkerMetrics() : null;
  // Workers change only with a poll: the per-worker text is written again after one, not at every scrape.
  let pollCount = 0;
  const unsubscribe = source.onPolled((observation) => {
    pollCount += 1;
    polls.observe(observation);
  });
  let rendering: Promise<string> | null = null;

  const render = async (): Promise<string> => {
    const alerts = await source.activeAlerts();
    const accounts = source.summaries();
    const workerText = workers ? await workers.render(`${pollCount}|${accounts.map((account) => account.id).join(',')}`, accounts, (id) => source.workersOf(id)) : '';
    // Filled synchronously, then written: everything the registry writes is from this one read.
    snapshot.fill({ accounts, alerts });
    polls.follow(accounts, true);
    return (await registry.metrics()) + workerText;
  };

  return {
    contentType: registry.contentType,
    // Scrapes that arrive while one is being written share its text (the per-worker part takes turns of the loop).
    render: () => {
      rendering ??= render().finally(() => {
        rendering = null;
      });
      return rendering;
    },
    close: unsubscribe,
  };
}
