import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { retiredCountsById } from './retired-counts';

/**
 * The retired-worker count per account (alerts:retired, counts alone: no names travel), asked again whenever `mark`
 * changes (new data from a poll; the engine answers once that poll is judged). A failed request keeps the last
 * counts; the Alerts screen shows the error.
 */
export function useRetiredCounts(mark: string): ReadonlyMap<string, number> {
  const api = useApi();
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(() => new Map());
  useEffect(() => {
    let current = true;
    api.alerts
      .retired({ limit: 0 })
      .then((views) => {
        if (current) setCounts(retiredCountsById(views));
      })
      .catch((error: unknown) => console.warn(`retired workers not loaded: ${errorMessage(error)}`));
    return () => {
      current = false;
    };
  }, [api, mark]);
  return counts;
}
