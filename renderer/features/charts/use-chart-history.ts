import type { AlertHistoryEntry, EarningsHistory, HashrateHistory, ResponseOf } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useAlertsStore } from '../../state/app-stores';
import { windowIso } from './chart-range';
import { chartRequestKey, seriesRequest, type Answered, type ChartRequest } from './chart-request';
import { useHistoryRequest } from './use-history-request';

/** The alert history's own cap per request (alerts:history limit). */
const ALERT_HISTORY_LIMIT = 5000;

/** Earnings and alerts are per account and window only: a resize or a group change does not reload them. */
function accountWindowKey(request: ChartRequest): string {
  return JSON.stringify([request.scope.accountId, request.timeWindow.fromMs, request.timeWindow.toMs]);
}

function useAnswered<T>(request: ChartRequest | null, key: string | null, fetch: (request: ChartRequest) => Promise<T>) {
  return useHistoryRequest<Answered<T>>(key, async () => {
    if (request === null) throw new Error('No chart request.');
    return { request, response: await fetch(request) };
  });
}

export function useHashrateHistory(request: ChartRequest | null) {
  const api = useApi();
  return useAnswered<HashrateHistory>(request, request && chartRequestKey(request), (current) => api.history.hashrate(seriesRequest(current)));
}

export function useWorkerStatesHistory(request: ChartRequest | null) {
  const api = useApi();
  return useAnswered<ResponseOf<'history:worker-states'>>(request, request && chartRequestKey(request), (current) => api.history.workerStates(seriesRequest(current)));
}

export function useEarningsHistory(request: ChartRequest | null) {
  const api = useApi();
  return useAnswered<EarningsHistory>(request, request && accountWindowKey(request), (current) =>
    api.history.earnings({
      ...(current.scope.accountId === null ? {} : { accountId: current.scope.accountId }),
      ...windowIso(current.timeWindow),
    }),
  );
}

/** Alert history for the chart's account and window, reloaded when the engine reports new alerts. */
export function useAlertHistoryForChart(request: ChartRequest | null) {
  const api = useApi();
  const revision = useAlertsStore((state) => state.historyRevision);
  return useAnswered<AlertHistoryEntry[]>(request, request && `${accountWindowKey(request)}|${revision}`, (current) =>
    api.alerts.history({
      ...(current.scope.accountId === null ? {} : { accountId: current.scope.accountId }),
      ...windowIso(current.timeWindow),
      limit: ALERT_HISTORY_LIMIT,
    }),
  );
}
