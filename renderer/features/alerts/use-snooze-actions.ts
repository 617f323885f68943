import { useState } from 'react';
import type { SnoozeView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadActiveAlerts } from '../../state/alerts-loaders';
import { appStores } from '../../state/app-stores';

export type SnoozeTarget = SnoozeView['target'];

/** "Snooze 1 h" silences for this long. */
export const SNOOZE_MINUTES = 60;

/** Snooze, mute and resume, with the busy flag and error of the component that offers them. */
export function useSnoozeActions() {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<SnoozeView[]>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      appStores.alerts.getState().replaceSnoozes(await action());
      // The engine also sends alerts:changed; reloading here shows the new snoozed flags without waiting for it.
      void loadActiveAlerts(api, appStores.alerts);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    error,
    /** minutes null = mute until resumed. */
    snooze: (target: SnoozeTarget, minutes: number | null) => run(() => api.alerts.snooze({ target, minutes })),
    resume: (targets: readonly SnoozeTarget[]) =>
      run(async () => {
        let snoozes: SnoozeView[] = [];
        for (const target of targets) snoozes = await api.alerts.unsnooze({ target });
        return snoozes;
      }),
  };
}
