import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { loadAlertLists } from '../../state/alerts-loaders';
import { appStores } from '../../state/app-stores';

/** Loads the active alerts and snoozes when the calling screen opens, and keeps them current while it is shown. */
export function useAlertLists(): void {
  const api = useApi();
  useEffect(() => {
    const unwatch = appStores.alerts.getState().watch();
    void loadAlertLists(api, appStores.alerts);
    return unwatch;
  }, [api]);
}
