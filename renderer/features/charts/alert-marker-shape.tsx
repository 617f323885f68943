import { SEVERITY_COLORS } from './chart-colors';
import type { AlertMarker } from './alert-markers';

/** The end points recharts hands a ReferenceLine's custom shape. */
export interface LineShapeProps {
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

/** A dashed line with a dot on top, coloured by severity; hovering it shows every message it stands for. */
export function AlertMarkerShape({ line, marker, title }: { line: LineShapeProps; marker: AlertMarker; title: string }) {
  const { x1, y1, x2, y2 } = line;
  if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return <g />;
  const color = SEVERITY_COLORS[marker.severity];
  const top = Math.min(y1, y2);
  return (
    <g className="alert-marker" data-testid="alert-marker" data-severity={marker.severity} data-count={marker.firings.length}>
      <title>{title}</title>
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} strokeWidth={1.5} strokeDasharray="4 3" />
      {/* A wide invisible stroke makes the thin line easy to hover. */}
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={9} />
      <circle cx={x1} cy={top + 5} r={marker.firings.length > 1 ? 5 : 4} fill={color} />
    </g>
  );
}
