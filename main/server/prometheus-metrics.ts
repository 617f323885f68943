import { Registry } from 'prom-client';
import type { AccountSummary, Worker } from '../../shared/model';
import type { ActiveAlertView } from '../../shared/contract';
import type { PollObservation } from '../base/poll-observation';
import { PollMetrics } from './poll-metrics';
import { SnapshotMetrics } from './snapshot-metrics';

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
  const snapshot = new SnapshotMetrics(registry, options);
  const polls = new PollMetrics(registry);
  const unsubscribe = source.onPolled((observation) => polls.observe(observation));
  return {
    contentType: registry.contentType,
    render: async () => {
      const alerts = await source.activeAlerts();
      // Filled synchronously, then written: a scrape arriving meanwhile cannot mix two states.
      const accounts = source.summaries();
      snapshot.fill({ accounts, alerts, workersOf: (id) => source.workersOf(id) });
      polls.follow(accounts, true);
      return registry.metrics();
    },
    close: unsubscribe,
  };
}
