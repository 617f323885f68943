import { RANGE_IDS, RANGE_LABELS, type RangeId } from './chart-range';

interface RangeBarProps {
  range: RangeId;
  zoomed: boolean;
  timeZone: string;
  onRange(range: RangeId): void;
  onResetZoom(): void;
}

export function RangeBar({ range, zoomed, timeZone, onRange, onResetZoom }: RangeBarProps) {
  return (
    <div className="range-bar">
      <div className="segmented" role="group" aria-label="Range">
        {RANGE_IDS.map((id) => (
          <button key={id} type="button" data-testid={`range-${id}`} aria-pressed={range === id} onClick={() => onRange(id)}>
            {RANGE_LABELS[id]}
          </button>
        ))}
      </div>
      <button type="button" data-testid="reset-zoom" onClick={onResetZoom} disabled={!zoomed}>
        Reset zoom
      </button>
      <span className="muted">Times in {timeZone}</span>
    </div>
  );
}
