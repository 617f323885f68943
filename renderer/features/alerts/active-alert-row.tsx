import { useEffect, useRef } from 'react';
import type { ActiveAlertView } from '../../../shared/contract';
import { formatDateTime } from '../../components/format-amount';
import { useAlertsStore } from '../../state/app-stores';
import { ruleLabel, scopeText, targetsToResume } from './active-alerts';
import { AlertStatePill, SeverityBadge } from './severity-badge';
import { SNOOZE_MINUTES, useSnoozeActions } from './use-snooze-actions';

export function ActiveAlertRow({ alert, focused = false }: { alert: ActiveAlertView; focused?: boolean }) {
  const snoozes = useAlertsStore((state) => state.snoozes);
  const actions = useSnoozeActions();
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!focused) return;
    row.current?.scrollIntoView({ block: 'center' });
    row.current?.focus();
  }, [focused]);
  return (
    <li
      ref={row}
      tabIndex={focused ? -1 : undefined}
      data-focused={focused ? 'true' : undefined}
      className={focused ? 'alert-row focused' : 'alert-row'}
      data-testid="active-alert"
      data-rule={alert.ruleId}
      data-state={alert.state}
      data-key={alert.key}
      data-severity={alert.severity}
      data-snoozed={String(alert.snoozed)}
    >
      <div className="alert-row-main">
        <p className="alert-row-title">
          <SeverityBadge severity={alert.severity} />
          <strong>{ruleLabel(alert.ruleId)}</strong>
          <AlertStatePill state={alert.state} severity={alert.severity} />
          {alert.urgent && <span className="badge tone-problem">urgent</span>}
          {alert.snoozed && (
            <span className="badge tone-unknown" data-testid="alert-snoozed">
              snoozed
            </span>
          )}
        </p>
        <p className="muted">{scopeText(alert.scope)}</p>
        <p>{alert.message}</p>
        <p className="muted">
          Since <time dateTime={alert.since}>{formatDateTime(alert.since)}</time>
          {alert.firedAt !== null && alert.firedAt !== alert.since && (
            <>
              {' '}
              · fired <time dateTime={alert.firedAt}>{formatDateTime(alert.firedAt)}</time>
            </>
          )}
        </p>
        {actions.error !== null && (
          <p className="inline-error" role="alert">
            {actions.error}
          </p>
        )}
      </div>
      <div className="alert-row-actions">
        <button type="button" disabled={actions.busy} onClick={() => void actions.snooze({ key: alert.key }, SNOOZE_MINUTES)}>
          Snooze 1 h
        </button>
        <button type="button" disabled={actions.busy} onClick={() => void actions.snooze({ key: alert.key }, null)}>
          Mute
        </button>
        {alert.snoozed && (
          <button type="button" disabled={actions.busy} onClick={() => void actions.resume(targetsToResume(alert, snoozes))}>
            Resume
          </button>
        )}
      </div>
    </li>
  );
}
