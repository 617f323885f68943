import type { ActiveAlertView } from '../../../shared/contract';
import type { Severity } from '../../../shared/model';
import type { Tone } from '../../components/tones';

export const SEVERITY_TONES: Record<Severity, Tone> = { critical: 'problem', warning: 'warning', info: 'unknown' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`badge tone-${SEVERITY_TONES[severity]}`} data-testid="severity-badge" data-severity={severity}>
      {severity}
    </span>
  );
}

export function AlertStatePill({ state, severity }: { state: ActiveAlertView['state']; severity: Severity }) {
  const tone: Tone = state === 'firing' ? SEVERITY_TONES[severity] : state === 'resolving' ? 'ok' : 'unknown';
  return <span className={`state-pill tone-${tone}`}>{state}</span>;
}
