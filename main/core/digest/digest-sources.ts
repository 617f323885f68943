import type { AlertService } from '../../alerts/alert-service';
import type { Engine } from '../../engine/engine';
import type { HistoryService } from '../../history/history-service';
import type { DigestSources } from './digest-content';

/** Points per series a summary reads: enough for an average, cheap for 30,000 workers' accounts. */
const SUMMARY_POINTS = 200;
/** Alert rows read per summary; a period with more is summarised from these. */
const SUMMARY_ALERT_ROWS = 5000;

const iso = (ms: number): string => new Date(ms).toISOString();

/** A history read that fails (no database, a damaged file) leaves that part of the summary empty, never the summary. */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The summary's reads from the running monitor: the engine's accounts, the sample history and the alert history. */
export function monitorDigestSources(engine: Engine, history: HistoryService, alerts: AlertService): DigestSources {
  const range = (fromMs: number, toMs: number) => ({ from: iso(fromMs), to: iso(toMs), maxPoints: SUMMARY_POINTS });
  return {
    summaries: () => engine.summaries(),
    hashrate: (scope, fromMs, toMs) => orNull(() => history.hashrate({ scope, range: range(fromMs, toMs) })),
    workerStates: (scope, fromMs, toMs) => orNull(() => history.workerStates({ scope, range: range(fromMs, toMs) })),
    earnings: (accountId, fromMs, toMs) => orNull(() => history.earnings({ accountId, from: iso(fromMs), to: iso(toMs) })),
    alertHistory: (fromMs, toMs) => orNull(() => alerts.history({ from: iso(fromMs), to: iso(toMs), limit: SUMMARY_ALERT_ROWS })) ?? [],
  };
}
