import { useEffect, useRef, useState } from 'react';
import type { AlertHistoryEntry } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useAlertsStore } from '../../state/app-stores';
import { historyQuery, sortHistoryNewestFirst, type HistoryFilters } from './alert-history-query';

/** Waits this long after a change: typing in Search, or a burst of alerts:changed and notifications, loads once. */
const RELOAD_DELAY_MS = 250;

export interface HistoryView {
  status: 'loading' | 'ready' | 'error';
  entries: readonly AlertHistoryEntry[];
  error: string | null;
}

/** The history rows for the filters, newest first, reloaded when the engine reports new ones. */
export function useAlertHistory(filters: HistoryFilters): HistoryView {
  const api = useApi();
  const revision = useAlertsStore((state) => state.historyRevision);
  const [view, setView] = useState<HistoryView>({ status: 'loading', entries: [], error: null });
  const latestRequest = useRef(0);

  useEffect(() => {
    latestRequest.current += 1;
    const requestId = latestRequest.current;
    const timer = setTimeout(() => {
      api.alerts.history(historyQuery(filters, Date.now())).then(
        (entries) => {
          if (requestId === latestRequest.current) setView({ status: 'ready', entries: sortHistoryNewestFirst(entries), error: null });
        },
        (error: unknown) => {
          if (requestId === latestRequest.current) setView((current) => ({ ...current, status: 'error', error: errorMessage(error) }));
        },
      );
    }, RELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, filters, revision]);

  return view;
}
