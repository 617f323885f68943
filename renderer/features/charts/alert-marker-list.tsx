import { SeverityBadge } from '../alerts/severity-badge';
import type { AlertMarker } from './alert-markers';

/** Shown newest first; the chart's markers still show every one. */
const LISTED_FIRINGS = 12;

/** The legend of the chart's alert markers: when each alert started firing, and what it said. */
export function AlertMarkerList({ markers, timeText, error }: { markers: readonly AlertMarker[]; timeText(ms: number): string; error: string | null }) {
  if (error !== null) return <p className="hint">Alert markers unavailable: {error}</p>;
  const firings = markers.flatMap((marker) => marker.firings).reverse();
  if (firings.length === 0) return null;
  const hidden = firings.length - LISTED_FIRINGS;
  return (
    <div className="alert-marker-legend">
      <h3>Alerts in this range</h3>
      <ul className="alert-marker-list">
        {firings.slice(0, LISTED_FIRINGS).map((firing) => (
          <li key={firing.id} data-testid="alert-marker-item" data-severity={firing.severity}>
            <span className="muted nowrap">{timeText(firing.atMs)}</span> <SeverityBadge severity={firing.severity} /> {firing.message}
          </li>
        ))}
      </ul>
      {hidden > 0 && <p className="hint">and {hidden.toLocaleString('en-US')} more</p>}
    </div>
  );
}
