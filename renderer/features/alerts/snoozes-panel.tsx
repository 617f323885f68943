import { useMemo } from 'react';
import type { SnoozeView } from '../../../shared/contract';
import { formatDateTime } from '../../components/format-amount';
import { useAlertsStore } from '../../state/app-stores';
import { snoozeTargetId, snoozeTargetText } from './active-alerts';
import { QuickSilence } from './quick-silence';
import { useAccountLabels } from './use-account-labels';
import { useSnoozeActions } from './use-snooze-actions';

export function SnoozesPanel() {
  const snoozes = useAlertsStore((state) => state.snoozes);
  const error = useAlertsStore((state) => state.snoozesError);
  const active = useAlertsStore((state) => state.active);
  const accountLabels = useAccountLabels();
  const alertsByKey = useMemo(() => new Map(active.map((alert) => [alert.key, alert])), [active]);

  return (
    <section className="card alerts-section" aria-labelledby="snoozes-title">
      <h2 id="snoozes-title">Snoozed and muted</h2>
      {error !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the snoozes: {error}
        </p>
      )}
      {snoozes.length === 0 ? (
        <p className="muted" data-testid="no-snoozes">
          Nothing is snoozed or muted.
        </p>
      ) : (
        <ul className="snooze-list" aria-label="Snoozes">
          {snoozes.map((snooze) => (
            <SnoozeRow key={snoozeTargetId(snooze.target)} snooze={snooze} text={snoozeTargetText(snooze.target, accountLabels, alertsByKey)} />
          ))}
        </ul>
      )}
      <QuickSilence />
    </section>
  );
}

function SnoozeRow({ snooze, text }: { snooze: SnoozeView; text: string }) {
  const actions = useSnoozeActions();
  return (
    <li className="snooze-row" data-testid="snooze-row" data-target={snoozeTargetId(snooze.target)} data-until={snooze.until ?? 'resumed'}>
      <span>
        {text}{' '}
        <span className="muted">
          {snooze.until === null ? (
            '— muted until resumed'
          ) : (
            <>
              — until <time dateTime={snooze.until}>{formatDateTime(snooze.until)}</time>
            </>
          )}
        </span>
      </span>
      <button type="button" disabled={actions.busy} onClick={() => void actions.resume([snooze.target])}>
        Resume
      </button>
      {actions.error !== null && (
        <span className="inline-error" role="alert">
          {actions.error}
        </span>
      )}
    </li>
  );
}
