import type { UnitSystem } from '../../../shared/units';
import { exactHashrateText, scaledHashrateText, type HashrateDatum } from './hashrate-series';

export function isHashrateDatum(value: object): value is HashrateDatum {
  // Gap data (hashrate-series withGaps) have no figures and no tooltip.
  return 'atMs' in value && 'hps' in value;
}

/** Exact figures for the point under the pointer, at its time in the user's zone. */
export function HashrateTooltip({ datum, system, timeText }: { datum: HashrateDatum | null; system: UnitSystem; timeText(ms: number): string }) {
  if (datum === null) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-time">{timeText(datum.atMs)}</p>
      <p>
        Average <strong>{exactHashrateText(datum.hps.avg, system)}</strong>
      </p>
      <p className="muted">
        Min {scaledHashrateText(datum.hps.min, system)} · Max {scaledHashrateText(datum.hps.max, system)}
      </p>
    </div>
  );
}
