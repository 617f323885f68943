import { useCallback, useEffect, useState } from 'react';
import type { RetiredWorkersView } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useAlertsStore } from '../../state/app-stores';
import { snoozeTargetId } from './active-alerts';
import { useSnoozeActions } from './use-snooze-actions';

/**
 * Workers silent longer than the long-dead age: retired, they never alert. Listed per account so the user sees
 * them, and muted with one click (a mute per worker, so one that comes back and stops again stays quiet too).
 */
export function RetiredWorkersPanel() {
  const api = useApi();
  const [retired, setRetired] = useState<RetiredWorkersView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const snoozes = useAlertsStore((state) => state.snoozes);
  const actions = useSnoozeActions();

  const load = useCallback(() => {
    api.alerts
      .retired()
      .then((value) => {
        setRetired(value);
        setError(null);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, [api]);
  useEffect(load, [load]);

  const muted = new Set(snoozes.filter((snooze) => snooze.until === null).map((snooze) => snoozeTargetId(snooze.target)));
  const muteAll = async (account: RetiredWorkersView) => {
    for (const worker of account.workers) {
      const target = { accountId: account.accountId, group: worker.group, worker: worker.name };
      if (!muted.has(snoozeTargetId(target))) await actions.snooze(target, null);
    }
  };

  return (
    <section className="card alerts-section" aria-labelledby="retired-title" data-testid="retired-workers">
      <h2 id="retired-title">Retired (long dead) workers</h2>
      {error !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the retired workers: {error}
        </p>
      )}
      {retired.length === 0 ? (
        <p className="muted">No worker has been silent long enough to be retired.</p>
      ) : (
        <ul className="snooze-list" aria-label="Retired workers">
          {retired.map((account) => (
            <li key={account.accountId} className="snooze-row" data-testid="retired-row" data-account={account.accountId} data-count={account.count}>
              <span>
                {account.accountLabel}: {account.count.toLocaleString('en-US')} silent past the long-dead age; they never alert.{' '}
                <span className="muted">
                  {account.workers.slice(0, 5).map((worker) => worker.name).join(', ')}
                  {account.count > 5 ? ` +${(account.count - 5).toLocaleString('en-US')} more` : ''}
                </span>
              </span>
              <button type="button" disabled={actions.busy} onClick={() => void muteAll(account)}>
                Mute {account.workers.length < account.count ? `the first ${account.workers.length}` : 'them'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {actions.error !== null && (
        <p className="banner tone-problem" role="alert">
          {actions.error}
        </p>
      )}
    </section>
  );
}
